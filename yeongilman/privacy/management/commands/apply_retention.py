"""Erase what is past its retention period (run daily; safe to run twice)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yeongilman.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Erase application files, mail and job files past their retention periods."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = retention_apply()
        self.stdout.write(", ".join(f"{n} {what.replace('_', ' ')}" for what, n in counts.items()))
