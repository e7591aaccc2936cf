"""Cancelling an event (issue 29 #1): preconditions in the service, a confirm page that says
what it will do and to how many people, the reason kept when it is missing, and the
consequences: registrations and meeting requests cancelled, each person told in their
language, registration closed, the public page and the calendar saying so."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import login
from yeongilman.core.audit import AuditEntry
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.events.models import RegistrationStatus
from yeongilman.events.services import event_cancel, registration_create
from yeongilman.meetings.models import RequestStatus
from yeongilman.meetings.services import meeting_request_respond, meeting_request_send

REASON = "The venue closed for repairs; we will announce a new date."


def _url(event, name="events:event_cancel", lang="en"):
    with translation.override(lang):
        return reverse(name, args=[event.slug])


def test_cancelling_ends_registrations_and_meetings_and_tells_each_person_in_their_language(
    b2b_day, registrations, startup_user, investor_user, operator,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    startup, investor = registrations
    request = meeting_request_send(
        actor=startup_user, event=b2b_day, recipient=investor, message="LFP cells for robots?"
    )
    meeting_request_respond(actor=investor_user, request=request, accept=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = event_cancel(actor=operator, event=b2b_day, reason=REASON)
    assert told == 2
    b2b_day.refresh_from_db()
    assert b2b_day.cancelled_at is not None and b2b_day.cancellation_reason == REASON
    assert set(b2b_day.registrations.values_list("status", flat=True)) == {"cancelled"}
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED and request.slot_id is None
    letters = {m.to[0]: m for m in mail.outbox}
    assert set(letters) == {startup_user.email, investor_user.email}
    korean = letters[startup_user.email]  # the member reads Korean
    assert "취소" in korean.subject and REASON in korean.body
    assert "/ko/events/" in korean.body
    assert REASON in letters[investor_user.email].body
    entry = AuditEntry.objects.get(action="event_cancelled")
    assert entry.actor == operator


def test_preconditions_are_checked_in_the_service_and_nothing_changes(
    b2b_day, registrations, startup_user, operator
):
    with pytest.raises(PermissionDenied):
        event_cancel(actor=startup_user, event=b2b_day, reason=REASON)
    with pytest.raises(ValidationFailed) as missing:
        event_cancel(actor=operator, event=b2b_day, reason="   ")
    assert "reason" in missing.value.field_errors
    b2b_day.refresh_from_db()
    assert b2b_day.cancelled_at is None
    assert b2b_day.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 2
    event_cancel(actor=operator, event=b2b_day, reason=REASON)
    with pytest.raises(Conflict):
        event_cancel(actor=operator, event=b2b_day, reason=REASON)
    # Nobody registers for a cancelled event.
    with pytest.raises(Conflict):
        registration_create(actor=startup_user, event=b2b_day)


def test_an_event_that_has_ended_cannot_be_cancelled(b2b_day, registrations, operator):
    b2b_day.starts_at = timezone.now() - timedelta(days=3)
    b2b_day.ends_at = timezone.now() - timedelta(days=2)
    b2b_day.save()
    with pytest.raises(Conflict):
        event_cancel(actor=operator, event=b2b_day, reason=REASON)
    assert b2b_day.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 2


def test_the_confirm_page_says_what_it_will_do_and_keeps_the_typed_reason(
    client, b2b_day, registrations, operator, member
):
    login(client, member)
    assert client.get(_url(b2b_day)).status_code == 403
    login(client, operator)
    page = client.get(_url(b2b_day)).content.decode()
    assert "2 registrations are cancelled" in page and "2 confirmed" in page
    assert "goes to 2 people" in page and "This cannot be undone." in page
    # Nothing happens without a reason, and what was typed stays.
    response = client.post(_url(b2b_day), {"reason": " " * 3})
    assert response.status_code == 200
    assert "Say why the event is cancelled" in response.content.decode()
    b2b_day.refresh_from_db()
    assert b2b_day.cancelled_at is None
    response = client.post(_url(b2b_day), {"reason": REASON}, follow=True)
    b2b_day.refresh_from_db()
    assert b2b_day.cancelled_at is not None
    # Back in the control room: what was done, the reason, no next actions for the event.
    room = response.content.decode()
    assert "The event is cancelled; 2 people were told." in room
    assert REASON in room and "What needs doing" not in room
    # A second visit is refused with the reason, back in the control room.
    response = client.get(_url(b2b_day), follow=True)
    assert "cancelled already" in response.content.decode()


def test_the_public_page_the_list_and_the_calendar_say_it_is_cancelled(
    client, b2b_day, operator, member
):
    event_cancel(actor=operator, event=b2b_day, reason=REASON)
    login(client, member)
    page = client.get(_url(b2b_day, "events:detail", "ko")).content.decode()
    assert 'id="event-cancelled"' in page and REASON in page
    assert reverse("events:register", args=[b2b_day.slug]) not in page
    with translation.override("en"):
        listing = client.get(reverse("events:list")).content.decode()
    assert "badge-cancelled" in listing
    feed = icalendar.Calendar.from_ical(client.get(_url(b2b_day, "events:event_calendar")).content)
    assert [str(e["STATUS"]) for e in feed.walk("VEVENT")] == ["CANCELLED"]


def test_the_api_says_when_and_why_an_event_was_called_off(client, b2b_day, operator):
    listed = client.get("/api/v1/events").json()["results"]
    assert [e["cancelled_at"] for e in listed if e["slug"] == b2b_day.slug] == [None]
    event_cancel(actor=operator, event=b2b_day, reason=REASON)
    detail = client.get(f"/api/v1/events/{b2b_day.pk}").json()
    assert detail["cancelled_at"] and detail["cancellation_reason"] == REASON
