"""Shared set-up for benchmarks: Django on a dedicated benchmark database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


def django_on_bench_database(name: str) -> str:
    """Point Django at DATABASE_URL if set (PostgreSQL), else at a cached SQLite file."""
    CACHE.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{CACHE / name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("compile_translations", verbosity=0)
    return connection.vendor


def bench_organisations(count: int) -> list:
    """The first `count` organisations of the bench database, generated (seed 2027) if fewer."""
    from django.core.management import call_command

    from yeongilman.directory.models import Organisation

    have = Organisation.objects.count()
    if have < count:
        call_command("generate_synthetic", "--organisations", str(count - have), "--seed", "2027")
    return list(Organisation.objects.order_by("pk")[:count])


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]
