"""The front page over 100,000 organisations: server time for a visitor and signed-in members.

    python bench/front_page.py [--organisations 100000] [--requests 200]
    bash scripts/with-postgres.sh .venv/bin/python bench/front_page.py   # on PostgreSQL

On SQLite the database is bench/.cache/front-page-<n>.sqlite3: a copy of the directory
benchmark's file when there is one (else `generate_synthetic` fills it), then, once, the insights
benchmark's figures (500,000 yearly figures, funding rounds, overseas entries: its `fill`) and
the rest of what the page reads: 300 events (a fifth unpublished), three pavilions with
exhibitors and awards, 120 calls, 30,000 opportunities, 20,000 interests, 2,000 people at a B2B
day with meeting requests, 5,000 applications, and 50 members with a bit of everything waiting.

Times whole page requests through Django's test client, Korean and English alternately:
- cached, as served (YV_PUBLIC_CACHE_SECONDS = 60; the first request of a language fills it);
- cold, the cache emptied before every request (what the first request of each minute costs).
Target: p95 ≤ 100 ms, cached, for the visitor and for members (an operator's row is printed too:
operators read the lists fresh, with unpublished events and calls).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import time
import warnings
from datetime import timedelta

from _setup import CACHE, django_on_bench_database, percentile

SEED = 2029
MEMBERS = 50


def _database(organisations: int) -> str:
    """Start the SQLite file from the directory benchmark's, which already has the organisations."""
    name = f"front-page-{organisations}.sqlite3"
    source = CACHE / f"directory-{organisations}.sqlite3"
    if not os.environ.get("DATABASE_URL") and not (CACHE / name).exists() and source.exists():
        shutil.copyfile(source, CACHE / name)
    return django_on_bench_database(name)


