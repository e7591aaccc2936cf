"""Check-in endpoints: admit by code (one scan, or a desk's offline queue), counts, my code."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from yeongilman.accounts.access import require_user
from yeongilman.core import images
from yeongilman.core.errors import Conflict, NotFound, ValidationFailed
from yeongilman.core.schemas import Flag, Moment, PathId, StrictIn
from yeongilman.events.access import confirmed_registration
from yeongilman.events.codes import code_for, short_code_for
from yeongilman.events.models import Event
from yeongilman.events.qr import qr_svg
from yeongilman.onsite import access, selectors, services
from yeongilman.onsite.models import AttemptOutcome, CheckInMethod

router = Router(tags=["check-in"])


class ScanIn(StrictIn):
    code: str = Field(max_length=200, description="The text of the QR code, or typed.")
    client_scan_id: str = Field(
        "", max_length=64, description="The desk page's id of this scan; a resend is recognised."
    )
    scanned_at: Moment | None = Field(
        None,
        description="When the desk made the scan (an offline queue sends it later); believed "
        "within the event's days, one day either side, and not in the future.",
    )
    typed: Flag = Field(False, description="Typed at the desk rather than scanned.")


class CheckInIn(ScanIn):
    session: int | None = Field(None, ge=1, description="A programme session; none: entrance.")


class BatchIn(StrictIn):
    session: int | None = Field(None, ge=1, description="A programme session; none: entrance.")
    scans: list[ScanIn] = Field(max_length=services.MAX_BATCH)


class ScanOut(Schema):
    outcome: str = Field(description="admitted, already, or why it was refused.")
    message: str
    client_scan_id: str
    registration: int | None
    name: str
    organisation: str
    photo: str | None = Field(description="A 96 px photo, when the person agreed to show one.")
    checked_in_at: datetime | None
    checked_in_by: str


class BatchOut(Schema):
    results: list[ScanOut]


class SessionCountOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    registered: int = Field(description="Confirmed participants signed up for the session.")
    checked_in: int = Field(description="Admitted at the session's door, signed up or not.")
    not_arrived: int = Field(description="Signed up, not admitted, while the session runs.")
    no_show: int = Field(description="Signed up and never admitted, once the session ended.")
    ended: bool


class CountsOut(Schema):
    registered: int = Field(description="Confirmed registrations.")
    checked_in: int
    not_arrived: int = Field(description="Confirmed, not checked in, while the event runs.")
    no_show: int = Field(description="Confirmed and never checked in, once the event ended.")
    ended: bool
    sessions: list[SessionCountOut]


class MyCodeOut(Schema):
    event: int
    registration: int
    code: str
    svg: str = Field(description="The QR code as an SVG element.")
    short_code: str = Field(
        "", description="The short code to type at the desk (7 characters, unique per event)."
    )


def _event(request: HttpRequest, event_id: int) -> Event:
    return access.access_check_in_event(request.user, event_id=event_id)


def _person(result: services.ScanResult) -> dict[str, Any]:
    registration, check_in = result.registration, result.check_in
    if registration is None or result.outcome in (
        AttemptOutcome.OTHER_EVENT,
        AttemptOutcome.INVALID,
    ):
        # Another event's desk learns which event, not who.
        return {"registration": None, "name": "", "organisation": "", "photo": None}
    person = getattr(registration.user, "person", None)
    photo = (
        images.thumbnail_url(person.photo, 96)
        if person is not None and person.photo and person.photo_consent
        else None
    )
    organisation = str(registration.organisation.name) if registration.organisation else ""
    if not organisation and check_in is not None:
        organisation = check_in.organisation_name
    return {
        "registration": registration.pk,
        "name": str(registration.user),
        "organisation": organisation,
        "photo": photo,
    }


def scan_out(result: services.ScanResult) -> dict[str, Any]:
    """The desk's view of one scan result (the page and the API share it)."""
    check_in = result.check_in
    by = check_in.checked_in_by if check_in is not None else None
    return {
        "outcome": result.outcome,
        "message": result.message,
        "client_scan_id": result.client_scan_id,
        **_person(result),
        "checked_in_at": check_in.checked_in_at if check_in is not None else None,
        "checked_in_by": (str(by)) if by is not None else "",
    }


def _scan(item: ScanIn) -> services.Scan:
    return services.Scan(
        code=item.code,
        client_scan_id=item.client_scan_id,
        scanned_at=item.scanned_at,
        method=CheckInMethod.TYPED if item.typed else CheckInMethod.SCAN,
    )


