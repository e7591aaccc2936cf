"""An operator runs a B2B day from its control room, without the admin: creates the event,
sets its slots and tables, publishes it, watches requests arrive, runs the scheduler from the
room's next action and sends the participants their agendas."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import signed_in
from tests.factories import PASSWORD, make_organisation, make_user
from yeongilman.communications.models import Message
from yeongilman.events.models import Event
from yeongilman.events.services import registration_create
from yeongilman.meetings.models import MeetingRequest
from yeongilman.meetings.services import meeting_request_respond, meeting_request_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_sets_up_runs_and_schedules_a_b2b_day_from_its_control_room(
    browser, live_server, operator, taxonomy_restored
):
    operator.set_password(PASSWORD)
    operator.save()
    context, page = signed_in(browser, live_server.url, operator.email, PASSWORD)
    page.goto(live_server.url + "/en/operations/")
    page.get_by_role("link", name="New event").first.click()
    page.select_option("#id_kind", "b2b")
    page.fill("#id_title_en", "Pittsburgh–Pohang hydrogen B2B day")
    page.select_option("#id_time_zone", "America/New_York")
    page.fill("#id_starts_at", "2027-04-20T09:00")
    page.fill("#id_ends_at", "2027-04-20T17:00")
    page.fill("#id_b2b_tables", "6")
    page.get_by_role("button", name="Create the event").click()
    expect(page.locator("h1")).to_have_text("Pittsburgh–Pohang hydrogen B2B day")
    event = Event.objects.get(title_en="Pittsburgh–Pohang hydrogen B2B day")
    next_actions = page.locator(".next-actions")
    expect(next_actions).to_contain_text("The B2B day has no slots yet.")

    # Slots and tables on the day's manage page (the form suggests values), then back.
    page.get_by_role("link", name="Set slots and tables").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Save slots").click()
    expect(page.locator(".messages")).to_be_visible()
    assert event.slots.count() > 0
    page.goto(live_server.url + f"/en/events/{event.slug}/control/")
    expect(next_actions).to_contain_text("The event is not published")
    page.get_by_role("link", name="Publish it").click()
    page.check("#id_is_published")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator(".control-next")).not_to_contain_text("not published")

    # Participants register and meet (as they would on their own pages).
    people = []
    for i, name in enumerate(("Hydrogen Pohang", "Three Rivers Energy")):
        user = make_user(f"person{i}@example.org", full_name=f"Person {i}")
        organisation = make_organisation(operator, name_en=name, members=(user,))
        people.append(registration_create(actor=user, event=event, organisation=organisation))
    request = meeting_request_send(actor=people[0].user, event=event, recipient=people[1])
    meeting_request_respond(actor=people[1].user, request=request, accept=True)
    page.reload()
    figures = page.locator(".control-figures")
    expect(figures).to_contain_text("1accepted (0 with a time)")
    expect(figures).to_contain_text("2confirmed")  # no capacity: just the confirmed count
    expect(page.locator(".next-actions")).to_contain_text(
        "The scheduler has not run; 1 accepted request waits for a time."
    )

    # The room's next action leads to the scheduler; then the agendas go out.
    page.get_by_role("link", name="Run the scheduler").click()
    with page.expect_navigation():
        page.click("#run-scheduler")
    assert MeetingRequest.objects.get(pk=request.pk).slot_id is not None
    page.goto(live_server.url + f"/en/events/{event.slug}/control/")
    expect(page.locator(".next-actions")).to_contain_text("The scheduler placed 1 meeting")
    page.get_by_role("link", name="Send the agendas").click()
    expect(page.locator("#id_segment")).to_have_value("confirmed")
    expect(page.locator("#id_subject_en")).to_have_value("{event}: your meetings are scheduled")
    page.click("#send-button")
    expect(page.locator("#confirm-send")).to_contain_text("Send this message to 2 people now?")
    with page.expect_navigation():
        page.click("#confirm-send-button")
    message = Message.objects.get(event=event, kind="custom")  # besides the change notices
    assert message.segment == "confirmed" and message.deliveries.count() == 2
    page.goto(live_server.url + f"/en/events/{event.slug}/control/")
    expect(page.locator(".control-next")).to_contain_text("Nothing waits for you today.")
    context.close()
