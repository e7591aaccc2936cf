"""Insights dashboards over 100,000 organisations with five years of figures.

    python bench/insights_dashboard.py [--organisations 100000] [--rounds 5]

Fills the bench database once (organisations from `generate_synthetic`; per organisation five
yearly figures, and funding rounds and overseas entries for some), then times every chart's
data for the public and the operators' view, unfiltered and filtered by industry, city and
year. Prints the slowest of `--rounds` runs per chart (server time, aggregate queries).
Target: every chart under 300 ms on SQLite and on PostgreSQL (set DATABASE_URL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from decimal import Decimal

from _setup import django_on_bench_database

YEARS = range(2021, 2026)
COUNTRIES = ["US", "JP", "VN", "DE", "CN", "SG", "FR", "IN"]


def fill(organisations: int) -> None:
    """Create what is missing (idempotent between runs)."""
    from django.core.management import call_command
    from django.db import transaction

    from yeongilman.directory.models import Organisation
    from yeongilman.insights.models import ExchangeRate, Figure, FundingRound, OverseasEntry

    have = Organisation.objects.count()
    if have < organisations:
        call_command("generate_synthetic", "--organisations", str(organisations - have),
                     "--seed", "2028")  # fmt: skip
    if Figure.objects.exists():
        return
    rng = random.Random(2028)
    ExchangeRate.objects.get_or_create(date=dt.date(2020, 1, 1), currency="USD",
                                       defaults={"krw": Decimal("1300")})  # fmt: skip
    ids = list(Organisation.objects.values_list("pk", "employees"))
    started = time.perf_counter()
    with transaction.atomic():
        batch: list[Figure] = []
        for pk, employees in ids:
            base = rng.randint(50, 20_000) * 1_000_000
            for year in YEARS:
                revenue = Decimal(int(base * (1 + 0.1 * (year - 2021))))
                batch.append(Figure(
                    organisation_id=pk, year=year, revenue=revenue, revenue_krw=revenue,
                    revenue_usd=(revenue / 1300).quantize(Decimal("0.01")),
                    exports=revenue / 5, exports_krw=revenue / 5,
                    employees=employees, patents=rng.randint(0, 5),
                    is_published=rng.random() < 0.7,
                ))  # fmt: skip
            if len(batch) >= 20_000:
                Figure.objects.bulk_create(batch)
                batch = []
        Figure.objects.bulk_create(batch)
        rounds = [
            FundingRound(
                organisation_id=pk,
                date=dt.date(rng.choice(YEARS), rng.randint(1, 12), 1),
                round=rng.choice(["seed", "pre_a", "series_a", "series_b"]),
                amount=Decimal(rng.randint(1, 300) * 100_000_000),
                currency="KRW",
                amount_krw=Decimal(rng.randint(1, 300) * 100_000_000),
                is_published=rng.random() < 0.8,
            )  # fmt: skip
            for pk, _e in ids
            if rng.random() < 0.3
        ]
        FundingRound.objects.bulk_create(rounds, batch_size=10_000)
        entries = [
            OverseasEntry(
                organisation_id=pk,
                date=dt.date(rng.choice(YEARS), 6, 1),
                country=rng.choice(COUNTRIES),
                kind="export",
                is_published=rng.random() < 0.8,
            )  # fmt: skip
            for pk, _e in ids
            if rng.random() < 0.15
        ]
        OverseasEntry.objects.bulk_create(entries, batch_size=10_000)
    print(
        f"filled: {len(ids) * len(YEARS)} figures, {len(rounds)} funding rounds, "
        f"{len(entries)} overseas entries in {time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    vendor = django_on_bench_database(f"insights-{args.organisations}.sqlite3")
    fill(args.organisations)

    from django.db import connection
    from django.utils import translation

    from yeongilman.directory.models import Organisation
    from yeongilman.insights.selectors import CHARTS, Filters

    translation.activate("ko")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    city = Organisation.objects.values_list("city", flat=True).first() or ""
    views = {
        "public": Filters(),
        "operators": Filters(public=False),
        "public, industry=battery": Filters(industry="battery"),
        "operators, city, 2024": Filters(city=city, year=2024, public=False),
    }
    print(f"{vendor}: {Organisation.objects.count()} organisations")
    worst_overall = 0.0
    for name, make in CHARTS.items():
        cells = []
        for label, filters in views.items():
            times = []
            for _r in range(args.rounds):
                started = time.perf_counter()
                make(filters)
                times.append((time.perf_counter() - started) * 1000)
            cells.append(f"{label}: {max(times):.0f}")
            worst_overall = max(worst_overall, max(times))
        print(f"  {name:28} slowest ms — " + "; ".join(cells))
    print(f"slowest chart: {worst_overall:.0f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
