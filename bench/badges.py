"""Badges for a large event in one PDF: how long an operator waits, and how large the file is.

    python bench/badges.py [--participants 3000] [--label a6]
    bash scripts/with-postgres.sh .venv/bin/python bench/badges.py   # on PostgreSQL

The SQLite database is bench/.cache/badges.sqlite3: one event with --participants confirmed
registrations (Korean and romanised names, sixty organisations, some exhibitors, speakers and
organisers), filled once. Times what the background job does: reading the registrations and
their roles, then drawing every badge (vector QR codes, the Korean font embedded as a subset),
for each label size (or the one asked for); the CPU time beside the wall time tells a busy
machine from a slow renderer. Target: a minute at most for 3,000 badges.
"""

from __future__ import annotations

import argparse
import logging
import random
import time
from datetime import datetime, timedelta

from _setup import bench_organisations, django_on_bench_database

SEED = 2030
SURNAMES = [
    ("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"),
    ("강", "Kang"), ("조", "Cho"), ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim"),
]  # fmt: skip
SYLLABLES = [("민", "Min"), ("준", "jun"), ("서", "Seo"), ("연", "yeon"), ("지", "Ji"),
             ("우", "woo"), ("하", "Ha"), ("은", "eun"), ("도", "Do"), ("현", "hyun")]  # fmt: skip


def fill(participants: int) -> int:
    """The bench event with its registrations (idempotent: the event's slug marks it)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from yeongilman.accounts.models import User
    from yeongilman.directory.models import Person
    from yeongilman.events.models import Event, Exhibitor, ProgrammeSession, Registration

    slug = f"bench-badges-{participants}"
    event = Event.objects.filter(slug=slug).first()
    if event is not None:
        return event.pk
    rng = random.Random(SEED)
    organisations = bench_organisations(60)
    start = datetime(2027, 5, 20, 0, 0).astimezone()
    with transaction.atomic():
        event = Event.objects.create(
            slug=slug, kind="forum", title_ko="영일만 밸리 글로벌 포럼 2027",
            title_en="Yeongilman Valley Global Forum 2027", venue="POSCO International Center",
            city="Pohang", starts_at=start, ends_at=start + timedelta(hours=9), is_published=True,
        )  # fmt: skip
        event.organisers.add(organisations[0])
        Exhibitor.objects.bulk_create(
            [Exhibitor(event=event, organisation=o) for o in organisations[1:16]]
        )
        password = make_password(None)
        users, people = [], []
        for i in range(participants):
            (sk, _s), (ak, _a), (bk, _b) = (rng.choice(SURNAMES), rng.choice(SYLLABLES),
                                            rng.choice(SYLLABLES))  # fmt: skip
            korean = rng.random() < 0.7
            users.append(User(email=f"badge{i}@bench.example", password=password,
                              full_name=f"{sk}{ak}{bk}" if korean else f"Guest {i}",
                              language="ko" if korean else "en"))  # fmt: skip
        User.objects.bulk_create(users, batch_size=1000)
        users = list(User.objects.filter(email__endswith="@bench.example").order_by("pk"))
        for user in users:
            if user.language == "ko":
                ko = user.full_name
                people.append(Person(name_ko=ko, name_latin=_romanised(ko), user=user))
        Person.objects.bulk_create(people, batch_size=1000)
        Registration.objects.bulk_create(
            [Registration(event=event, user=u, status="confirmed",
                          organisation=organisations[i % len(organisations)])
             for i, u in enumerate(users)], batch_size=1000,
        )  # fmt: skip
        ProgrammeSession.objects.create(
            event=event, title_en="Keynote", starts_at=start, ends_at=start + timedelta(hours=1),
            speakers=", ".join(p.name_latin for p in people[:5]),
        )  # fmt: skip
    return event.pk


def _romanised(korean: str) -> str:
    surnames, syllables = dict(SURNAMES), dict(SYLLABLES)
    given = "".join(syllables[ch] for ch in korean[1:]).capitalize()
    return f"{surnames[korean[0]]} {given[:1]}{given[1:].lower()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--label", choices=["a6", "card", "100x70"], default=None)
    args = parser.parse_args()
    vendor = django_on_bench_database("badges.sqlite3")
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from django.utils import translation

    from yeongilman.events.models import Event
    from yeongilman.onsite.printing import data as printing_data
    from yeongilman.onsite.printing import pdf as printing_pdf

    event = Event.objects.get(pk=fill(args.participants))
    print(f"Badges for {args.participants:,} participants ({vendor})")
    for label in [args.label] if args.label else list(printing_data.LABELS):
        began, cpu = time.perf_counter(), time.process_time()
        with translation.override("ko"):
            roles = printing_data.Roles(event)
            badges = [
                printing_data.badge_for(r, roles)
                for r in printing_data.registrations_to_print(event)
            ]
            read = time.perf_counter() - began
            data = printing_pdf.badges_pdf(event, badges, label)
        total, cpu = time.perf_counter() - began, time.process_time() - cpu
        sheets = -(-len(badges) // printing_data.LABELS[label].per_sheet)
        size = len(data) / 1_000_000
        print(f"  {label:>6}: {len(badges):,} badges on {sheets:,} A4 sheets in {total:.1f} s "
              f"({cpu:.1f} s of CPU; reading {read:.1f} s), {size:.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
