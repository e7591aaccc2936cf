"""Mail owners of opportunities that expire within two weeks (run daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yeongilman.partnering import services


class Command(BaseCommand):
    help = "Remind owners to renew opportunities that expire within two weeks."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{services.remind_expiring()} reminder(s) sent")
