"""Mail owners about overdue next steps of agreements, leads and policy requests (daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yeongilman.insights.services import remind_overdue


class Command(BaseCommand):
    help = "Mail owners of pipeline items whose next step is overdue (once per due date)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{remind_overdue()} reminders sent.")
