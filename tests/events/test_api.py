"""The events JSON API: events and their programme, my registration, slots, meeting requests,
my agenda in both zones, operators' registrations and the interpreter roster; bad input is a
clear 4xx, never a 500."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.conftest import LA, login
from tests.factories import make_user
from yeongilman.events.models import ProgrammeSession, RegistrationStatus
from yeongilman.events.services import event_create, registration_create
from yeongilman.meetings.models import MeetingRequest
from yeongilman.meetings.services import (
    interpreter_save,
    meeting_request_respond,
    meeting_request_send,
    schedule_start,
)

JSON = "application/json"


@pytest.fixture
def draft(operator):
    return event_create(actor=operator, kind="forum", title_en="Draft forum",
                        starts_at=datetime(2027, 3, 1, 9, tzinfo=LA),
                        ends_at=datetime(2027, 3, 1, 17, tzinfo=LA))  # fmt: skip


@pytest.fixture
def request_between(registrations, startup_user, b2b_day) -> MeetingRequest:
    _startup, investor = registrations
    return meeting_request_send(actor=startup_user, event=b2b_day, recipient=investor)


def test_visitors_list_published_events_and_operators_also_drafts(client, b2b_day, draft, operator):
    body = client.get("/api/v1/events").json()
    assert [e["slug"] for e in body["results"]] == [b2b_day.slug]
    assert client.get(f"/api/v1/events/{draft.pk}").status_code == 404
    login(client, operator)
    body = client.get("/api/v1/events?page_size=1&page=2").json()
    assert body["count"] == 2 and body["page"] == 2 and len(body["results"]) == 1
    assert client.get(f"/api/v1/events/{draft.pk}").json()["is_published"] is False


def test_the_programme_is_paginated(client, b2b_day):
    for n in range(3):
        ProgrammeSession.objects.create(
            event=b2b_day, title_en=f"Talk {n}", starts_at=b2b_day.starts_at + timedelta(hours=n),
            ends_at=b2b_day.starts_at + timedelta(hours=n, minutes=30),
        )  # fmt: skip
    body = client.get(f"/api/v1/events/{b2b_day.pk}/sessions?page_size=2").json()
    assert body["count"] == 3 and [s["title_en"] for s in body["results"]] == ["Talk 0", "Talk 1"]


def test_register_then_cancel_my_registration(client, b2b_day, third_user):
    url = f"/api/v1/events/{b2b_day.pk}/registration"
    assert client.post(url, {}, content_type=JSON).status_code == 401
    login(client, third_user)
    assert client.get(url).status_code == 404
    first = client.post(url, {}, content_type=JSON)
    assert first.status_code == 201 and first.json()["status"] == "confirmed"
    again = client.post(url, {}, content_type=JSON)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert client.get(f"/api/v1/events/{b2b_day.pk}").json()["my_registration"]["id"]
    cancelled = client.post(f"{url}/cancel", content_type=JSON)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_registering_after_registration_closed_is_422(client, b2b_day, third_user):
    b2b_day.registration_closes_at = timezone.now() - timedelta(days=1)
    b2b_day.save()
    login(client, third_user)
    response = client.post(f"/api/v1/events/{b2b_day.pk}/registration", {}, content_type=JSON)
    assert response.status_code == 422 and response.json()["detail"]


def test_registering_for_someone_elses_organisation_is_refused(
    client, b2b_day, third_user, battery_startup
):
    login(client, third_user)
    response = client.post(f"/api/v1/events/{b2b_day.pk}/registration",
                           {"organisation": battery_startup.pk}, content_type=JSON)  # fmt: skip
    assert response.status_code == 403


def test_a_participant_sends_an_online_interpreted_request(
    client, registrations, startup_user, b2b_day
):
    _startup, investor = registrations
    login(client, startup_user)
    response = client.post(f"/api/v1/events/{b2b_day.pk}/meeting-requests", {
        "recipient": investor.pk, "message": "Hello", "mode": "online",
        "video_link": "https://meet.example.org/a", "needs_interpreter": True,
    }, content_type=JSON)  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["mode"] == "online" and body["needs_interpreter"] and body["table"] is None
    assert body["recipient"]["registration"] == investor.pk
    mine = client.get(f"/api/v1/events/{b2b_day.pk}/meeting-requests").json()
    assert [r["id"] for r in mine["results"]] == [body["id"]]


@pytest.mark.parametrize(
    ("who", "body", "status", "field"),
    [
        ("self", {}, 422, None),
        ("unregistered", {}, 422, "recipient"),
        ("other_event", {}, 422, "recipient"),
        ("missing", {}, 422, "recipient"),
        ("investor", {"mode": "online", "video_link": "http://meet.example.org/x"}, 422,
         "video_link"),
        ("investor", {"mode": "by phone"}, 422, "mode"),
        ("investor", {"surprise": 1}, 422, "surprise"),
    ],
)  # fmt: skip
def test_bad_meeting_requests_are_clear_4xx(
    client, registrations, startup_user, b2b_day, third_user, operator, who, body, status, field
):
    startup, investor = registrations
    elsewhere = event_create(actor=operator, kind="b2b", title_en="Elsewhere",
                             starts_at=b2b_day.starts_at, ends_at=b2b_day.ends_at,
                             is_published=True)  # fmt: skip
    stranger = registration_create(actor=third_user, event=elsewhere)
    unconfirmed = registration_create(actor=make_user("late@example.org"), event=b2b_day)
    unconfirmed.status = RegistrationStatus.PENDING
    unconfirmed.save()
    recipient = {
        "self": startup.pk, "unregistered": unconfirmed.pk, "other_event": stranger.pk,
        "missing": 999_999, "investor": investor.pk,
    }[who]  # fmt: skip
    login(client, startup_user)
    response = client.post(f"/api/v1/events/{b2b_day.pk}/meeting-requests",
                           {"recipient": recipient, **body}, content_type=JSON)  # fmt: skip
    assert response.status_code == status, response.content
    if field:
        assert field in response.json()["errors"]
    assert not MeetingRequest.objects.filter(requester=startup).exists()


def test_a_request_after_registration_closed_is_422(client, registrations, startup_user, b2b_day):
    _startup, investor = registrations
    b2b_day.registration_closes_at = timezone.now() - timedelta(minutes=1)
    b2b_day.save()
    login(client, startup_user)
    response = client.post(f"/api/v1/events/{b2b_day.pk}/meeting-requests",
                           {"recipient": investor.pk}, content_type=JSON)  # fmt: skip
    assert response.status_code == 422


def test_only_the_person_asked_answers_and_strangers_see_nothing(
    client, request_between, startup_user, investor_user, third_user
):
    url = f"/api/v1/meeting-requests/{request_between.pk}/answer"
    login(client, third_user)
    assert client.post(url, {"accept": True}, content_type=JSON).status_code == 404
    login(client, startup_user)
    assert client.post(url, {"accept": True}, content_type=JSON).status_code == 403
    login(client, investor_user)
    answered = client.post(url, {"accept": True}, content_type=JSON)
    assert answered.status_code == 200 and answered.json()["status"] == "accepted"


def test_either_side_changes_the_link_and_cancels(
    client, request_between, startup_user, investor_user
):
    url = f"/api/v1/meeting-requests/{request_between.pk}"
    login(client, investor_user)
    bad = client.patch(url, {"mode": "online", "video_link": "ftp://x.org/"}, content_type=JSON)
    assert bad.status_code == 422
    good = client.patch(url, {"mode": "online", "video_link": "https://x.org/r"},
                        content_type=JSON)  # fmt: skip
    assert good.status_code == 200 and good.json()["video_link"] == "https://x.org/r"
    login(client, startup_user)
    cancelled = client.post(f"{url}/cancel", content_type=JSON)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_slots_say_where_i_am_free_and_refuse_another_events_slot(
    client, registrations, startup_user, b2b_day, operator
):
    slots = list(b2b_day.slots.all())
    elsewhere = event_create(actor=operator, kind="b2b", title_en="Elsewhere",
                             starts_at=b2b_day.starts_at, ends_at=b2b_day.ends_at)  # fmt: skip
    foreign = elsewhere.slots.create(starts_at=b2b_day.starts_at, ends_at=b2b_day.ends_at)
    login(client, startup_user)
    url = f"/api/v1/events/{b2b_day.pk}/availability"
    refused = client.put(url, {"unavailable": [foreign.pk]}, content_type=JSON)
    assert refused.status_code == 422
    saved = client.put(url, {"unavailable": [slots[0].pk]}, content_type=JSON).json()
    assert [s["available"] for s in saved["results"]] == [False, True, True, True]
    listed = client.get(f"/api/v1/events/{b2b_day.pk}/slots").json()
    assert listed["count"] == 4 and listed["results"][0]["available"] is False


def test_my_agenda_gives_the_time_in_both_zones(
    client, request_between, startup_user, investor_user, b2b_day, operator,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    meeting_request_respond(actor=investor_user, request=request_between, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_start(actor=operator, event=b2b_day)
    login(client, startup_user)
    body = client.get("/api/v1/agenda").json()
    assert body["count"] == 1
    times = body["results"][0]["times"]
    assert [t["time_zone"] for t in times] == ["Asia/Seoul", "America/New_York"]
    assert times[0]["starts_at"].endswith("+09:00") and times[1]["starts_at"].endswith("-05:00")


def test_operators_list_and_approve_registrations(client, b2b_day, operator, third_user):
    b2b_day.requires_approval = True
    b2b_day.save()
    pending = registration_create(actor=third_user, event=b2b_day)
    login(client, third_user)
    assert client.get(f"/api/v1/events/{b2b_day.pk}/registrations").status_code == 403
    assert client.post(f"/api/v1/registrations/{pending.pk}/approve").status_code == 403
    login(client, operator)
    listed = client.get(f"/api/v1/events/{b2b_day.pk}/registrations?status=pending").json()
    assert [r["id"] for r in listed["results"]] == [pending.pk]
    approved = client.post(f"/api/v1/registrations/{pending.pk}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "confirmed"
    again = client.post(f"/api/v1/registrations/{pending.pk}/approve")
    assert again.status_code == 422
    assert client.get(f"/api/v1/events/{b2b_day.pk}/registrations?status=odd").status_code == 422


def test_the_roster_api_is_for_operators(
    client, request_between, investor_user, b2b_day, operator, django_capture_on_commit_callbacks
):
    interpreter_save(actor=operator, event=b2b_day, name="Kim")
    request_between.needs_interpreter = True
    request_between.save()
    meeting_request_respond(actor=investor_user, request=request_between, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_start(actor=operator, event=b2b_day)
    url = f"/api/v1/events/{b2b_day.pk}/interpreters/roster"
    login(client, investor_user)
    assert client.get(url).status_code == 403
    login(client, operator)
    body = client.get(url).json()
    assert body["count"] == 4
    booked = [r for r in body["results"] if r["meeting"]]
    assert len(booked) == 1 and booked[0]["interpreter_name"] == "Kim"
    assert booked[0]["meeting"] == request_between.pk and len(booked[0]["participants"]) == 2


def test_out_of_range_ids_and_pages_are_422(client, b2b_day):
    assert client.get("/api/v1/events/0").status_code == 422
    assert client.get("/api/v1/events?page=0").status_code == 422
    assert client.get("/api/v1/events?page_size=101").status_code == 422
