"""Directory search over 100,000 synthetic organisations: server time of 20 typical queries.

Usage: python bench/directory_search.py [--organisations 100000] [--rounds 5]
Runs on the cached SQLite file bench/.cache/, or on PostgreSQL when DATABASE_URL is set
(`make bench` does both). Times the whole page request in Django (query, facets, template).
"""

from __future__ import annotations

import argparse
import statistics
import time

from _setup import django_on_bench_database, percentile

QUERIES: list[tuple[str, dict[str, str | list[str]]]] = [
    ("ko: 배터리", {"q": "배터리"}),
    ("ko: 이차전지", {"q": "이차전지"}),
    ("ko: 수소 연료전지", {"q": "수소 연료전지"}),
    ("ko: 바이오 포항", {"q": "바이오 포항"}),
    ("ko: 스마트팜", {"q": "스마트팜"}),
    ("ko: 양극재 + startup", {"q": "양극재", "kind": "startup"}),
    ("ko: 인공지능 + KR", {"q": "AI", "country": "KR"}),
    ("ko: 재활용 + battery", {"q": "재활용", "industry": "battery"}),
    ("en: battery", {"q": "battery"}),
    ("en: hydrogen fuel cell", {"q": "hydrogen fuel cell"}),
    ("en: antibody drug", {"q": "antibody drug"}),
    ("en: Series A investment", {"q": "Series A investment"}),
    ("en: robots + US", {"q": "robots", "country": "US"}),
    ("en: graphene + Pohang", {"q": "graphene", "city": "Pohang"}),
    ("en: cathode + seed", {"q": "cathode", "stage": "seed"}),
    ("en: Pittsburgh investor", {"q": "Pittsburgh", "kind": "investor"}),
    ("facets: bio + KR", {"industry": "bio", "country": "KR"}),
    ("facets: startup + series_a", {"kind": "startup", "stage": "series_a"}),
    ("browse: page 1", {}),
    ("browse: page 50", {"page": "50"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    vendor = django_on_bench_database(f"directory-{args.organisations}.sqlite3")

    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.test import Client

    from yeongilman.directory.models import Organisation
    from yeongilman.directory.selectors import DirectoryFilters, search_directory

    def filters(params: dict[str, str | list[str]]) -> DirectoryFilters:
        lists = {
            k: [v] if isinstance(v, str) else v for k, v in params.items() if k not in ("q", "page")
        }
        return DirectoryFilters(q=str(params.get("q", "")), **lists)  # type: ignore[arg-type]

    have = Organisation.objects.count()
    if have < args.organisations:
        started = time.perf_counter()
        call_command(
            "generate_synthetic",
            "--organisations",
            str(args.organisations - have),
            "--seed",
            "2026",
        )
        print(
            f"generated {args.organisations - have} organisations in "
            f"{time.perf_counter() - started:.0f} s"
        )

    client = Client()
    for lang in ("ko", "en"):  # warm caches, connections, templates
        for _name, params in QUERIES:
            client.get(f"/{lang}/directory/", params)

    samples: dict[str, list[float]] = {name: [] for name, _p in QUERIES}
    totals: dict[str, int] = {}
    for round_no in range(args.rounds):
        lang = "ko" if round_no % 2 == 0 else "en"
        for name, params in QUERIES:
            started = time.perf_counter()
            response = client.get(f"/{lang}/directory/", params)
            samples[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (name, response.status_code)
    for name, params in QUERIES:
        totals[name] = search_directory(AnonymousUser(), filters(params), with_facets=False).total

    everything = [s for values in samples.values() for s in values]
    print(
        f"\nDirectory search, {vendor}, {Organisation.objects.count():,} organisations, "
        f"{args.rounds} rounds of {len(QUERIES)} queries (page request incl. facets)"
    )
    print(f"{'query':34} {'matches':>8} {'median ms':>10} {'max ms':>8}")
    for name, values in samples.items():
        print(
            f"{name:34} {totals[name]:>8,} {statistics.median(values):>10.1f} {max(values):>8.1f}"
        )
    print(
        f"\nALL: p50 {percentile(everything, 50):.1f} ms, p95 {percentile(everything, 95):.1f} ms "
        f"(target p95 < 150 ms)"
    )


if __name__ == "__main__":
    main()
