"""Bring the stored match index in line with the database (encodes only what changed)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from yeongilman.core.errors import Conflict
from yeongilman.matchmaking import adapter, services


class Command(BaseCommand):
    help = "Encode published profiles and live opportunities for matchmaking (skips unchanged)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue a rebuild job for the task workers (they share its parts) and return.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            try:
                job = services.match_index_rebuild_start(actor=None)
            except Conflict as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(f"rebuild queued as job {job.pk}")
            return
        started = time.perf_counter()
        bar = tqdm(unit="item", desc="match index", disable=options["verbosity"] == 0)
        items, encoded = adapter.rebuild(progress=bar.update)
        bar.close()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{items} items indexed, {encoded} encoded, in {seconds:.1f} s"
            + (f" ({encoded / seconds:.1f} items/s)" if encoded else "")
        )
