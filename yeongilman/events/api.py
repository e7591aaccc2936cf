"""Event endpoints: events and their programmes, my registration, B2B meeting slots and
requests (in person or online, interpreted or not), my agenda in both people's time zones,
operators' registrations, scheduler runs and the interpreter roster; same rules as the pages."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from yeongilman.accounts.access import require_operator, require_user
from yeongilman.core.errors import NotFound, PermissionDenied, ValidationFailed
from yeongilman.core.schemas import PathId, QueryPage, QueryPageSize, StrictIn, page_of
from yeongilman.core.zones import person_zone
from yeongilman.directory.models import Organisation
from yeongilman.events import access, selectors, services
from yeongilman.events.dates import visit_zone
from yeongilman.events.models import (
    Event,
    MeetingRequest,
    MeetingSlot,
    Registration,
    RegistrationStatus,
    Visit,
)
from yeongilman.events.roster import side_name
from yeongilman.events.schemas import (
    AvailabilityIn,
    EventDetailOut,
    EventPage,
    MeetingAnswerIn,
    MeetingOut,
    MeetingPage,
    MeetingPatch,
    MeetingRequestIn,
    ParticipantPage,
    RegistrationIn,
    RegistrationOut,
    RegistrationPage,
    RosterPage,
    SessionPage,
    SlotPage,
)
from yeongilman.jobs.schemas import JobQueued

STATUS_PATTERN = "^(|pending|confirmed|waitlisted|cancelled)$"

router = Router(tags=["events"])


class ScheduleIn(StrictIn):
    keep_confirmed: bool = True


@router.post(
    "/events/{event_id}/schedule",
    response={202: JobQueued},
    summary="Run the meeting scheduler for a B2B day as a background job (operators)",
    description="Answers 202 with the job's id; follow it at `/jobs/{id}`. A run while another "
    "is queued or running for the same day answers 409 with that run's `job`.",
)
def schedule_event(request: HttpRequest, event_id: PathId, payload: ScheduleIn) -> Any:
    require_operator(request.user)
    event = selectors.events_for(request.user).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event."))
    job = services.schedule_start(
        actor=request.user, event=event, keep_confirmed=payload.keep_confirmed
    )
    return Status(202, {"job": job.pk})


# --- Events, programme, registrations, B2B meetings, agenda, interpreter roster -------------


def _event_out(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk, "slug": event.slug, "kind": event.kind,
        "title_ko": event.title_ko, "title_en": event.title_en,
        "description_ko": event.description_ko, "description_en": event.description_en,
        "venue": event.venue, "city": event.city, "time_zone": event.time_zone,
        "starts_at": event.starts_at, "ends_at": event.ends_at, "capacity": event.capacity,
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
        "requires_approval": event.requires_approval, "is_published": event.is_published,
    }  # fmt: skip


def _registration_out(registration: Registration) -> dict[str, Any]:
    return {
        "id": registration.pk, "event": registration.event_id, "user": registration.user_id,
        "name": str(registration.user), "organisation": registration.organisation_id,
        "status": registration.status, "created_at": registration.created_at,
    }  # fmt: skip


def _visit_out(visit: Visit) -> dict[str, Any]:
    zone = visit_zone(visit)
    org = visit.organisation
    return {
        "id": visit.pk, "organisation": visit.organisation_id,
        "organisation_name": str(org.name) if org is not None else "", "place": visit.place,
        "time_zone": zone, "starts_at": visit.starts_at.astimezone(ZoneInfo(zone)),
        "notes": visit.notes, "outcome": visit.outcome,
    }  # fmt: skip


def _participant_out(registration: Registration, event_zone: str) -> dict[str, Any]:
    org = registration.organisation
    return {
        "registration": registration.pk, "name": str(registration.user),
        "organisation": registration.organisation_id,
        "organisation_name": str(org.name) if org is not None else "",
        "time_zone": person_zone(registration.user, event_zone),
    }  # fmt: skip


def _meeting_out(meeting: MeetingRequest) -> dict[str, Any]:
    slot = meeting.slot
    event_zone = meeting.event.time_zone
    zones = dict.fromkeys(
        [person_zone(meeting.requester.user, event_zone),
         person_zone(meeting.recipient.user, event_zone)]
    )  # fmt: skip
    return {
        "id": meeting.pk, "event": meeting.event_id,
        "requester": _participant_out(meeting.requester, event_zone),
        "recipient": _participant_out(meeting.recipient, event_zone),
        "message": meeting.message, "status": meeting.status, "mode": meeting.mode,
        "video_link": meeting.video_link, "needs_interpreter": meeting.needs_interpreter,
        "slot": meeting.slot_id, "starts_at": slot.starts_at if slot else None,
        "ends_at": slot.ends_at if slot else None, "table": meeting.table,
        "interpreter": meeting.interpreter.name if meeting.interpreter else None,
        "unscheduled_reason": selectors.reason_label(meeting.unscheduled_reason)
        if meeting.unscheduled_reason else "",
        "times": [
            {"time_zone": zone, "starts_at": slot.starts_at.astimezone(ZoneInfo(zone))}
            for zone in zones
        ] if slot else [],
        "proposed_slots": [
            {"id": s.pk, "starts_at": s.starts_at, "ends_at": s.ends_at}
            for s in meeting.proposed_slots.all()
        ],
    }  # fmt: skip


@router.get(
    "/events",
    response=EventPage,
    summary="Events, soonest first (published ones; operators also see drafts)",
)
def list_events(
    request: HttpRequest, upcoming: bool = False, page: QueryPage = 1,
    page_size: QueryPageSize = 20,
) -> Any:  # fmt: skip
    """Every visible event, or with `upcoming` only those that have not ended."""
    qs = selectors.upcoming_events(request.user) if upcoming else selectors.events_for(request.user)
    return page_of(qs, page, page_size, _event_out)


@router.get("/events/{event_id}", response=EventDetailOut, summary="One event")
def get_event(request: HttpRequest, event_id: PathId) -> Any:
    """The event, its B2B rules and the viewer's own registration (None without one)."""
    event = access.access_event(request.user, event_id)
    mine = selectors.registration_of(request.user, event)
    return {
        **_event_out(event),
        "b2b_tables": event.b2b_tables,
        "max_meetings_per_day": event.max_meetings_per_day,
        "max_in_a_row": event.max_in_a_row,
        "my_registration": _registration_out(mine) if mine else None,
        "itinerary": [_visit_out(v) for v in selectors.itinerary(event)],
    }


