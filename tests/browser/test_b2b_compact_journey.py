"""A member asks for a meeting in the morning, the partner accepts, the operator runs a
compact schedule: the meeting lands in the morning, the run page reports no idle break, and
both agendas show the meetings with no free block between them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_organisation, make_user
from yeongilman.events.services import event_create, registration_create
from yeongilman.meetings.models import MeetingRequest
from yeongilman.meetings.services import (
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    slots_define,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LA = ZoneInfo("America/Los_Angeles")


def _log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto(page.base_url + "/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def _new_page(browser, page, locale: str = "en-US"):
    other = browser.new_context(locale=locale).new_page()
    other.base_url = page.base_url
    return other


def test_a_morning_meeting_on_a_compact_day(page, browser, live_server, operator):
    startup = make_user("ceo@morning-battery.example.kr", language="en", time_zone="Asia/Seoul")
    investor = make_user("gp@early-fund.example.org", language="en", time_zone=LA.key)
    bank = make_user("desk@noon-bank.example.org", language="en", time_zone=LA.key)
    battery = make_organisation(operator, name_en="Morning Battery", members=(startup,))
    fund = make_organisation(
        operator, name_en="Early Fund", kind="investor", country="US", members=(investor,)
    )
    event = event_create(
        actor=operator, kind="b2b", title_en="Compact B2B Day", title_ko="빈틈 없는 B2B 상담회",
        venue="LVCC", city="Las Vegas", time_zone=LA.key, is_published=True,
        starts_at=datetime(2027, 1, 6, 10, 0, tzinfo=LA),
        ends_at=datetime(2027, 1, 6, 13, 0, tzinfo=LA),
    )  # fmt: skip
    # 10:00, 10:30, 11:00, 11:30 (the morning), 12:00 and 12:30 (the afternoon), Las Vegas.
    slots_define(actor=operator, event=event, first_start=datetime(2027, 1, 6, 10, tzinfo=LA),
                 minutes=25, count=6, gap_minutes=5, tables=4)  # fmt: skip
    slots = list(event.slots.order_by("starts_at"))
    registration_create(actor=startup, event=event, organisation=battery)
    registration_create(actor=investor, event=event, organisation=fund)
    desk = registration_create(actor=bank, event=event)
    # The startup already meets the bank, booked at 12:30: far from a morning meeting.
    with_bank = meeting_request_send(actor=startup, event=event, recipient=desk)
    meeting_request_respond(actor=bank, request=with_bank, accept=True)
    meeting_move(actor=operator, request=with_bank, slot=slots[5])

    # The startup asks the fund for a meeting in the morning.
    _log_in(page, startup.email)
    page.goto(page.base_url + f"/en/events/{event.slug}/b2b/")
    card = page.locator(".participant", has_text="Early Fund")
    card.locator("summary", has_text="Write a meeting request").click()  # folded per card
    card.get_by_label("Message").fill("Before your flight, please.")
    card.get_by_label("When the meeting may be held").select_option("morning")
    expect(card.locator(".help").first).to_contain_text("before 12:00 in the event's time zone")
    card.get_by_role("button", name="Request a meeting").click()
    expect(page.locator(".messages")).to_contain_text("request was sent")
    expect(page.locator("#my-schedule [data-window='morning']")).to_contain_text("Morning")

    # The fund sees the window and accepts.
    other = _new_page(browser, page)
    _log_in(other, investor.email)
    other.goto(other.base_url + f"/en/events/{event.slug}/b2b/")
    expect(other.locator("#my-schedule [data-window='morning']")).to_contain_text(
        "Morning (slots starting before 12:00)"
    )
    other.get_by_role("button", name="Accept").click()
    expect(other.locator(".messages")).to_contain_text("Accepted")

    # The operator runs a compact schedule (on by default, spread 2), not keeping bookings.
    operator_page = _new_page(browser, page, "ko-KR")
    operator_page.goto(page.base_url + "/ko/accounts/login/")
    operator_page.get_by_label("이메일 주소").fill(operator.email)
    operator_page.get_by_label("비밀번호").fill(PASSWORD)
    operator_page.get_by_role("button", name="로그인").click()
    operator_page.wait_for_url(lambda url: "/accounts/login" not in url)
    operator_page.goto(page.base_url + f"/ko/events/{event.slug}/b2b/manage/")
    run_form = operator_page.locator("#run-form")
    expect(run_form.get_by_label("빈틈 없는 일정")).to_be_checked()
    expect(run_form.get_by_label("허용하는 빈 시간 편차의 최댓값")).to_have_value("2")
    run_form.get_by_label("이미 확정된 상담 유지").uncheck()
    operator_page.locator("#run-scheduler").click()
    expect(operator_page.locator("#run .job-status")).to_have_text("완료")
    expect(operator_page.locator("#run-breaks")).to_contain_text("참가자 상담 사이의 빈 시간 0회.")
    expect(operator_page.locator("#run-breaks")).to_contain_text(
        "빈 시간이 있는 참가자가 없습니다."
    )

    morning = MeetingRequest.objects.get(event=event, recipient__user=investor)
    noon = MeetingRequest.objects.get(pk=with_bank.pk)
    assert morning.slot is not None and noon.slot is not None
    assert morning.slot.starts_at.astimezone(LA).hour < 12
    # The startup's two meetings are back to back (no idle slot between them).
    order = [s.pk for s in slots]
    assert morning.slot_id is not None and noon.slot_id is not None
    assert abs(order.index(morning.slot_id) - order.index(noon.slot_id)) == 1

    # Both agendas show the morning meeting and no free block.
    page.goto(page.base_url + "/en/events/agenda/?tz=event")
    agenda = page.locator("#agenda-meetings")
    expect(agenda).to_contain_text(morning.slot.starts_at.astimezone(LA).strftime("%Y-%m-%d %H:%M"))
    expect(agenda).to_contain_text("Early Fund")
    expect(agenda.locator(".free-time")).to_have_count(0)
    other.goto(other.base_url + "/en/events/agenda/?tz=event")
    expect(other.locator("#agenda-meetings")).to_contain_text("Morning Battery")
    expect(other.locator("#agenda-meetings .free-time")).to_have_count(0)