def fill(organisations: int) -> None:
    """Create what is missing (idempotent between runs: the pavilion marks a filled database)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone
    from insights_dashboard import fill as fill_insights

    from yeongilman.accounts.models import Membership, User
    from yeongilman.directory.models import Organisation
    from yeongilman.events.models import Event, Exhibitor, Registration
    from yeongilman.insights.models import Award
    from yeongilman.meetings.models import MeetingRequest
    from yeongilman.partnering.models import Interest, Opportunity, OpportunityType
    from yeongilman.programs.models import Application, Call, Program

    fill_insights(organisations)  # organisations too, when fewer than asked
    if Event.objects.filter(slug="bench-pavilion-0").exists():
        return
    started = time.perf_counter()
    rng = random.Random(SEED)
    now = timezone.now()
    ids = list(Organisation.objects.filter(is_published=True).values_list("pk", flat=True))
    with transaction.atomic():
        kinds = ["forum", "webinar", "delegation", "b2b", "exhibition"]
        events = []
        for i in range(300):
            start = now + timedelta(days=rng.randint(-730, 730), hours=rng.randint(0, 23))
            events.append(Event(
                slug=f"bench-event-{i}", kind=rng.choice(kinds), title_en=f"Bench event {i}",
                title_ko=f"벤치 행사 {i}", starts_at=start, ends_at=start + timedelta(hours=8),
                city="Pohang", is_published=rng.random() < 0.8,
            ))  # fmt: skip
        for i, days in enumerate((40, -300, -700)):
            start = now + timedelta(days=days)
            events.append(Event(
                slug=f"bench-pavilion-{i}", kind="exhibition", title_en=f"CES pavilion {i}",
                title_ko=f"CES 포항관 {i}", starts_at=start, ends_at=start + timedelta(days=3),
                city="Las Vegas", time_zone="America/Los_Angeles", is_published=True,
            ))  # fmt: skip
        day_start = now + timedelta(days=20)
        day = Event(slug="bench-b2b-day", kind="b2b", title_en="Bench B2B day", is_published=True,
                    starts_at=day_start, ends_at=day_start + timedelta(hours=6))  # fmt: skip
        events.append(day)
        Event.objects.bulk_create(events)
        pavilions = Event.objects.filter(slug__startswith="bench-pavilion-")
        Exhibitor.objects.bulk_create(
            Exhibitor(event=p, organisation_id=pk, products="Product",
                      award="CES Innovation Award" if n < 20 else "")
            for p in pavilions for n, pk in enumerate(rng.sample(ids, 150))
        )  # fmt: skip
        Award.objects.bulk_create(
            Award(organisation_id=pk, year=rng.randint(2021, 2025), name="CES Innovation Award",
                  is_published=rng.random() < 0.8)
            for pk in rng.sample(ids, 400)
        )  # fmt: skip
        programs = Program.objects.bulk_create(
            Program(slug=f"bench-program-{i}", title_en=f"Programme {i}") for i in range(10)
        )
        calls = []
        for i in range(120):
            opens = now + timedelta(days=rng.randint(-400, 60))
            calls.append(Call(
                program=rng.choice(programs), slug=f"bench-call-{i}", title_en=f"Call {i}",
                opens_at=opens, closes_at=opens + timedelta(days=rng.randint(20, 60)),
                is_published=rng.random() < 0.9,
            ))  # fmt: skip
        Call.objects.bulk_create(calls)
        types = list(OpportunityType.values)
        opportunities = []
        for i in range(30_000):
            status = rng.choices(["published", "draft", "closed"], [70, 20, 10])[0]
            published = now - timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
            opportunities.append(Opportunity(
                owner_id=rng.choice(ids), type=rng.choice(types), title_en=f"Opportunity {i}",
                title_ko=f"협력 기회 {i}", status=status,
                published_at=published if status != "draft" else None,
                expires_at=published + timedelta(days=365) if rng.random() < 0.5 else None,
            ))  # fmt: skip
        Opportunity.objects.bulk_create(opportunities, batch_size=5_000)
        opportunity_ids = list(Opportunity.objects.values_list("pk", "owner_id"))
        pairs = {(rng.choice(opportunity_ids), rng.choice(ids)) for _ in range(20_000)}
        Interest.objects.bulk_create(
            (Interest(opportunity_id=o, organisation_id=org, message="Interested",
                      status=rng.choice(["pending", "accepted", "declined"]))
             for (o, owner), org in pairs if owner != org),
            batch_size=5_000,
        )  # fmt: skip
        password = make_password(None)
        people = User.objects.bulk_create(
            User(email=f"bench-{i}@example.org", password=password, full_name=f"Bench {i}")
            for i in range(2_000 + MEMBERS)
        )
        members, others = people[:MEMBERS], people[MEMBERS:]
        member_orgs = rng.sample(ids, MEMBERS)
        Membership.objects.bulk_create(
            Membership(user=u, organisation_id=org, role="owner")
            for u, org in zip(members, member_orgs, strict=True)
        )
        others_orgs = rng.sample(ids, len(others))
        Registration.objects.bulk_create(
            Registration(event=day, user=u, organisation_id=org, status="confirmed")
            for u, org in zip(people, member_orgs + others_orgs, strict=True)
        )
        registrations = {r.user_id: r for r in Registration.objects.filter(event=day)}
        requests = set()
        for u in people:
            for other in rng.sample(people, 3):
                if other.pk != u.pk:
                    requests.add((registrations[other.pk].pk, registrations[u.pk].pk))
        MeetingRequest.objects.bulk_create(
            MeetingRequest(event=day, requester_id=a, recipient_id=b) for a, b in requests
        )
        open_calls = list(Call.objects.filter(closes_at__gt=now, opens_at__lte=now))
        applications = {(rng.choice(calls).pk, rng.choice(ids)) for _ in range(5_000)}
        applications |= {(open_calls[n % len(open_calls)].pk, org)
                         for n, org in enumerate(member_orgs)}  # fmt: skip
        Application.objects.bulk_create(
            Application(call_id=c, organisation_id=org, status=rng.choice(["draft", "submitted"]))
            for c, org in applications
        )
        for n, org in enumerate(member_orgs):  # something waiting for every member
            mine = Opportunity.objects.create(owner_id=org, type=types[0], title_en=f"Mine {n}",
                                              status="published", published_at=now)  # fmt: skip
            Opportunity.objects.create(owner_id=org, type=types[1], title_en=f"Draft {n}")
            Interest.objects.bulk_create(
                Interest(opportunity=mine, organisation_id=other, message="Hello")
                for other in rng.sample(ids, 5)
                if other != org
            )
    print(f"filled the front page's world in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="per cached row")
    parser.add_argument("--cold-requests", type=int, default=40, help="per cold row")
    args = parser.parse_args()
    vendor = _database(args.organisations)
    fill(args.organisations)

    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from yeongilman.accounts.models import User
    from yeongilman.directory.models import Organisation

    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per signed-in client
    warnings.filterwarnings("ignore", message="No directory at")  # static files: not served
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if not connection.in_atomic_block else "ANALYZE")
    members = list(User.objects.filter(email__startswith="bench-", memberships__isnull=False))
    operator, _new = User.objects.get_or_create(
        email="bench-operator@example.org", defaults={"is_operator": True}
    )

    def visitor() -> Client:
        return Client()

    def signed_in(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    def run(label: str, clients: list[Client], cold: bool) -> None:
        times: list[float] = []
        for n in range(args.cold_requests if cold else args.requests):
            if cold:
                cache.clear()
            language = "ko" if n % 2 == 0 else "en"
            started = time.perf_counter()
            response = clients[n % len(clients)].get(f"/{language}/")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            clients[0].get("/en/")
        print(f"  {label:40} p50 {percentile(times, 50):6.1f} ms   p95 "
              f"{percentile(times, 95):6.1f} ms   max {max(times):6.1f} ms   "
              f"{len(captured)} queries")  # fmt: skip

    settings.YV_PUBLIC_CACHE_SECONDS = 60
    visitors = [visitor() for _ in range(4)]
    members_clients = [signed_in(members[n % len(members)]) for n in range(20)]
    operators = [signed_in(operator)]
    for client in (
        visitors[:1] + members_clients[:2] + operators
    ):  # warm templates, catalogues, connections
        client.get("/ko/")
        client.get("/en/")
    print(f"\nFront page, {vendor}, {Organisation.objects.count():,} organisations, "
          f"{args.requests} requests per cached row and {args.cold_requests} per cold row "
          "(Korean and English alternately)")  # fmt: skip
    run("visitor, cached", visitors, cold=False)
    run("member (20 of them), cached", members_clients, cold=False)
    run("operator (lists fresh, figures cached)", operators, cold=False)
    run("visitor, cold (cache emptied)", visitors, cold=True)
    run("member, cold (cache emptied)", members_clients, cold=True)
    print("target: p95 ≤ 100 ms (cached)")


if __name__ == "__main__":
    main()
