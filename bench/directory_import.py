"""Import of a 10,000-row CSV into an empty directory: rows per second and peak memory.

Usage: python bench/directory_import.py [--rows 10000]
Uses a fresh SQLite file, or PostgreSQL when DATABASE_URL is set. Reports a first import
(all rows created) and a second import of the same file (all rows matched, none changed).
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import time
import tracemalloc

from _setup import CACHE, django_on_bench_database


def build_csv(rows: int) -> bytes:
    """A realistic upload: synthetic organisations in the documented columns, 1% bad rows."""
    from yeongilman.directory.importing import COLUMNS
    from yeongilman.directory.models import Industry
    from yeongilman.directory.synthetic import synthetic_organisations

    industries = {i.code: i for i in Industry.objects.all()}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for n, (org, chosen) in enumerate(synthetic_organisations(rows, 99, industries)):
        writer.writerow(
            {
                "kind": "spaceship" if n % 100 == 7 else org.kind,  # a bad row every hundred
                "name_ko": org.name_ko,
                "name_en": org.name_en,
                "description_ko": org.description_ko,
                "description_en": org.description_en,
                "industries": ";".join(i.code for i in chosen),
                "stage": org.stage,
                "city": org.city,
                "country": org.country,
                "founded_year": org.founded_year,
                "employees": org.employees,
                "website": f"https://org{n}.example.kr",
                "business_number": "",
                "tags": ";".join(org.tags),
                "published": "yes",
                "source": org.source,
            }
        )
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    database = CACHE / "import.sqlite3"
    database.unlink(missing_ok=True)
    vendor = django_on_bench_database("import.sqlite3")

    from yeongilman.accounts.models import User
    from yeongilman.directory.importing import import_organisations
    from yeongilman.directory.models import Organisation

    Organisation.objects.all().delete()
    operator, _ = User.objects.get_or_create(
        email="bench@example.org", defaults={"is_operator": True}
    )
    data = build_csv(args.rows)
    print(f"Import benchmark on {vendor}: {args.rows:,} rows, {len(data) / 1e6:.1f} MB CSV")
    for label in ("first import (creates)", "second import (all unchanged)"):
        tracemalloc.start()
        started = time.perf_counter()
        report = import_organisations(
            actor=operator, filename="bench.csv", data=data, dry_run=False
        )
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{label:32} {args.rows / seconds:8.0f} rows/s  {seconds:6.1f} s  "
            f"created {report.created:,}, updated {report.updated:,}, "
            f"unchanged {report.unchanged:,}, bad rows {len(report.failed_lines):,}; "
            f"Python peak {peak / 1e6:.0f} MB"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
