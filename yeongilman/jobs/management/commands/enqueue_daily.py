"""Queue the daily tasks (reminders, the match-index safety rebuild, pruning) for the workers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yeongilman.jobs.periodic import enqueue_daily


class Command(BaseCommand):
    help = "Queue the daily tasks; run once a day from a timer (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{enqueue_daily()} daily task(s) queued")
