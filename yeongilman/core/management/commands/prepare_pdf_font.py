"""Cut the Korean PDF font to Hangul, Latin and punctuation once (core.pdf); the server's
start-up runs this in the background when the cut is missing."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from yeongilman.core.pdf import prepare_korean_font, prepared_font_path


class Command(BaseCommand):
    help = "Make the cut of the Korean font that single badges and agendas use (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        existed = prepared_font_path().is_file()
        path = prepare_korean_font()
        took = "already there" if existed else f"made in {time.monotonic() - started:.1f} s"
        self.stdout.write(f"{path} ({took})")
