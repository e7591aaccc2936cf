"""The API contract of proposed meeting times: `proposed_slot_ids` on create (at most three),
`proposed_slots` in every meeting request, `slot_id` on answer to book one; each refusal is a
documented 422 in the one error shape, and nothing changes."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import conftest as day
from tests.conftest import login
from yeongilman.meetings.models import MeetingRequest, RequestStatus, SlotUnavailability

JSON = "application/json"
# The B2B day of tests/events: a Seoul startup and a Pittsburgh investor, four slots.
b2b_day, registrations = day.b2b_day, day.registrations
startup_user, investor_user = day.startup_user, day.investor_user


@pytest.fixture
def openapi(client: Client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def _operation(openapi: dict, method: str, path: str) -> dict:
    return openapi["paths"][path][method]


def test_the_schema_documents_proposed_slots(openapi):
    schemas = openapi["components"]["schemas"]
    ids = schemas["MeetingRequestIn"]["properties"]["proposed_slot_ids"]
    assert ids["type"] == "array" and ids["maxItems"] == 3
    assert "proposed_slot_ids" not in schemas["MeetingRequestIn"].get("required", [])
    out = schemas["MeetingOut"]
    assert "proposed_slots" in out["required"]
    assert set(schemas["ProposedSlotOut"]["properties"]) == {"id", "starts_at", "ends_at"}
    answer = schemas["MeetingAnswerIn"]
    assert "slot_id" in answer["properties"] and answer["required"] == ["accept"]
    create = _operation(openapi, "post", "/api/v1/events/{event_id}/meeting-requests")
    reply = _operation(openapi, "post", "/api/v1/meeting-requests/{request_id}/answer")
    assert "422" in create["responses"] and "422" in reply["responses"]
    assert "proposed_slot_ids" in create["description"] and "slot_id" in reply["description"]


def _create(client, event, recipient, slot_ids):
    return client.post(
        f"/api/v1/events/{event.pk}/meeting-requests",
        {"recipient": recipient.pk, "proposed_slot_ids": slot_ids},
        content_type=JSON,
    )


def test_a_request_with_proposed_slots_answers_them(client, b2b_day, registrations):
    startup, investor = registrations
    slots = list(b2b_day.slots.order_by("starts_at"))
    login(client, startup.user)
    response = _create(client, b2b_day, investor, [slots[1].pk, slots[0].pk])
    assert response.status_code == 201
    body = response.json()
    assert [p["id"] for p in body["proposed_slots"]] == [slots[0].pk, slots[1].pk]
    assert body["proposed_slots"][0]["starts_at"].startswith("2027-01-06T17:00:00")
    assert body["slot"] is None and body["status"] == "requested"
    listed = client.get(f"/api/v1/events/{b2b_day.pk}/meeting-requests").json()["results"]
    assert [p["id"] for p in listed[0]["proposed_slots"]] == [slots[0].pk, slots[1].pk]
    # Without proposals the list is empty, not missing.
    assert client.get("/api/v1/agenda").json()["results"] == []


@pytest.mark.parametrize("case", ["four", "foreign", "unavailable"])
def test_invalid_proposals_are_a_422_and_nothing_is_created(client, b2b_day, registrations, case):
    startup, investor = registrations
    slots = list(b2b_day.slots.order_by("starts_at"))
    ids = [s.pk for s in slots]
    if case == "foreign":
        ids = [ids[0], 999_999]
    elif case == "unavailable":
        SlotUnavailability.objects.create(registration=startup, slot=slots[2])
        ids = [ids[2]]
    login(client, startup.user)
    response = _create(client, b2b_day, investor, ids)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] and "errors" in body
    assert any("proposed_slot" in field for field in body["errors"])
    assert not MeetingRequest.objects.exists()


@pytest.fixture
def proposed(client, b2b_day, registrations) -> MeetingRequest:
    startup, investor = registrations
    slots = list(b2b_day.slots.order_by("starts_at"))
    login(client, startup.user)
    assert _create(client, b2b_day, investor, [slots[0].pk, slots[1].pk]).status_code == 201
    return MeetingRequest.objects.get()


def _answer(client, meeting, **body):
    return client.post(f"/api/v1/meeting-requests/{meeting.pk}/answer", body, content_type=JSON)


def test_accepting_with_a_proposed_slot_books_it(client, b2b_day, proposed, investor_user):
    second = b2b_day.slots.order_by("starts_at")[1]
    login(client, investor_user)
    response = _answer(client, proposed, accept=True, slot_id=second.pk)
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["slot"], body["table"]) == ("accepted", second.pk, 1)
    assert [t["time_zone"] for t in body["times"]] == ["Asia/Seoul", "America/New_York"]


@pytest.mark.parametrize("case", ["not_proposed", "other_event", "decline", "taken"])
def test_answers_with_an_unusable_slot_are_a_422_and_nothing_changes(
    client, b2b_day, proposed, registrations, investor_user, case
):
    slots = list(b2b_day.slots.order_by("starts_at"))
    body: dict = {"accept": True, "slot_id": slots[0].pk}
    if case == "not_proposed":
        body["slot_id"] = slots[3].pk
    elif case == "other_event":
        body["slot_id"] = 999_999
    elif case == "decline":
        body["accept"] = False
    else:  # the recipient became unavailable in it meanwhile
        _startup, investor = registrations
        SlotUnavailability.objects.create(registration=investor, slot=slots[0])
    login(client, investor_user)
    response = _answer(client, proposed, **body)
    assert response.status_code == 422
    assert response.json()["detail"]
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id) == (RequestStatus.REQUESTED, None)


def test_the_requester_cannot_answer_with_a_slot(client, b2b_day, proposed, startup_user):
    login(client, startup_user)
    first = b2b_day.slots.order_by("starts_at").first()
    assert _answer(client, proposed, accept=True, slot_id=first.pk).status_code == 403
    proposed.refresh_from_db()
    assert proposed.slot_id is None


def test_a_person_without_a_zone_is_answered_in_the_events(client, b2b_day, proposed):
    startup = proposed.requester
    startup.user.time_zone = ""
    startup.user.save()
    body = client.get(f"/api/v1/events/{b2b_day.pk}/meeting-requests").json()["results"][0]
    assert body["requester"]["time_zone"] == "America/Los_Angeles"
    assert body["recipient"]["time_zone"] == "America/New_York"
