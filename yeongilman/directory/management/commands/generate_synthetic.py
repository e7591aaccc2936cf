"""Create N synthetic bilingual organisations (marked synthetic) for load tests and benchmarks."""

from __future__ import annotations

from itertools import islice
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from yeongilman.directory.models import Industry
from yeongilman.directory.services import organisations_bulk_save
from yeongilman.directory.synthetic import synthetic_organisations

BATCH = 2000


class Command(BaseCommand):
    help = "Generate realistic bilingual synthetic organisations, marked as synthetic."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        total = options["organisations"]
        industries = {i.code: i for i in Industry.objects.all()}
        stream = synthetic_organisations(total, options["seed"], industries)
        with tqdm(total=total, unit="org", disable=options["no_progress"]) as progress:
            while batch := list(islice(stream, BATCH)):
                organisations_bulk_save(new=batch, changed=[])
                progress.update(len(batch))
        # Fresh statistics so the planner knows the new sizes; on PostgreSQL VACUUM also fills
        # the visibility map, which index-only scans of the facet index need.
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Created {total} synthetic organisations."))
