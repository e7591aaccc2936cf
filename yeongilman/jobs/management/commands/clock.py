"""A clock process for sites without systemd timers (Procfile, `make run`): every minute it
reaps lost jobs, queues due mail and the every-minute tasks (meeting reminders, scheduled
messages); once a day it queues the daily tasks (a restart on the same day queues them again,
which they allow)."""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from yeongilman.jobs.periodic import enqueue_daily, enqueue_minutely
from yeongilman.jobs.services import jobs_reap
from yeongilman.outbox.services import mail_retry_due

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic work: reaping and mail every minute, the daily tasks at an hour."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--daily-at", type=int, default=6, help="Hour (site time), 0-23.")
        parser.add_argument("--every", type=float, default=60.0, help="Seconds between ticks.")
        parser.add_argument("--once", action="store_true", help="One tick, then exit (tests).")

    def handle(self, *args: Any, **options: Any) -> None:
        last_daily: date | None = None
        while True:
            close_old_connections()
            try:
                jobs_reap()
                mail_retry_due()
                enqueue_minutely()
                now = timezone.localtime()
                if now.hour >= options["daily_at"] and last_daily != now.date():
                    enqueue_daily()
                    last_daily = now.date()
            except Exception:  # the database may be restarting: the next tick tries again
                log.exception("clock tick failed")
            if options["once"]:
                return
            time.sleep(options["every"])
