"""Fail or re-queue jobs that lost their worker, queue due mail and the every-minute tasks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yeongilman.jobs.periodic import enqueue_minutely
from yeongilman.jobs.services import jobs_reap
from yeongilman.outbox.services import mail_retry_due


class Command(BaseCommand):
    help = "Reap jobs whose heartbeat is older than the lease and queue mail that is due."

    def handle(self, *args: Any, **options: Any) -> None:
        reaped, mails = jobs_reap(), mail_retry_due()
        enqueue_minutely()  # reminders and scheduled messages ride on the same timer
        if options["verbosity"]:
            self.stdout.write(f"{reaped} lost job(s) reaped, {mails} mail(s) queued for delivery")
