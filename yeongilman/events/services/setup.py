"""Setting an event up on its pages (operators): its details, its programme, its exhibitors and
a delegation's stops. Each change is checked here and written to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.core.zones import valid_zone
from yeongilman.directory.models import Organisation
from yeongilman.events.models import Event, Exhibitor, ProgrammeSession, Visit

EVENT_FIELDS = (
    "kind", "title_ko", "title_en", "description_ko", "description_en", "venue", "city",
    "time_zone", "starts_at", "ends_at", "capacity", "registration_opens_at",
    "registration_closes_at", "requires_approval", "is_published", "b2b_tables",
)  # fmt: skip


def _scope(event: Event) -> str:
    return f"event:{event.pk}"


def check_event(values: dict[str, Any]) -> None:
    """The rules an event's details keep (a title in one language at least, a known zone, an
    end after the start, a registration window inside sense); ValidationFailed naming them."""
    errors: dict[str, list[str]] = dict(
        one_language_errors("title", values.get("title_ko"), values.get("title_en"))
    )
    if not valid_zone(str(values.get("time_zone") or "")):
        errors["time_zone"] = [_("Choose a time zone.")]
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends <= starts:
        errors["ends_at"] = [_("The event must end after it starts.")]
    opens, closes = values.get("registration_opens_at"), values.get("registration_closes_at")
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = [_("Registration must close after it opens.")]
    if closes and ends and closes > ends:
        errors["registration_closes_at"] = [_("Registration must close by the end of the event.")]
    if errors:
        raise ValidationFailed(_("The event was not saved."), field_errors=errors)


@transaction.atomic
def event_update(*, actor: AnyUser, event: Event, values: dict[str, Any]) -> Event:
    """Change an event's details (fields left out stay as they are)."""
    user = require_operator(actor)
    lock_for_change(event)
    merged = {name: values.get(name, getattr(event, name)) for name in EVENT_FIELDS}
    check_event(merged)
    changed = [n for n in EVENT_FIELDS if n in values and values[n] != getattr(event, n)]
    for name in changed:
        setattr(event, name, values[name])
    if changed:
        event.save(update_fields=[*changed, "updated_at"])
        audit_record(actor=user, action="event_changed", subject=event, scope=_scope(event),
                     fields=changed)  # fmt: skip
    return event


@transaction.atomic
def session_save(
    *, actor: AnyUser, event: Event, values: dict[str, Any],
    session: ProgrammeSession | None = None,
) -> ProgrammeSession:  # fmt: skip
    """Add a talk or panel to the event's programme, or change one."""
    user = require_operator(actor)
    errors = dict(one_language_errors("title", values.get("title_ko"), values.get("title_en")))
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if not starts or not ends or ends <= starts:
        errors["ends_at"] = [_("A session must end after it starts.")]
    elif not (event.starts_at <= starts and ends <= event.ends_at):
        errors["starts_at"] = [_("A session takes place during its event.")]
    if errors:
        raise ValidationFailed(_("The session was not saved."), field_errors=errors)
    created = session is None
    session = session or ProgrammeSession(event=event)
    for name in ("title_ko", "title_en", "speakers", "room", "starts_at", "ends_at"):
        if name in values:
            setattr(session, name, values[name])
    session.save()
    audit_record(actor=user, action="session_added" if created else "session_changed",
                 subject=session, scope=_scope(event))  # fmt: skip
    return session


@transaction.atomic
def session_delete(*, actor: AnyUser, session: ProgrammeSession) -> None:
    """Take a session off the programme (the people who signed up for it lose their place)."""
    user = require_operator(actor)
    audit_record(actor=user, action="session_removed", subject=session,
                 scope=_scope(session.event), title=str(session.title))  # fmt: skip
    session.delete()


@transaction.atomic
def visit_save(
    *, actor: AnyUser, event: Event, values: dict[str, Any], visit: Visit | None = None
) -> Visit:
    """Add a stop to a delegation's itinerary, or change one (each stop in its own zone)."""
    user = require_operator(actor)
    errors: dict[str, list[str]] = {}
    if not (values.get("place") or "").strip() and values.get("organisation") is None:
        errors["place"] = [_("Name the place or choose the organisation visited.")]
    zone = str(values.get("time_zone") or "")
    if zone and not valid_zone(zone):
        errors["time_zone"] = [_("Choose a time zone.")]
    if values.get("starts_at") is None:
        errors["starts_at"] = [_("Give a time.")]
    if errors:
        raise ValidationFailed(_("The stop was not saved."), field_errors=errors)
    created = visit is None
    visit = visit or Visit(event=event)
    for name in ("organisation", "place", "starts_at", "time_zone", "notes", "outcome"):
        if name in values:
            setattr(visit, name, values[name])
    visit.save()
    audit_record(actor=user, action="visit_added" if created else "visit_changed",
                 subject=visit, scope=_scope(event))  # fmt: skip
    return visit


@transaction.atomic
def visit_delete(*, actor: AnyUser, visit: Visit) -> None:
    """Take a stop off the itinerary."""
    user = require_operator(actor)
    audit_record(actor=user, action="visit_removed", subject=visit, scope=_scope(visit.event))
    visit.delete()


@transaction.atomic
def exhibitor_add(
    *, actor: AnyUser, event: Event, organisation: Organisation, booth: str = "",
    hall: str = "", zone: str = "",
) -> Exhibitor:  # fmt: skip
    """Add an organisation to the pavilion as an exhibitor with its stand (operators)."""
    user = require_operator(actor)
    if Exhibitor.objects.filter(event=event, organisation=organisation).exists():
        raise Conflict(_("%(name)s already exhibits here.") % {"name": organisation.name})
    exhibitor = Exhibitor.objects.create(
        event=event, organisation=organisation, booth=booth.strip()[:40], hall=hall.strip()[:60],
        zone=zone.strip()[:60],
    )  # fmt: skip
    audit_record(actor=user, action="exhibitor_added", subject=exhibitor, scope=_scope(event))
    return exhibitor


@transaction.atomic
def exhibitor_remove(*, actor: AnyUser, exhibitor: Exhibitor) -> None:
    """Take an exhibitor off the pavilion (its products, brochures and leads go with it)."""
    user = require_operator(actor)
    audit_record(
        actor=user, action="exhibitor_removed", subject=exhibitor,
        scope=_scope(exhibitor.event), organisation=str(exhibitor.organisation),
    )  # fmt: skip
    exhibitor.delete()
