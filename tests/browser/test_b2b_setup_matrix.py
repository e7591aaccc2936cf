"""The operator checks the booking matrix of a booked B2B day (also on a phone, where it
scrolls inside its own box), then changes the set-up: the form shows the current slots, asks
before the booked meeting loses its slot, and saves once the box is ticked."""

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


def _log_in(page, email: str) -> None:
    page.goto(page.base_url + "/en/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_operator_reads_the_matrix_and_confirms_a_new_set_up(page, browser, operator):
    startup = make_user("ceo@battery.example.kr", full_name="Kim Startup")
    investor = make_user("gp@fund.example.org", full_name="Pat Investor")
    battery = make_organisation(operator, name_en="Yeongilman Battery", members=(startup,))
    fund = make_organisation(operator, name_en="Three Rivers Fund", members=(investor,))
    event = event_create(
        actor=operator, kind="b2b", title_en="B2B Day", time_zone="America/Los_Angeles",
        is_published=True, starts_at=datetime(2027, 1, 6, 9, tzinfo=LA),
        ends_at=datetime(2027, 1, 6, 12, tzinfo=LA),
    )  # fmt: skip
    slots_define(actor=operator, event=event, first_start=datetime(2027, 1, 6, 9, tzinfo=LA),
                 minutes=25, count=3, gap_minutes=5, tables=4)  # fmt: skip
    registration_create(actor=startup, event=event, organisation=battery)
    theirs = registration_create(actor=investor, event=event, organisation=fund)
    meeting = meeting_request_send(actor=startup, event=event, recipient=theirs)
    meeting_request_respond(actor=investor, request=meeting, accept=True)
    meeting_move(actor=operator, request=meeting, slot=list(event.slots.all())[1], table=3)

    _log_in(page, operator.email)
    page.goto(page.base_url + f"/en/events/{event.slug}/b2b/matrix/")
    matrix = page.locator("#matrix")
    row = matrix.locator("tbody tr").filter(has=page.locator("th", has_text="Yeongilman Battery"))
    expect(row.locator("td.booked")).to_contain_text("Three Rivers Fund")
    expect(row.locator("td.booked")).to_contain_text("Table 3")
    expect(row.locator("td.number").first).to_have_text("1")  # the startup's meetings
    expect(row.locator("td").last).to_have_text("0")  # and its idle breaks
    expect(matrix.locator("tfoot tr").last.locator("td").nth(1)).to_have_text("1 / 4")

    # On a phone the matrix scrolls inside its box; the page itself never scrolls sideways.
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.base_url = page.base_url
    _log_in(phone, operator.email)
    phone.goto(phone.base_url + f"/en/events/{event.slug}/b2b/matrix/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    box = phone.locator(".matrix-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    phone.context.close()

    # The set-up form shows the current set-up; a new one asks before unscheduling.
    page.goto(page.base_url + f"/en/events/{event.slug}/b2b/manage/")
    expect(page.locator("#current-slots")).to_contain_text("09:30–09:55")
    expect(page.locator("#id_count")).to_have_value("3")
    expect(page.locator("#id_tables")).to_have_value("4")
    page.fill("#id_count", "5")
    with page.expect_navigation():
        page.locator("#slots-form button[type=submit]").click()
    expect(page.locator("#confirm-unschedule .error")).to_contain_text(
        "1 booked meeting would be unscheduled"
    )
    assert event.slots.count() == 3
    expect(page.locator("#id_count")).to_have_value("5")  # what was typed is kept
    page.get_by_label("I understand that 1 booked meeting will be unscheduled.").check()
    with page.expect_navigation():
        page.locator("#slots-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("1 meeting was unscheduled")
    assert event.slots.count() == 5
    assert MeetingRequest.objects.get(pk=meeting.pk).slot_id is None
    expect(page.locator("#id_count")).to_have_value("5")
