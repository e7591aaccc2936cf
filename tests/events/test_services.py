"""Registrations with a waiting list, B2B requests, scheduling, moves and calendars."""

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import make_user
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.events.models import RegistrationStatus
from yeongilman.events.services import (
    registration_approve,
    registration_cancel,
    registration_create,
)
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.meetings.services import (
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    schedule_start,
    unavailability_set,
)

SEOUL = ZoneInfo("Asia/Seoul")


def _accepted(registrations, startup_user, investor_user, b2b_day) -> MeetingRequest:
    startup, investor = registrations
    request = meeting_request_send(
        actor=startup_user, event=b2b_day, recipient=investor, message="LFP cells for robots?"
    )
    meeting_request_respond(actor=investor_user, request=request, accept=True)
    request.refresh_from_db()
    return request


def test_full_event_waitlists_and_promotes_on_cancel(
    b2b_day, startup_user, third_user, django_capture_on_commit_callbacks
):
    b2b_day.capacity = 1
    b2b_day.save()
    first = registration_create(actor=startup_user, event=b2b_day)
    second = registration_create(actor=third_user, event=b2b_day)
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(actor=startup_user, registration=first)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    assert mail.outbox[-1].to == [third_user.email]


def test_approval_events_wait_for_an_operator(b2b_day, operator, third_user):
    b2b_day.requires_approval = True
    b2b_day.save()
    registration = registration_create(actor=third_user, event=b2b_day)
    assert registration.status == "pending"
    with pytest.raises(PermissionDenied):
        registration_approve(actor=third_user, registration=registration)
    assert registration_approve(actor=operator, registration=registration).status == "confirmed"


def test_unpublished_event_refuses_registration(b2b_day, third_user):
    b2b_day.is_published = False
    b2b_day.save()
    with pytest.raises(PermissionDenied):
        registration_create(actor=third_user, event=b2b_day)


def test_only_the_recipient_answers_and_pairs_are_unique(
    registrations, startup_user, investor_user, b2b_day
):
    startup, investor = registrations
    request = meeting_request_send(actor=startup_user, event=b2b_day, recipient=investor)
    with pytest.raises(PermissionDenied):
        meeting_request_respond(actor=startup_user, request=request, accept=True)
    with pytest.raises(ValidationFailed):
        meeting_request_send(actor=investor_user, event=b2b_day, recipient=startup)
    with pytest.raises(ValidationFailed):
        meeting_request_send(actor=startup_user, event=b2b_day, recipient=startup)


def test_scheduler_places_accepted_requests_and_keeps_confirmed_ones(
    registrations,
    startup_user,
    investor_user,
    b2b_day,
    operator,
    django_capture_on_commit_callbacks,
):
    request = _accepted(registrations, startup_user, investor_user, b2b_day)
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule_start(actor=operator, event=b2b_day)
    run.refresh_from_db()
    request.refresh_from_db()
    assert run.status == "done" and run.result["scheduled"] == 1
    assert request.slot is not None and request.table == 1 and request.confirmed
    assert {m.to[0] for m in mail.outbox} >= {startup_user.email, investor_user.email}
    # A later slot pinned by hand survives a re-run that keeps confirmed meetings.
    last_slot = list(b2b_day.slots.all())[-1]
    meeting_move(actor=operator, request=request, slot=last_slot, table=2)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_start(actor=operator, event=b2b_day, keep_confirmed=True)
    request.refresh_from_db()
    assert (request.slot_id, request.table) == (last_slot.pk, 2)


def test_unavailable_slots_are_respected(
    registrations,
    startup_user,
    investor_user,
    b2b_day,
    operator,
    django_capture_on_commit_callbacks,
):
    request = _accepted(registrations, startup_user, investor_user, b2b_day)
    startup, _investor = registrations
    slots = list(b2b_day.slots.all())
    unavailability_set(actor=startup_user, registration=startup, slot_ids=[s.pk for s in slots[:3]])
    with django_capture_on_commit_callbacks(execute=True):
        schedule_start(actor=operator, event=b2b_day, keep_confirmed=False)
    request.refresh_from_db()
    assert request.slot_id == slots[3].pk


