"""Whose clock leads: an in-person event's own time first with the viewer's beside it, an
online one the viewer's first; every line names its zone the same way."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from tests.conftest import login
from yeongilman.events.dates import when_for_viewer
from yeongilman.events.services import event_create

LA = ZoneInfo("America/Los_Angeles")
START, END = datetime(2027, 1, 7, 9, 0, tzinfo=LA), datetime(2027, 1, 7, 12, 55, tzinfo=LA)


def test_in_person_leads_with_the_events_own_time():
    with translation.override("en"):
        shown = str(when_for_viewer(START, END, "America/Los_Angeles", "Asia/Seoul", online=False))
    assert shown == (
        "2027-01-07 09:00–12:55 PST (Pacific Time) · "
        "your time: 2027-01-08 02:00–05:55 KST (Korean Time)"
    )


def test_in_person_in_korean_names_both_zones_in_korean():
    with translation.override("ko"):
        shown = str(when_for_viewer(START, END, "America/Los_Angeles", "Asia/Seoul", online=False))
    assert shown.startswith("2027년 1월 7일 09:00–12:55 PST (")
    assert "내 시간: 2027년 1월 8일 02:00–05:55 KST (대한민국 시간)" in shown
    assert "Asia/Seoul" not in shown


def test_online_leads_with_the_viewers_time():
    with translation.override("en"):
        shown = str(when_for_viewer(START, END, "America/Los_Angeles", "Asia/Seoul", online=True))
    assert shown == (
        "2027-01-08 02:00–05:55 KST (Korean Time) · "
        "event's time: 2027-01-07 09:00–12:55 PST (Pacific Time)"
    )


def test_one_time_only_when_both_zones_read_the_same_clock():
    with translation.override("en"):
        shown = str(when_for_viewer(START, END, "America/Los_Angeles", "America/Tijuana", False))
    assert shown == "2027-01-07 09:00–12:55 PST (Pacific Time)"


@pytest.mark.django_db
def test_home_page_lists_an_in_person_event_in_its_own_time_then_the_viewers(
    client, operator, member
):
    member.time_zone = "Asia/Seoul"
    member.save()
    event_create(
        actor=operator, kind="forum", title_ko="라스베이거스 포럼", title_en="Las Vegas forum",
        city="Las Vegas", time_zone="America/Los_Angeles", starts_at=START, ends_at=END,
        is_published=True,
    )  # fmt: skip
    login(client, member)
    page = client.get("/ko/").content.decode()
    assert "2027년 1월 7일 09:00–12:55 PST" in page
    assert "내 시간: 2027년 1월 8일 02:00–05:55 KST (대한민국 시간)" in page
    assert "2027년 1월 8일 02:00</time>" not in page


def test_a_meeting_at_a_table_leads_with_the_events_time_an_online_one_with_the_viewers():
    from yeongilman.events.dates import moment_for_viewer

    with translation.override("en"):
        table = str(moment_for_viewer(START, "America/Los_Angeles", "Asia/Seoul", online=False))
        online = str(moment_for_viewer(START, "America/Los_Angeles", "Asia/Seoul", online=True))
    assert table == (
        "2027-01-07 09:00 PST (Pacific Time) · your time: 2027-01-08 02:00 KST (Korean Time)"
    )
    assert online == (
        "2027-01-08 02:00 KST (Korean Time) · event's time: 2027-01-07 09:00 PST (Pacific Time)"
    )
