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
from yeongilman.core.errors import NotFound, ValidationFailed
from yeongilman.core.schemas import PathId, QueryPage, QueryPageSize, page_of
from yeongilman.directory.models import Organisation
from yeongilman.events import access, selectors, services
from yeongilman.events.dates import visit_zone
from yeongilman.events.models import Event, Registration, RegistrationStatus, Visit
from yeongilman.events.schemas import (
    EventDetailOut,
    EventPage,
    RegistrationIn,
    RegistrationOut,
    RegistrationPage,
    SessionPage,
)

STATUS_PATTERN = "^(|pending|confirmed|waitlisted|cancelled)$"

router = Router(tags=["events"])


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
        "cancelled_at": event.cancelled_at, "cancellation_reason": event.cancellation_reason,
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
