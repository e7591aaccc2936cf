"""A Pohang investment summit with two confirmed participants, a programme session, check-in
staff of its own and staff of another event."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import make_user, register_while_open
from yeongilman.events.models import ProgrammeSession
from yeongilman.events.services import event_create
from yeongilman.onsite.services import staff_add

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def summit(operator):
    return event_create(
        actor=operator, kind="forum", title_ko="영일만 투자 서밋", title_en="Yeongilman Summit",
        venue="포스텍 국제관", city="Pohang", time_zone="Asia/Seoul",
        starts_at=datetime(2026, 5, 12, 9, tzinfo=SEOUL),
        ends_at=datetime(2026, 5, 12, 18, tzinfo=SEOUL),
        is_published=True,
    )  # fmt: skip


@pytest.fixture
def other_event(operator):
    return event_create(
        actor=operator, kind="forum", title_en="Battery Day", time_zone="Asia/Seoul",
        starts_at=datetime(2026, 6, 2, 9, tzinfo=SEOUL),
        ends_at=datetime(2026, 6, 2, 17, tzinfo=SEOUL),
        is_published=True,
    )  # fmt: skip


@pytest.fixture
def keynote(summit):
    return ProgrammeSession.objects.create(
        event=summit, title_en="Keynote", title_ko="기조연설",
        starts_at=datetime(2026, 5, 12, 10, tzinfo=SEOUL),
        ends_at=datetime(2026, 5, 12, 11, tzinfo=SEOUL),
    )  # fmt: skip


@pytest.fixture
def member_place(summit, member, battery_startup):
    return register_while_open(actor=member, event=summit, organisation=battery_startup)


@pytest.fixture
def other_place(summit, other_member, pittsburgh_lab):
    return register_while_open(actor=other_member, event=summit, organisation=pittsburgh_lab)


@pytest.fixture
def staffer(operator, summit):
    user = make_user("desk@example.org", full_name="Desk Staff")
    staff_add(actor=operator, event=summit, email=user.email)
    return user


@pytest.fixture
def foreign_staffer(operator, other_event):
    """Check-in staff of another event, not of the summit."""
    user = make_user("battery-desk@example.org", full_name="Battery Desk")
    staff_add(actor=operator, event=other_event, email=user.email)
    return user