@router.get("/events/{event_id}/sessions", response=SessionPage, summary="Programme sessions")
def list_sessions(
    request: HttpRequest, event_id: PathId, page: QueryPage = 1, page_size: QueryPageSize = 50
) -> Any:
    """The event's talks and panels in time order."""
    event = access.access_event(request.user, event_id)
    return page_of(event.sessions.order_by("starts_at", "id"), page, page_size, lambda s: s)


@router.get(
    "/events/{event_id}/registration",
    response=RegistrationOut,
    summary="My registration for the event",
    description="404 when the viewer has none (a cancelled one is answered with its status).",
)
def get_my_registration(request: HttpRequest, event_id: PathId) -> Any:
    require_user(request.user)
    event = access.access_event(request.user, event_id)
    mine = selectors.registration_of(request.user, event)
    if mine is None:
        raise NotFound(_("You are not registered for this event."))
    return _registration_out(mine)


@router.post(
    "/events/{event_id}/registration",
    response={200: RegistrationOut, 201: RegistrationOut},
    summary="Register for the event",
    description="201 with a new place (confirmed, waiting for approval or on the waiting list); "
    "200 with the place the viewer already holds. Before registration opens or after it "
    "closes: 422. After the event has ended: 409.",
)
def register(request: HttpRequest, event_id: PathId, payload: RegistrationIn) -> Any:
    user = require_user(request.user)
    event = access.access_event(request.user, event_id)
    organisation = None
    if payload.organisation is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation).first()
        if organisation is None:
            raise ValidationFailed(
                _("No such organisation."),
                field_errors={"organisation": [_("No such organisation.")]},
            )
    before = selectors.registration_of(user, event)
    held = before is not None and before.status != RegistrationStatus.CANCELLED
    registration = services.registration_create(actor=user, event=event, organisation=organisation)
    return Status(200 if held else 201, _registration_out(registration))


@router.post(
    "/events/{event_id}/registration/cancel",
    response=RegistrationOut,
    summary="Cancel my registration",
    description="Its meeting requests are cancelled too; the first on the waiting list moves up. "
    "After the event has ended: 409 (its meetings and their outcomes stay as they were).",
)
def cancel_registration(request: HttpRequest, event_id: PathId) -> Any:
    user = require_user(request.user)
    event = access.access_event(request.user, event_id)
    mine = selectors.registration_of(user, event)
    if mine is None:
        raise NotFound(_("You are not registered for this event."))
    services.registration_cancel(actor=user, registration=mine)
    mine.refresh_from_db()
    return _registration_out(mine)


