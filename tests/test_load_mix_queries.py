"""Every route of bench/load_test.py's mix reads in a fixed number of queries, whatever the size
of the world: an N+1 or a query added per item fails here, not in a benchmark.

Each route has a budget (the queries it makes today, caches cold); a change that needs another
query raises the budget here on purpose. The world then grows (organisations with people and
industries, events with sessions, exhibitors and delegation visits, agreements, opportunities)
and every route must read in the same number of queries as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import login
from tests.factories import make_organisation, make_person
from yeongilman.accounts.services import api_token_issue_from_console
from yeongilman.events.models import Event, Exhibitor, ProgrammeSession, Visit
from yeongilman.events.services import event_create, registration_create
from yeongilman.insights import services as insights
from yeongilman.matchmaking import adapter

# Exactly the queries of each route with cold caches (signed-in pages read the session and the
# user first). A route that got better lowers its budget; a rise is explained where it happens.
BUDGETS: dict[str, int | dict[str, int]] = {
    "home": 12,
    "events": 1,
    "event page": 6,
    "organisation": 3,
    # PostgreSQL counts the facets in one query (GROUPING SETS); SQLite runs two.
    "search ko": {"sqlite": 6, "postgresql": 5},
    "search en": {"sqlite": 6, "postgresql": 5},
    "api list": 5,
    # Charts built on part of the organisations say how many of how many (one or two counts
    # per such chart, whatever the data; the page is cached between changes).
    "insights": 21,
    "insights ops": 32,
    # Suggestions remember meetings held (no-fit pairs, follow-ups, similar organisations'
    # good meetings) and show where the viewer's requests stand: four reads, any size.
    "suggestions": 23,
}

INDUSTRIES = ("battery", "hydrogen", "bio", "ai")


def _grow(operator, n: int, start: int) -> None:
    """n more of everything the mix's pages list."""
    for i in range(start, start + n):
        organisation = make_organisation(
            operator,
            name_ko=f"포항배터리{i}",
            name_en=f"Pohang Battery {i}",
            description_ko="포항에서 배터리 양극재와 수소 연료전지를 만듭니다.",
            description_en="Battery cathodes and hydrogen fuel cells from Pohang.",
            kind="startup" if i % 2 else "corporate",
            city="Pohang",
            country="KR",
            founded_year=2015 + i % 8,
            industries=(INDUSTRIES[i % 4], "battery"),
        )
        make_person(operator, organisation, name_latin=f"Person {i}", contact_consent=True)
        event = event_create(
            actor=operator, kind="exhibition", title_ko=f"전시회 {i}", title_en=f"Show {i}",
            time_zone="UTC", is_published=True,
            starts_at=datetime(2027, 3, 1 + i % 20, 9, tzinfo=UTC),
            ends_at=datetime(2027, 3, 1 + i % 20, 18, tzinfo=UTC),
        )  # fmt: skip
        event.organisers.add(organisation)
        shows = Event.objects.filter(slug__startswith="mix-show").order_by("pk")
        for show in shows:
            Exhibitor.objects.create(event=show, organisation=organisation, booth=f"B{i}")
            ProgrammeSession.objects.create(
                event=show, title_en=f"Talk {i}", starts_at=show.starts_at,
                ends_at=show.starts_at + dt.timedelta(hours=1),
            )  # fmt: skip
            Visit.objects.create(
                event=show, organisation=organisation, place="Pittsburgh",
                starts_at=show.starts_at,
            )  # fmt: skip
        insights.agreement_save(
            actor=operator, parties=[organisation],
            values={"title_en": f"MOU {i}", "kind": "mou", "stage": "negotiation",
                    "next_step": "call", "next_step_due": dt.date(2027, 1, 1)},
        )  # fmt: skip


@pytest.fixture
def mix_world(operator, member, battery_startup, pittsburgh_lab):
    show = event_create(
        actor=operator, kind="exhibition", slug="mix-show", title_ko="CES 포항관",
        title_en="CES Pohang Pavilion", time_zone="America/Los_Angeles", is_published=True,
        starts_at=datetime(2027, 1, 6, 17, tzinfo=UTC), ends_at=datetime(2027, 1, 9, 1, tzinfo=UTC),
    )  # fmt: skip
    registration_create(actor=member, event=show, organisation=battery_startup)
    _grow(operator, 1, 0)
    return show


def _budget(route: str) -> int:
    budget = BUDGETS[route]
    return budget if isinstance(budget, int) else budget[connection.vendor]


def _count(client: Client, path: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def _routes(show, battery_startup, operator, member) -> dict[str, Callable[[], int]]:
    visitor = Client()
    ops = login(Client(), operator)
    mine = login(Client(), member)
    _token, raw = api_token_issue_from_console(user=operator, name="mix")
    slug = battery_startup.slug
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    api.get("/api/v1/organisations")  # a token's first use records when it was used
    return {
        "home": lambda: _count(visitor, "/ko/"),
        "events": lambda: _count(visitor, "/ko/events/"),
        "event page": lambda: _count(visitor, f"/en/events/{show.slug}/"),
        "organisation": lambda: _count(visitor, f"/en/directory/o/{slug}/"),
        "search ko": lambda: _count(visitor, "/ko/directory/?q=배터리&country=KR"),
        "search en": lambda: _count(visitor, "/en/directory/?q=battery"),
        "api list": lambda: _count(api, "/api/v1/organisations?q=battery&page=1"),
        "insights": lambda: _count(visitor, "/ko/insights/"),
        "insights ops": lambda: _count(ops, "/en/insights/all/"),
        "suggestions": lambda: _count(mine, f"/en/partnering/suggestions/{slug}/"),
    }


def test_every_route_of_the_load_mix_reads_within_its_budget_at_any_size(
    mix_world, operator, member, battery_startup
):
    adapter.forget()
    adapter.rebuild()
    routes = _routes(mix_world, battery_startup, operator, member)
    small = {name: count() for name, count in routes.items()}
    budgets = {name: _budget(name) for name in BUDGETS}
    over = {name: (n, budgets[name]) for name, n in small.items() if n != budgets[name]}
    assert not over, f"routes whose queries differ from their budget (made, budget): {over}"

    _grow(operator, 4, 1)
    adapter.rebuild()
    large = {name: count() for name, count in routes.items()}
    grew = {name: (small[name], n) for name, n in large.items() if n != small[name]}
    assert not grew, f"routes whose queries grew with the data (before, after): {grew}"
