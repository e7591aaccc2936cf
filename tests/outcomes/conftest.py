"""A B2B day that is over: a startup (KR) and a lab (US) met in its first slot."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories import register_while_open
from yeongilman.events.services import event_create
from yeongilman.meetings.services import (
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    slots_define,
)

SEOUL = ZoneInfo("Asia/Seoul")
DAY = datetime(2025, 3, 4, 9, 0, tzinfo=SEOUL)


@pytest.fixture
def past_day(operator):
    event = event_create(
        actor=operator, kind="b2b", title_ko="지난 상담회", title_en="Past B2B day",
        city="Pohang", time_zone="Asia/Seoul", starts_at=DAY, ends_at=DAY + timedelta(hours=8),
        is_published=True,
    )  # fmt: skip
    slots_define(actor=operator, event=event, first_start=DAY, minutes=30, count=3,
                 gap_minutes=0, tables=3)  # fmt: skip
    return event


@pytest.fixture
def sides(past_day, member, other_member, battery_startup, pittsburgh_lab):
    startup = register_while_open(actor=member, event=past_day, organisation=battery_startup)
    lab = register_while_open(actor=other_member, event=past_day, organisation=pittsburgh_lab)
    return startup, lab


@pytest.fixture
def meeting(past_day, sides, member, other_member, operator):
    startup, lab = sides
    request = meeting_request_send(actor=member, event=past_day, recipient=lab)
    meeting_request_respond(actor=other_member, request=request, accept=True)
    request.refresh_from_db()
    return meeting_move(actor=operator, request=request, slot=past_day.slots.first())


@pytest.fixture
def after_meeting():
    """An hour after the first slot ended."""
    return DAY + timedelta(minutes=90)


@pytest.fixture
def after_follow_up_period():
    """Six months and a day after the first slot."""
    return datetime(2025, 9, 5, 9, 0, tzinfo=SEOUL)