@router.get(
    "/events/{event_id}/registrations",
    response=RegistrationPage,
    summary="The event's registrations (operators)",
)
def list_registrations(
    request: HttpRequest, event_id: PathId, status: str = Query("", pattern=STATUS_PATTERN),
    page: QueryPage = 1, page_size: QueryPageSize = 50,
) -> Any:  # fmt: skip
    """Every registration, oldest first, optionally of one status."""
    require_operator(request.user)
    event = access.access_event(request.user, event_id)
    qs = event.registrations.select_related("user").order_by("created_at", "id")
    if status:
        qs = qs.filter(status=status)
    return page_of(qs, page, page_size, _registration_out)


@router.post(
    "/registrations/{registration_id}/approve",
    response=RegistrationOut,
    summary="Approve a registration waiting for approval (operators)",
    description="A registration in any other state: 422. A full event puts it on the waiting list.",
)
def approve_registration(request: HttpRequest, registration_id: PathId) -> Any:
    require_operator(request.user)
    registration = Registration.objects.select_related("user").filter(pk=registration_id).first()
    if registration is None:
        raise NotFound(_("No such registration."))
    services.registration_approve(actor=request.user, registration=registration)
    return _registration_out(registration)


@router.get(
    "/events/{event_id}/slots",
    response=SlotPage,
    summary="The B2B day's meeting slots (participants and operators)",
)
def list_slots(
    request: HttpRequest, event_id: PathId, page: QueryPage = 1, page_size: QueryPageSize = 64
) -> Any:
    """Slots in time order, each saying whether the viewer is free in it."""
    require_user(request.user)
    event = access.access_event(request.user, event_id)
    mine = access.require_participant(request.user, event)
    blocked = set(mine.unavailable.values_list("slot_id", flat=True)) if mine else set()
    return page_of(
        list(event.slots.select_related("event")), page, page_size,
        lambda s: {"id": s.pk, "starts_at": s.starts_at, "ends_at": s.ends_at,
                   "tables": s.tables, "available": None if mine is None else s.pk not in blocked},
    )  # fmt: skip


@router.put(
    "/events/{event_id}/availability",
    response=SlotPage,
    summary="Set the slots I cannot attend (replaces the earlier choice)",
    description="A slot of another event: 422.",
)
def set_availability(request: HttpRequest, event_id: PathId, payload: AvailabilityIn) -> Any:
    require_user(request.user)
    event = access.access_event(request.user, event_id)
    mine = access.confirmed_registration(request.user, event)
    if mine is None:
        raise PermissionDenied(_("Only confirmed participants of this event can do this."))
    services.unavailability_set(
        actor=request.user, registration=mine, slot_ids=list(payload.unavailable)
    )
    return list_slots(request, event_id)


@router.get(
    "/events/{event_id}/participants",
    response=ParticipantPage,
    summary="Confirmed participants of a B2B day, to ask for meetings (participants, operators)",
)
def list_participants(
    request: HttpRequest, event_id: PathId, q: str = Query("", max_length=100),
    page: QueryPage = 1, page_size: QueryPageSize = 50,
) -> Any:  # fmt: skip
    require_user(request.user)
    event = access.access_event(request.user, event_id)
    mine = access.require_participant(request.user, event)
    qs = selectors.participants(event, exclude=mine, q=q)
    return page_of(qs, page, page_size, lambda r: _participant_out(r, event.time_zone))


@router.get(
    "/events/{event_id}/meeting-requests",
    response=MeetingPage,
    summary="Meeting requests I sent or received (operators: every request of the day)",
)
def list_meeting_requests(
    request: HttpRequest, event_id: PathId, page: QueryPage = 1, page_size: QueryPageSize = 50
) -> Any:
    require_user(request.user)
    event = access.access_event(request.user, event_id)
    mine = access.require_participant(request.user, event)
    qs = selectors.requests_of(mine) if mine else selectors.day_requests(event)
    return page_of(qs, page, page_size, _meeting_out)


