"""Bring the stored match index in line with the database (encodes only what changed)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from yeongilman.partnering import adapter


class Command(BaseCommand):
    help = "Encode published profiles and live opportunities for matchmaking (skips unchanged)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        bar = tqdm(unit="item", desc="match index", disable=options["verbosity"] == 0)
        items, encoded = adapter.rebuild(progress=bar.update)
        bar.close()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{items} items indexed, {encoded} encoded, in {seconds:.1f} s"
            + (f" ({encoded / seconds:.1f} items/s)" if encoded else "")
        )
