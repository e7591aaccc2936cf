"""Event endpoints: events and their programmes, my registration, B2B meeting slots and
requests (in person or online, interpreted or not), my agenda in both people's time zones,
operators' registrations, scheduler runs and the interpreter roster; same rules as the pages."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import Field

from yeongilman.accounts.access import require_operator, require_user
from yeongilman.core.errors import NotFound, PermissionDenied, ValidationFailed
from yeongilman.core.schemas import Flag, PathId, QueryPage, QueryPageSize, StrictIn, page_of
from yeongilman.core.zones import person_zone
from yeongilman.events import access as event_access
from yeongilman.events import selectors as event_selectors
from yeongilman.events.models import Registration
from yeongilman.jobs.schemas import JobQueued
from yeongilman.meetings import access, selectors, services
from yeongilman.meetings.models import MeetingRequest, MeetingSlot
from yeongilman.meetings.roster import side_name
from yeongilman.meetings.schemas import (
    AvailabilityIn,
    MeetingAnswerIn,
    MeetingOut,
    MeetingPage,
    MeetingPatch,
    MeetingRequestIn,
    ParticipantPage,
    RosterPage,
    SlotPage,
)

router = Router(tags=["events"])  # the B2B day's operations, published with the events


class ScheduleIn(StrictIn):
    keep_confirmed: Flag = True
    compact_agendas: Flag = Field(
        True,
        description="After placing as many meetings as possible, leave the fewest idle breaks "
        "between a person's meetings (no meeting is given up for it).",
    )
    max_break_spread: int | None = Field(
        2,
        ge=0,
        le=services.MAX_BREAK_SPREAD,
        description="With compact agendas: nobody gets more than this many breaks above the "
        "person with the fewest, where that is possible; null: no limit.",
    )


@router.post(
    "/events/{event_id}/schedule",
    response={202: JobQueued},
    summary="Run the meeting scheduler for a B2B day as a background job (operators)",
    description="Answers 202 with the job's id; follow it at `/jobs/{id}` (its result holds "
    "`breaks`: total, max, min, spread, the proven `lower_bound`, `spread_met`). A run while "
    "another is queued or running for the same day answers 409 with that run's `job`.",
)
def schedule_event(request: HttpRequest, event_id: PathId, payload: ScheduleIn) -> Any:
    require_operator(request.user)
    event = event_selectors.events_for(request.user).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event."))
    job = services.schedule_start(
        actor=request.user,
        event=event,
        keep_confirmed=payload.keep_confirmed,
        compact=payload.compact_agendas,
        max_spread=payload.max_break_spread,
    )
    return Status(202, {"job": job.pk})


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
        "window": meeting.window,
        "window_slots": [
            {"id": s.pk, "starts_at": s.starts_at, "ends_at": s.ends_at}
            for s in meeting.window_slots.all()
        ] if meeting.window == "slots" else [],
    }  # fmt: skip


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
    event = event_access.access_event(request.user, event_id)
    mine = event_access.require_participant(request.user, event)
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
    event = event_access.access_event(request.user, event_id)
    mine = event_access.confirmed_registration(request.user, event)
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
    event = event_access.access_event(request.user, event_id)
    mine = event_access.require_participant(request.user, event)
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
    event = event_access.access_event(request.user, event_id)
    mine = event_access.require_participant(request.user, event)
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
    "marked unavailable or already has a meeting in: 422 (on `proposed_slots`). A time "
    "`window` (morning, afternoon or chosen `window_slot_ids`) that leaves no slot where "
    "both sides are free, chosen slots without the window `slots`, or a proposed slot "
    "outside the window: 422 naming the field.",
)
def create_meeting_request(
    request: HttpRequest, event_id: PathId, payload: MeetingRequestIn
) -> Any:
    require_user(request.user)
    event = event_access.access_event(request.user, event_id)
    recipient = Registration.objects.filter(pk=payload.recipient, event=event).first()
    if recipient is None:
        message = _("This person is not a confirmed participant of the event.")
        event_access.require_participant(request.user, event)  # a stranger learns nothing more
        raise ValidationFailed(message, field_errors={"recipient": [message]})
    meeting = services.meeting_request_send(
        actor=request.user, event=event, recipient=recipient, message=payload.message,
        mode=payload.mode, video_link=payload.video_link,
        needs_interpreter=payload.needs_interpreter,
        proposed_slot_ids=list(payload.proposed_slot_ids),
        window=payload.window, window_slot_ids=list(payload.window_slot_ids),
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
    "/events/{event_id}/interpreters/roster",
    response=RosterPage,
    summary="Which interpreter is at which meeting in each slot (operators)",
)
def interpreter_roster(
    request: HttpRequest, event_id: PathId, page: QueryPage = 1, page_size: QueryPageSize = 100
) -> Any:
    require_operator(request.user)
    event = event_access.access_event(request.user, event_id)

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


@router.get(
    "/agenda",
    response=MeetingPage,
    summary="My scheduled meetings across events, in time order, in both people's zones",
)
def my_agenda(request: HttpRequest, page: QueryPage = 1, page_size: QueryPageSize = 50) -> Any:
    user = require_user(request.user)
    return page_of(selectors.agenda_meetings(user), page, page_size, _meeting_out)