@router.post(
    "/events/{event_id}/meeting-requests",
    response={201: MeetingOut},
    summary="Ask another confirmed participant for a meeting",
    description="In person or online (an https video link), with or without Korean–English "
    "interpretation, proposing up to three slots (`proposed_slot_ids`). Asking yourself, "
    "someone not confirmed at this event, someone already in contact, or after registration "
    "closed: 422. More than three proposed slots, a slot of another event, one the requester "
    "marked unavailable or already has a meeting in: 422 (on `proposed_slots`).",
)
def create_meeting_request(
    request: HttpRequest, event_id: PathId, payload: MeetingRequestIn
) -> Any:
    require_user(request.user)
    event = access.access_event(request.user, event_id)
    recipient = Registration.objects.filter(pk=payload.recipient, event=event).first()
    if recipient is None:
        message = _("This person is not a confirmed participant of the event.")
        access.require_participant(request.user, event)  # a stranger learns nothing more
        raise ValidationFailed(message, field_errors={"recipient": [message]})
    meeting = services.meeting_request_send(
        actor=request.user, event=event, recipient=recipient, message=payload.message,
        mode=payload.mode, video_link=payload.video_link,
        needs_interpreter=payload.needs_interpreter,
        proposed_slot_ids=list(payload.proposed_slot_ids),
    )  # fmt: skip
    return Status(201, _meeting_out(access.access_meeting_request(request.user, meeting.pk)))


@router.patch(
    "/meeting-requests/{request_id}",
    response=MeetingOut,
    summary="Change how a meeting is held (either participant, operators)",
    description="A new mode or interpretation takes a scheduled meeting out of the schedule "
    "until the scheduler runs again; a video link must be https and is for online meetings.",
)
def update_meeting_request(request: HttpRequest, request_id: PathId, payload: MeetingPatch) -> Any:
    meeting = access.access_meeting_request(request.user, request_id)
    services.meeting_request_update(
        actor=request.user, request=meeting, mode=payload.mode, video_link=payload.video_link,
        needs_interpreter=payload.needs_interpreter,
    )  # fmt: skip
    return _meeting_out(access.access_meeting_request(request.user, request_id))


@router.post(
    "/meeting-requests/{request_id}/answer",
    response=MeetingOut,
    summary="Accept or decline a meeting request (the person asked)",
    description="With `slot_id` (one of `proposed_slots`) an accepted meeting is booked there. "
    "A slot that was not proposed, a decline with a slot, or a slot no longer free (either "
    "person has a meeting there or is unavailable, every table or interpreter is taken): 422; "
    "nothing changes.",
)
def answer_meeting_request(
    request: HttpRequest, request_id: PathId, payload: MeetingAnswerIn
) -> Any:
    meeting = access.access_meeting_request(request.user, request_id)
    slot = None
    if payload.slot_id is not None:
        slot = MeetingSlot.objects.filter(pk=payload.slot_id, event_id=meeting.event_id).first()
        if slot is None:
            message = _("That time was not proposed for this meeting.")
            raise ValidationFailed(message, field_errors={"slot_id": [message]})
    services.meeting_request_respond(
        actor=request.user, request=meeting, accept=payload.accept, slot=slot
    )
    return _meeting_out(access.access_meeting_request(request.user, request_id))


@router.post(
    "/meeting-requests/{request_id}/cancel",
    response=MeetingOut,
    summary="Cancel a meeting request or a scheduled meeting (either participant, operators)",
)
def cancel_meeting_request(request: HttpRequest, request_id: PathId) -> Any:
    meeting = access.access_meeting_request(request.user, request_id)
    services.meeting_request_cancel(actor=request.user, request=meeting)
    return _meeting_out(access.access_meeting_request(request.user, request_id))


@router.get(
    "/agenda",
    response=MeetingPage,
    summary="My scheduled meetings across events, in time order, in both people's zones",
)
def my_agenda(request: HttpRequest, page: QueryPage = 1, page_size: QueryPageSize = 50) -> Any:
    user = require_user(request.user)
    return page_of(selectors.agenda_meetings(user), page, page_size, _meeting_out)


@router.get(
    "/events/{event_id}/interpreters/roster",
    response=RosterPage,
    summary="Which interpreter is at which meeting in each slot (operators)",
)
def interpreter_roster(
    request: HttpRequest, event_id: PathId, page: QueryPage = 1, page_size: QueryPageSize = 100
) -> Any:
    require_operator(request.user)
    event = access.access_event(request.user, event_id)

    def row(r: selectors.RosterRow) -> dict[str, Any]:
        m = r.meeting
        return {
            "slot": r.slot.pk, "starts_at": r.slot.starts_at, "interpreter": r.interpreter.pk,
            "interpreter_name": r.interpreter.name, "languages": r.interpreter.languages,
            "meeting": m.pk if m else None, "mode": m.mode if m else None,
            "table": m.table if m else None,
            "participants": [side_name(m.requester), side_name(m.recipient)] if m else [],
        }  # fmt: skip

    return page_of(selectors.interpreter_roster(event), page, page_size, row)
