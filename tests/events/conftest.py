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
