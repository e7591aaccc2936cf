"""Two participants request and accept a meeting (at a time the requester proposed), the
operator schedules the day, both see it on their agenda in their own time zone, and the
calendar export holds it."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_organisation, make_user
from yeongilman.events.services import event_create, registration_create
from yeongilman.meetings.models import MeetingRequest
from yeongilman.meetings.services import slots_define

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LA = ZoneInfo("America/Los_Angeles")


def _log_in(page, email: str) -> None:
    page.goto(page.base_url + "/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_b2b_day_from_request_to_agenda(page, demo_data, browser, live_server):
    from yeongilman.accounts.models import User

    operator = User.objects.get(email="operator@demo.yeongilman.kr")
    startup = make_user("ceo@yeongilman-battery.example.kr", language="en", time_zone="Asia/Seoul")
    investor = make_user(
        "partner@three-rivers.example.org", language="en", time_zone="America/New_York"
    )
    battery = make_organisation(
        operator, name_en="Yeongilman Battery", members=(startup,), industries=("battery",)
    )
    fund = make_organisation(
        operator,
        name_en="Three Rivers Seed Fund",
        kind="investor",
        country="US",
        members=(investor,),
    )
    event = event_create(
        actor=operator,
        kind="b2b",
        title_en="CES 2027 Pohang B2B Day",
        title_ko="CES 2027 포항 B2B 상담회",
        venue="LVCC",
        city="Las Vegas",
        time_zone="America/Los_Angeles",
        is_published=True,
        starts_at=datetime(2027, 1, 6, 9, 0, tzinfo=LA),
        ends_at=datetime(2027, 1, 6, 12, 0, tzinfo=LA),
    )
    slots_define(
        actor=operator,
        event=event,
        first_start=datetime(2027, 1, 6, 9, 0, tzinfo=LA),
        minutes=25,
        count=3,
        gap_minutes=5,
        tables=4,
    )
    registration_create(actor=startup, event=event, organisation=battery)
    registration_create(actor=investor, event=event, organisation=fund)

    # The startup asks the investor for a meeting and proposes the second slot (09:30 in Las
    # Vegas: 02:30 on 7 January in Seoul, the startup's own zone).
    _log_in(page, startup.email)
    page.goto(page.base_url + f"/en/events/{event.slug}/b2b/")
    # The browser told the server its zone (used for people who chose none in their profile).
    assert any(c["name"] == "yv_tz" and c["value"] for c in page.context.cookies())
    expect(page.locator("#viewer-zone")).to_contain_text("Korean Time")
    expect(page.locator("#availability h3").first).to_have_attribute("id", "day-2027-01-07")
    card = page.locator(".participant", has_text="Three Rivers Seed Fund")
    card.get_by_text("Write a meeting request").click()  # one folded form per participant
    card.get_by_label("Message").fill("We would like to present our LFP cells.")
    card.get_by_text("Propose times (optional)").click()
    card.locator("input[name=proposed_slots]").and_(card.get_by_label("02:30–02:55")).check()
    card.get_by_role("button", name="Request a meeting").click()
    expect(page.locator(".messages")).to_contain_text("request was sent")
    second = event.slots.order_by("starts_at")[1]

    # The investor sees the proposed time in Pittsburgh's zone and accepts with it, in another
    # browser session: the meeting is booked there at once.
    other = browser.new_context(locale="en-US").new_page()
    other.base_url = page.base_url
    _log_in(other, investor.email)
    other.goto(other.base_url + f"/en/events/{event.slug}/b2b/")
    expect(other.locator("#my-schedule")).to_contain_text("We would like to present our LFP cells.")
    expect(other.locator("#my-schedule .proposed")).to_contain_text("2027-01-06 12:30–12:55")
    other.locator("#my-schedule").get_by_label("2027-01-06 12:30–12:55").check()
    other.get_by_role("button", name="Accept").click()
    expect(other.locator(".messages")).to_contain_text("booked at the time you chose")
    assert MeetingRequest.objects.get(event=event).slot_id == second.pk

    # The operator schedules the day.
    operator_page = browser.new_context(locale="ko-KR").new_page()
    operator_page.base_url = page.base_url
    operator_page.goto(page.base_url + "/ko/accounts/login/")
    operator_page.get_by_label("이메일 주소").fill(operator.email)
    operator_page.get_by_label("비밀번호").fill("yeongilman-demo")
    operator_page.get_by_role("button", name="로그인").click()
    operator_page.wait_for_url(lambda url: "/accounts/login" not in url)
    operator_page.goto(page.base_url + f"/ko/events/{event.slug}/b2b/manage/")
    operator_page.locator("#run-scheduler").click()
    expect(operator_page.locator("#run .job-status")).to_have_text("완료")

    meeting = MeetingRequest.objects.get(event=event)
    assert meeting.slot is not None
    assert meeting.slot_id == second.pk  # the booked time is kept by the scheduler
    start = meeting.slot.starts_at

    # Each sees the meeting on their agenda, in their own time zone.
    page.goto(page.base_url + "/en/events/agenda/")
    seoul = start.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M")
    expect(page.locator("#agenda-meetings")).to_contain_text(f"{seoul} KST (Korean Time)")
    expect(page.locator("#agenda-meetings")).to_contain_text("Three Rivers Seed Fund")
    other.goto(other.base_url + "/en/events/agenda/")
    new_york = start.astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%d %H:%M")
    expect(other.locator("#agenda-meetings")).to_contain_text(f"{new_york} EST (Eastern Time)")

    # The calendar export holds the meeting at the same instant.
    href = page.locator("#ics-link").get_attribute("href")
    assert href and re.search(r"/calendar/[^/]+\.ics$", href)
    body = page.request.get(page.base_url + href).body()
    events = [
        e
        for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
        if str(e["uid"]).startswith("meeting-")
    ]
    assert len(events) == 1 and events[0].decoded("dtstart") == start
    assert "Three Rivers Seed Fund" in str(events[0]["summary"])
