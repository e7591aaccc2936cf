"""Pages that remember a meeting request: the suggestion card says where it stands, My agenda
lists requests waiting for an answer, and the card's link opens a prefilled request form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import translation

from tests.conftest import login
from yeongilman.matchmaking.selectors import meeting_states_collecting
from yeongilman.meetings.models import MeetingRequest, SlotUnavailability
from yeongilman.meetings.services import meeting_request_respond, meeting_request_send

pytestmark = pytest.mark.django_db


def _states(user, registration) -> dict[int, str]:
    states: dict[int, str] = {}
    meeting_states_collecting(user, [registration], states)
    return states


@pytest.fixture
def now_before_the_day(monkeypatch):
    """The B2B day (2027-01-06) is ahead; the slots are bookable."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 1, tzinfo=UTC))


def test_card_state_follows_the_request_both_ways(b2b_day, registrations, startup_user,
                                                  investor_user):  # fmt: skip
    startup, investor = registrations
    assert _states(startup_user, investor) == {}
    sent = meeting_request_send(actor=startup_user, event=b2b_day, recipient=investor)
    assert _states(startup_user, investor) == {investor.pk: "sent"}
    assert _states(investor_user, startup) == {startup.pk: "received"}
    meeting_request_respond(actor=investor_user, request=sent, accept=True)
    assert _states(startup_user, investor) == {investor.pk: "accepted"}


def test_my_agenda_lists_a_request_waiting_for_an_answer(
    client, b2b_day, registrations, startup_user, investor_user, now_before_the_day
):
    startup, investor = registrations
    meeting_request_send(actor=startup_user, event=b2b_day, recipient=investor)
    login(client, startup_user)
    with translation.override("en"):
        page = client.get("/en/events/agenda/").content.decode()
    assert "No meetings scheduled yet." not in page
    assert "No meeting is scheduled yet; 1 request waits for an answer (below)." in page
    assert "You asked Other Member for a meeting." in page
    login(client, investor_user)
    page = client.get("/en/events/agenda/").content.decode()
    assert "김회원 asked you for a meeting." in page


def test_request_link_opens_a_prefilled_form_and_sends_nothing(
    client, b2b_day, registrations, startup_user, now_before_the_day
):
    startup, investor = registrations
    startup.organisation.name_en = "Yeongilman Battery"
    startup.organisation.save(update_fields=["name_en"])
    first, second, third, fourth = b2b_day.slots.order_by("starts_at")
    SlotUnavailability.objects.create(registration=investor, slot=first)
    login(client, startup_user)
    url = f"/en/events/{b2b_day.slug}/b2b/request/{investor.pk}/"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert MeetingRequest.objects.count() == 0
    form = html[html.index(f'id="request-{investor.pk}"') :]
    form = form[: form.index("</form>")]
    # The investor reads English: the greeting and the start-up's name are in English.
    assert "Yeongilman Valley suggested Yeongilman Battery as a partner" in form
    for slot, ticked in ((first, False), (second, True), (third, True), (fourth, True)):
        checkbox = f'value="{slot.pk}" checked' in form
        assert checkbox is ticked, slot
