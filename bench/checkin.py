"""Check-in throughput: how many scans a second the server answers at a busy door.

    python bench/checkin.py [--registrations 2000] [--batch 200]
    bash scripts/with-postgres.sh .venv/bin/python bench/checkin.py   # on PostgreSQL

The SQLite database is bench/.cache/checkin.sqlite3: one event with --registrations confirmed
registrations, filled once; the check-ins are emptied before each pass. Every request goes
through Django's test client to the JSON API, as a desk's page sends it (session, JSON body,
signed code checked, one row written per admission):
- sequential: one POST /check-ins per person (a desk online), then every person again (the
  "already checked in" answer);
- batch: the same people as replayed offline queues of --batch scans, then every queue sent a
  second time (duplicates by client scan id).
Target: at least 100 scans a second sequentially on SQLite (a door of twenty desks, each
scanning one person every three seconds, needs about seven). Measured on 16 quiet cores: 145
sequential (p95 9 ms), 1,600 in queues of 200; under a load of 14 other processes: 12 and 44.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from datetime import timedelta

from _setup import django_on_bench_database, percentile


def fill(registrations: int) -> tuple[int, int]:
    """The bench event and its desk's operator (idempotent: the event's slug marks it)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from yeongilman.accounts.models import User
    from yeongilman.events.models import Event, Registration, RegistrationStatus

    operator, _ = User.objects.get_or_create(
        email="bench-desk@example.org",
        defaults={"is_operator": True, "full_name": "Bench Desk", "password": make_password(None)},
    )
    slug = f"bench-checkin-{registrations}"
    event = Event.objects.filter(slug=slug).first()
    if event is not None:
        return event.pk, operator.pk
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.create(
            slug=slug, kind="forum", title_en="Check-in bench", time_zone="Asia/Seoul",
            starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=3650),
            is_published=True,
        )  # fmt: skip
        password = make_password(None)
        users = User.objects.bulk_create(
            User(email=f"guest{i}@{slug}.example.org", full_name=f"Guest {i}", password=password)
            for i in range(registrations)
        )
        Registration.objects.bulk_create(
            Registration(event=event, user=u, status=RegistrationStatus.CONFIRMED) for u in users
        )
    return event.pk, operator.pk


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:8.0f} scans/s"


def main() -> None:
    """Fill, then time sequential and batch check-ins."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    vendor = django_on_bench_database("checkin.sqlite3")
    logging.disable(logging.WARNING)

    from django.test import Client

    from yeongilman.accounts.models import User
    from yeongilman.events.codes import code_for
    from yeongilman.events.models import Registration
    from yeongilman.onsite.models import CheckIn

    event_id, operator_id = fill(args.registrations)
    codes = [code_for(r) for r in Registration.objects.filter(event_id=event_id).order_by("pk")]
    client = Client()
    client.force_login(User.objects.get(pk=operator_id))
    single = f"/api/v1/events/{event_id}/check-ins"
    batch = f"/api/v1/events/{event_id}/check-ins/batch"
    print(f"check-in on {vendor}: {len(codes)} confirmed registrations, one desk (test client)")

    def post(url: str, body: dict) -> int:
        return client.post(url, json.dumps(body), content_type="application/json").status_code

    CheckIn.objects.filter(event_id=event_id).delete()
    for label, expected in (("sequential, first scan", 201), ("sequential, second scan", 200)):
        samples = []
        started = time.perf_counter()
        for i, code in enumerate(codes):
            t0 = time.perf_counter()
            status = post(single, {"code": code, "client_scan_id": f"{expected}-{i}"})
            samples.append((time.perf_counter() - t0) * 1000)
            assert status == expected, status
        total = time.perf_counter() - started
        print(
            f"  {label:<26} {_rate(len(codes), total)}  p50 {percentile(samples, 50):5.1f} ms"
            f"  p95 {percentile(samples, 95):5.1f} ms"
        )
    assert CheckIn.objects.filter(event_id=event_id).count() == len(codes)

    CheckIn.objects.filter(event_id=event_id).delete()
    queues = [
        [
            {"code": c, "client_scan_id": f"q-{n + j}"}
            for j, c in enumerate(codes[n : n + args.batch])
        ]
        for n in range(0, len(codes), args.batch)
    ]
    for label in ("batch, first replay", "batch, replayed again"):
        samples = []
        started = time.perf_counter()
        for queue in queues:
            t0 = time.perf_counter()
            assert post(batch, {"scans": queue}) == 200
            samples.append((time.perf_counter() - t0) * 1000)
        total = time.perf_counter() - started
        print(
            f"  {label:<26} {_rate(len(codes), total)}  {len(queues)} requests of {args.batch},"
            f" p95 {percentile(samples, 95):6.0f} ms each"
        )
    assert CheckIn.objects.filter(event_id=event_id).count() == len(codes)


if __name__ == "__main__":
    main()
