"""What the B2B page offers, the service accepts: proposed times are those both sides are
free in, the answer form books only times still free, and a refusal says who is not free."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from yeongilman.core.errors import ValidationFailed
from yeongilman.events.services import registration_create
from yeongilman.meetings.models import MeetingRequest, RequestStatus, SlotUnavailability
from yeongilman.meetings.services import meeting_request_respond, meeting_request_send

pytestmark = pytest.mark.usefixtures("english")


def _send_form(page: str, recipient) -> str:
    form = page[page.index(f'id="request-{recipient.pk}"') :]
    return form[: form.index("</form>")]


def _answer_form(page: str, meeting) -> str:
    row = page[page.index(f'data-request="{meeting.pk}"') :]
    return row[: row.index("</tr>")]


def test_the_send_form_offers_only_times_the_recipient_is_free_in_too(
    client, b2b_day, registrations
):
    startup, investor = registrations
    slots = list(b2b_day.slots.all())
    SlotUnavailability.objects.create(registration=startup, slot=slots[1])
    SlotUnavailability.objects.create(registration=investor, slot=slots[2])
    login(client, startup.user)
    # The card's form, as the B2B page loads it when the card is opened.
    url = f"/en/events/{b2b_day.slug}/b2b/request/{investor.pk}/"
    page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    offered = re.findall(r'name="proposed_slots" value="(\d+)"', _send_form(page, investor))
    assert [int(v) for v in offered] == [slots[0].pk, slots[3].pk]


def test_proposing_a_time_the_recipient_marked_unavailable_is_refused_naming_them(
    b2b_day, registrations, startup_user
):
    _startup, investor = registrations
    slots = list(b2b_day.slots.all())
    SlotUnavailability.objects.create(registration=investor, slot=slots[0])
    with pytest.raises(ValidationFailed) as refused:
        meeting_request_send(
            actor=startup_user, event=b2b_day, recipient=investor, proposed_slot_ids=[slots[0].pk]
        )
    # In the requester's zone (Seoul): 09:00 in Las Vegas is 02:00 the next day there.
    assert refused.value.field_errors["proposed_slots"] == [
        "Other Member (Allegheny Robotics Lab) is not available at 2027-01-07 02:00; "
        "propose times you are both free."
    ]
    assert not MeetingRequest.objects.exists()


def test_proposing_a_time_the_recipient_is_booked_in_is_refused_naming_them(
    b2b_day, registrations, startup_user, investor_user, third_user
):
    _startup, investor = registrations
    first = b2b_day.slots.order_by("starts_at").first()
    registration_create(actor=third_user, event=b2b_day)
    busy = meeting_request_send(
        actor=third_user, event=b2b_day, recipient=investor, proposed_slot_ids=[first.pk]
    )
    meeting_request_respond(actor=investor_user, request=busy, accept=True, slot=first)
    with pytest.raises(ValidationFailed) as refused:
        meeting_request_send(
            actor=startup_user, event=b2b_day, recipient=investor, proposed_slot_ids=[first.pk]
        )
    assert refused.value.field_errors["proposed_slots"] == [
        "Other Member (Allegheny Robotics Lab) already has a meeting at 2027-01-07 02:00; "
        "propose another time."
    ]
    assert MeetingRequest.objects.count() == 1


@pytest.fixture
def proposed(b2b_day, registrations, startup_user) -> MeetingRequest:
    _startup, investor = registrations
    slots = list(b2b_day.slots.all())
    return meeting_request_send(
        actor=startup_user, event=b2b_day, recipient=investor,
        proposed_slot_ids=[slots[0].pk, slots[1].pk],
    )  # fmt: skip


def test_the_answer_form_offers_only_proposed_times_both_are_still_free_in(
    client, b2b_day, registrations, proposed, investor_user
):
    startup, investor = registrations
    slots = list(b2b_day.slots.all())
    # After the request was sent, the requester marked the first proposed time unavailable.
    SlotUnavailability.objects.create(registration=startup, slot=slots[0])
    login(client, investor_user)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
    form = _answer_form(page, proposed)
    offered = re.findall(r'name="slot" value="(\d*)"', form)
    assert offered == ["", str(slots[1].pk)]
    assert (
        "2027-01-06 12:00–12:25: 김회원 (영일만배터리) marked this time as not available." in form
    )


def test_accepting_a_time_the_requester_is_unavailable_in_names_them(
    b2b_day, registrations, proposed, investor_user
):
    startup, _investor = registrations
    first = b2b_day.slots.order_by("starts_at").first()
    SlotUnavailability.objects.create(registration=startup, slot=first)
    with pytest.raises(ValidationFailed) as refused:
        meeting_request_respond(actor=investor_user, request=proposed, accept=True, slot=first)
    assert refused.value.message == "김회원 (영일만배터리) marked this time as not available."
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id) == (RequestStatus.REQUESTED, None)


def test_the_recipient_is_told_when_they_themselves_marked_the_time(
    client, b2b_day, registrations, proposed, investor_user
):
    _startup, investor = registrations
    first = b2b_day.slots.order_by("starts_at").first()
    SlotUnavailability.objects.create(registration=investor, slot=first)
    login(client, investor_user)
    with translation.override("en"):
        url = reverse("meetings:answer", args=[b2b_day.slug, proposed.pk])
    response = client.post(url, {"answer": "accept", "slot": str(first.pk)}, follow=True)
    assert "You marked this time as not available." in response.content.decode()
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id) == (RequestStatus.REQUESTED, None)
