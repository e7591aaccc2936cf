"""Shared fixtures: one user per role and a small bilingual directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import make_organisation, make_person, make_user
from yeongilman.events.services import event_create, registration_create
from yeongilman.meetings.services import slots_define

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations() -> None:
    """Compile .po files if needed and drop catalogues Django may have cached before that."""
    from django.utils.translation import trans_real

    call_command("compile_translations", verbosity=0)
    trans_real._translations = {}  # type: ignore[attr-defined]
    trans_real._active = trans_real.Local()  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Throttle counters and cached pages from one test never reach the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Every test starts in the site's default language (Korean): a page the test before it
    visited in English leaves that language active in the thread, and nothing may rely on it."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def english() -> Iterator[None]:
    """For tests that read messages and labels in English outside a page's /en/ address."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def taxonomy_restored(transactional_db) -> None:
    """Transactional tests empty every table afterwards, the migrated taxonomy included: put
    it back first (tests with real transactions: concurrency, browsers)."""
    import importlib

    from django.apps import apps

    importlib.import_module("yeongilman.directory.migrations.0003_industry_taxonomy").add(
        apps, None
    )


@pytest.fixture
def operator(db):
    return make_user("operator@example.org", is_operator=True, full_name="Op Erator")


@pytest.fixture
def member(db):
    return make_user("member@example.org", full_name="김회원", language="ko")


@pytest.fixture
def other_member(db):
    return make_user("other@example.org", full_name="Other Member", language="en")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer@example.org", is_reviewer=True)


@pytest.fixture
def battery_startup(operator, member):
    """A Korean-only Pohang battery startup whose member is `member`."""
    return make_organisation(
        operator,
        members=(member,),
        name_ko="영일만배터리",
        description_ko="포항에서 배터리용 양극재와 이차전지의 재활용 기술을 개발합니다.",
        kind="startup",
        stage="seed",
        city="Pohang",
        country="KR",
        industries=("battery",),
        website="https://yeongilman-battery.example.kr",
    )


@pytest.fixture
def pittsburgh_lab(operator, other_member):
    """An English-only Pittsburgh robotics lab whose member is `other_member`."""
    return make_organisation(
        operator,
        members=(other_member,),
        name_en="Allegheny Robotics Lab",
        description_en="Research lab building Batteries-free robots and AI for manufacturing.",
        kind="research",
        city="Pittsburgh",
        country="US",
        industries=("robotics", "ai"),
        website="https://robotics-lab.example.org",
    )


@pytest.fixture
def hidden_org(operator, member):
    """An unpublished organisation of `member`."""
    return make_organisation(
        operator,
        members=(member,),
        name_ko="비공개수소",
        name_en="Hidden Hydrogen",
        description_en="Hydrogen fuel cells, not yet public.",
        kind="startup",
        industries=("hydrogen",),
        is_published=False,
    )


@pytest.fixture
def consenting_person(operator, battery_startup):
    return make_person(
        operator,
        battery_startup,
        name_ko="박동의",
        name_latin="Park Dong-ui",
        email="consent@example.kr",
        phone="+82-54-000-0000",
        contact_consent=True,
    )


@pytest.fixture
def private_person(operator, battery_startup):
    return make_person(
        operator,
        battery_startup,
        name_ko="이비공",
        email="private@example.kr",
        phone="+82-54-111-1111",
        contact_consent=False,
    )


def login(client: Client, user) -> Client:
    """Sign the user in (tests of the log-in page itself post the form)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# A CES-style B2B meeting day in Las Vegas (America/Los_Angeles) with two participants, and an
# exhibition with the member's stand: shared by the events, meetings, exhibitors and on-site tests.
LA = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def b2b_day(operator):
    event = event_create(
        actor=operator,
        kind="b2b",
        title_ko="CES 2027 포항관 B2B 상담회",
        title_en="CES 2027 Pohang Pavilion B2B Day",
        venue="LVCC",
        city="Las Vegas",
        time_zone="America/Los_Angeles",
        starts_at=datetime(2027, 1, 6, 9, 0, tzinfo=LA),
        ends_at=datetime(2027, 1, 6, 17, 0, tzinfo=LA),
        is_published=True,
        capacity=10,
    )
    slots_define(
        actor=operator,
        event=event,
        first_start=datetime(2027, 1, 6, 9, 0, tzinfo=LA),
        minutes=25,
        count=4,
        gap_minutes=5,
        tables=2,
    )
    return event


@pytest.fixture
def startup_user(battery_startup, member):
    member.time_zone = "Asia/Seoul"
    member.save()
    return member


@pytest.fixture
def investor_user(pittsburgh_lab, other_member):
    other_member.time_zone = "America/New_York"
    other_member.save()
    return other_member


@pytest.fixture
def registrations(b2b_day, startup_user, investor_user, battery_startup, pittsburgh_lab):
    startup = registration_create(actor=startup_user, event=b2b_day, organisation=battery_startup)
    investor = registration_create(actor=investor_user, event=b2b_day, organisation=pittsburgh_lab)
    return startup, investor


@pytest.fixture
def third_user(db):
    return make_user("third@example.org", full_name="Third Person")


# Exhibitor portal and leads: a published exhibition, the stand of `member`'s battery startup,
# and `other_member` (Allegheny Robotics Lab) registered as a visitor.
@pytest.fixture
def exhibition(operator):
    from datetime import UTC

    return event_create(
        actor=operator, kind="exhibition", title_ko="CES 2027 포항관", title_en="CES 2027",
        time_zone="UTC", is_published=True, starts_at=datetime(2027, 1, 6, 9, tzinfo=UTC),
        ends_at=datetime(2027, 1, 9, 18, tzinfo=UTC),
    )  # fmt: skip


@pytest.fixture
def stand(exhibition, battery_startup):
    from yeongilman.events.models import Exhibitor

    return Exhibitor.objects.create(event=exhibition, organisation=battery_startup)


@pytest.fixture
def visitor_registration(exhibition, other_member, pittsburgh_lab):
    return registration_create(actor=other_member, event=exhibition, organisation=pittsburgh_lab)