@router.post(
    "/events/{event_id}/check-ins",
    response={201: ScanOut, 200: ScanOut},
    summary="Check a registration in by its code (operators and the event's check-in staff)",
    description="201: admitted now (or the same `client_scan_id` sent again); 200 with outcome "
    "`already`: checked in before (the message says when and by whom). A tampered or foreign "
    "code answers 422; a code of another event, or of a cancelled or unconfirmed registration, "
    "409 with the reason. Refused codes are recorded.",
)
def check_in(request: HttpRequest, event_id: PathId, payload: CheckInIn) -> Any:
    event = _event(request, event_id)
    result = services.check_in_scan(
        actor=request.user, event=event, scan=_scan(payload), session_id=payload.session
    )
    body = scan_out(result)
    if result.outcome in (AttemptOutcome.INVALID, AttemptOutcome.UNKNOWN):
        raise ValidationFailed(result.message, field_errors={"code": [result.message]})
    if result.outcome in (AttemptOutcome.OTHER_EVENT, AttemptOutcome.NOT_CONFIRMED):
        raise Conflict(result.message, extra={"outcome": result.outcome})
    return Status(201 if result.admitted else 200, body)


@router.post(
    "/events/{event_id}/check-ins/batch",
    response={200: BatchOut},
    summary="Replay a desk's queued scans (operators and the event's check-in staff)",
    description="Each scan is answered in the order sent, refused ones included. Scans sent "
    "twice (same `client_scan_id`) give the same answer; within one batch the earliest "
    "`scanned_at` of a person admits them, and an admission already recorded is never "
    "rewritten. A `scanned_at` outside the event's days (one day either side) or in the future "
    "counts as the moment the server receives it.",
)
def check_in_batch(request: HttpRequest, event_id: PathId, payload: BatchIn) -> Any:
    event = _event(request, event_id)
    results = services.check_in_batch(
        actor=request.user,
        event=event,
        scans=[_scan(s) for s in payload.scans],
        session_id=payload.session,
    )
    return {"results": [scan_out(r) for r in results]}


@router.get(
    "/events/{event_id}/attendance",
    response=CountsOut,
    summary="Registered, checked in and not arrived, per event and session (desk staff)",
)
def attendance(request: HttpRequest, event_id: PathId) -> Any:
    return selectors.attendance_counts(_event(request, event_id))


@router.get(
    "/events/{event_id}/my-code",
    response=MyCodeOut,
    summary="My check-in code and its QR (SVG) for a confirmed registration",
)
def my_code(request: HttpRequest, event_id: PathId) -> Any:
    user = require_user(request.user)
    event = Event.objects.filter(pk=event_id, is_published=True).first()
    registration = confirmed_registration(user, event) if event is not None else None
    if event is None or registration is None:
        raise NotFound(_("You have no confirmed registration for this event."))
    code = code_for(registration)
    return {"event": event.pk, "registration": registration.pk, "code": code, "svg": qr_svg(code),
            "short_code": short_code_for(registration)}  # fmt: skip


class MySessionOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    room: str
    signed_up: bool
    ended: bool = Field(description="Ended sessions can no longer be signed up for or left.")


class SignupOut(Schema):
    session: int
    signed_up: bool


def _published(event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id, is_published=True).first()
    if event is None:
        raise NotFound(_("No such event."))
    return event


@router.get(
    "/events/{event_id}/my-sessions",
    response=list[MySessionOut],
    summary="The event's programme sessions, each marked signed up or not (confirmed participants)",
    description="404 without a confirmed registration for this (published) event.",
)
def my_sessions(request: HttpRequest, event_id: PathId) -> Any:
    user = require_user(request.user)
    event = _published(event_id)
    for item in selectors.my_sessions(user):
        if item.registration.event_id == event.pk:
            return [
                {
                    "id": c.session.pk,
                    "title": str(c.session.title),
                    "starts_at": c.session.starts_at,
                    "ends_at": c.session.ends_at,
                    "room": c.session.room,
                    "signed_up": c.signed_up,
                    "ended": c.ended,
                }  # fmt: skip
                for c in item.sessions
            ]
    if confirmed_registration(user, event) is None:
        raise NotFound(_("You have no confirmed registration for this event."))
    return []


@router.put(
    "/events/{event_id}/sessions/{session_id}/signup",
    response=SignupOut,
    summary="Sign me up for a programme session (confirmed participants; again: no change)",
    description="403 without a confirmed registration; 404 for a session of another event; "
    "422 once the session has ended.",
)
def signup(request: HttpRequest, event_id: PathId, session_id: PathId) -> Any:
    services.session_signup(actor=request.user, event=_published(event_id), session_id=session_id)
    return {"session": session_id, "signed_up": True}


@router.delete(
    "/events/{event_id}/sessions/{session_id}/signup",
    response={204: None},
    summary="Take me off a programme session (confirmed participants)",
    description="403 without a confirmed registration; 404 for a session of another event; "
    "422 once the session has ended.",
)
def signup_cancel(request: HttpRequest, event_id: PathId, session_id: PathId) -> Any:
    services.session_signup_cancel(
        actor=request.user, event=_published(event_id), session_id=session_id
    )
    return Status(204, None)
