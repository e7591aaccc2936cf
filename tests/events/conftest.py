"""A CES-style B2B meeting day in Las Vegas (America/Los_Angeles) with two participants."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import make_user
from yeongilman.events.services import event_create, registration_create, slots_define

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