def test_moves_are_checked_against_the_rules(
    registrations, startup_user, investor_user, b2b_day, operator
):
    request = _accepted(registrations, startup_user, investor_user, b2b_day)
    startup, _investor = registrations
    first = b2b_day.slots.first()
    unavailability_set(actor=startup_user, registration=startup, slot_ids=[first.pk])
    with pytest.raises(ValidationFailed):
        meeting_move(actor=operator, request=request, slot=first)
    with pytest.raises(ValidationFailed):
        meeting_move(actor=operator, request=request, slot=list(b2b_day.slots.all())[1], table=9)
    with pytest.raises(PermissionDenied):
        meeting_move(actor=startup_user, request=request, slot=list(b2b_day.slots.all())[1])


def test_agenda_shows_each_person_their_own_time_zone(
    client,
    registrations,
    startup_user,
    investor_user,
    b2b_day,
    operator,
    django_capture_on_commit_callbacks,
):
    request = _accepted(registrations, startup_user, investor_user, b2b_day)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_start(actor=operator, event=b2b_day)
    request.refresh_from_db()
    assert request.slot is not None
    start = request.slot.starts_at
    with translation.override("en"):
        url = reverse("portal:agenda")
    seoul = login(client, startup_user).get(url).content.decode()
    assert start.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M") + " KST (Korean Time)" in seoul
    client.logout()
    new_york = login(client, investor_user).get(url).content.decode()
    ny = start.astimezone(ZoneInfo("America/New_York"))
    assert ny.strftime("%Y-%m-%d %H:%M") + " EST (Eastern Time)" in new_york


def test_personal_calendar_feed_parses_and_holds_the_meeting(
    client,
    registrations,
    startup_user,
    investor_user,
    b2b_day,
    operator,
    django_capture_on_commit_callbacks,
):
    request = _accepted(registrations, startup_user, investor_user, b2b_day)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_start(actor=operator, event=b2b_day)
    request.refresh_from_db()
    login(client, startup_user).get(reverse("portal:agenda"))
    startup_user.refresh_from_db()
    response = client.get(reverse("portal:personal_calendar", args=[startup_user.calendar_token]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    meetings = [c for c in calendar.walk("VEVENT") if str(c["uid"]).startswith("meeting-")]
    assert len(meetings) == 1
    start = meetings[0].decoded("dtstart")
    assert request.slot is not None and start == request.slot.starts_at
    assert str(meetings[0]["dtstart"].params["TZID"]) == "America/Los_Angeles"
    assert any(tz["TZID"] == "America/Los_Angeles" for tz in calendar.walk("VTIMEZONE"))
    assert client.get(reverse("portal:personal_calendar", args=["x" * 30])).status_code == 404


def test_event_calendar_export(client, b2b_day):
    response = client.get(reverse("events:event_calendar", args=[b2b_day.slug]))
    calendar = icalendar.Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == datetime(
        2027, 1, 6, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles")
    )


def test_b2b_page_is_for_confirmed_participants(client, b2b_day, registrations, third_user):
    url = reverse("meetings:b2b", args=[b2b_day.slug])
    assert login(client, third_user).get(url).status_code == 403


def test_manage_page_is_for_operators(client, b2b_day, startup_user, operator):
    url = reverse("meetings:manage", args=[b2b_day.slug])
    assert login(client, startup_user).get(url).status_code == 403
    client.logout()
    assert login(client, operator).get(url).status_code == 200


def test_cancelled_registration_cancels_its_requests(
    registrations, startup_user, investor_user, b2b_day
):
    request = _accepted(registrations, startup_user, investor_user, b2b_day)
    startup, _investor = registrations
    registration_cancel(actor=startup_user, registration=startup)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_someone_else_cannot_cancel_my_registration(registrations, b2b_day):
    startup, _investor = registrations
    stranger = make_user("stranger@example.org")
    with pytest.raises(PermissionDenied):
        registration_cancel(actor=stranger, registration=startup)
