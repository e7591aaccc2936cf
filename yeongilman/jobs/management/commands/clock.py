"""A clock process for sites without systemd timers (Procfile, `make run`): every minute it
reaps lost jobs and queues due mail; once a day it queues the daily tasks."""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from yeongilman.jobs.services import jobs_reap
from yeongilman.outbox.services import mail_retry_due

log = logging.getLogger(__name__)


def daily_tasks() -> list[Any]:
    """The daily work, each a task that is safe to run twice on the same day."""
    from yeongilman.insights.tasks import remind_overdue_next_steps
    from yeongilman.jobs.tasks import prune_finished
    from yeongilman.partnering.tasks import rebuild_match_index, remind_expiring_opportunities

    return [
        remind_expiring_opportunities,
        remind_overdue_next_steps,
        rebuild_match_index,
        prune_finished,
    ]


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
                now = timezone.localtime()
                if now.hour >= options["daily_at"] and last_daily != now.date():
                    for task in daily_tasks():
                        task.enqueue()
                    last_daily = now.date()
                    log.info("daily tasks queued for %s", now.date())
            except Exception:  # the database may be restarting: the next tick tries again
                log.exception("clock tick failed")
            if options["once"]:
                return
            time.sleep(options["every"])
