"""Writes for events: registrations with a waiting list, B2B requests, slots, scheduling."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, is_operator, require_operator, require_user
from yeongilman.accounts.models import User
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.core.hooks import Hook
from yeongilman.directory.models import Organisation
from yeongilman.events import selectors
from yeongilman.events.models import Event, Exhibitor, Registration, RegistrationStatus
from yeongilman.events.qr import check_in_qr_attachment
from yeongilman.events.services.setup import (
    EVENT_FIELDS,
    check_event,
    event_update,
    exhibitor_add,
    exhibitor_remove,
    session_delete,
    session_save,
    visit_delete,
    visit_save,
)
from yeongilman.outbox.services import mail_on_commit

# Addresses the events pages use themselves (/events/archive/, /events/agenda/): no event's.
RESERVED_SLUGS = frozenset({"archive", "agenda", "calendar", "new"})


# A place was given up, inside the change's transaction: the meetings app cancels the
# registration's meeting requests (MeetingsConfig.ready).
registration_cancelled: Hook[[Registration]] = Hook("events.registration_cancelled")

ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.WAITLISTED,
)
REASON_MAX = 2000


@transaction.atomic
def event_create(*, actor: AnyUser, **values: object) -> Event:
    """Create an event (operators); `title_ko`/`title_en`, `kind`, `starts_at`, `ends_at`, …"""
    user = require_operator(actor)
    event = Event(**values)
    check_event({name: getattr(event, name) for name in EVENT_FIELDS})
    base = slugify(event.title_en or "", allow_unicode=False)[:80] or slugify(
        event.title_ko, allow_unicode=True
    )[:80] or "event"  # fmt: skip
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    event.slug = slug
    event.save()
    audit_record(actor=user, action="event_created", subject=event, scope=f"event:{event.pk}")
    return event


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


@transaction.atomic
def registration_create(
    *, actor: AnyUser, event: Event, organisation: Organisation | None = None
) -> Registration:
    """Register the actor: confirmed, waiting for approval, or waitlisted when full; an event
    that has ended is refused (Conflict)."""
    user = require_user(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = timezone.now()
    if not event.is_published:
        raise PermissionDenied(_("This event is not open for registration."))
    if event.cancelled_at is not None:
        raise Conflict(_("This event was cancelled; registration is closed."))
    if selectors.event_has_ended(event, now=now):
        raise Conflict(_("This event has ended; registration is closed."))
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationFailed(_("Registration has not opened yet."))
    if event.registration_closes_at and now > event.registration_closes_at:
        raise ValidationFailed(_("Registration is closed."))
    if organisation is not None and not user.memberships.filter(organisation=organisation).exists():
        raise PermissionDenied(_("You can only register on behalf of your own organisation."))
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing and existing.status != RegistrationStatus.CANCELLED:
        return existing
    full = event.capacity is not None and _confirmed_count(event) >= event.capacity
    if full:
        status = RegistrationStatus.WAITLISTED
    elif event.requires_approval:
        status = RegistrationStatus.PENDING
    else:
        status = RegistrationStatus.CONFIRMED
    registration = existing or Registration(event=event, user=user)
    registration.organisation = organisation
    registration.status = status
    registration.save()
    if status == RegistrationStatus.CONFIRMED:
        _mail_confirmed(registration)
    return registration


def _mail_confirmed(registration: Registration) -> None:
    # The confirmation carries the check-in code as text, a link to its QR picture and the
    # picture itself as an attached PNG (to show at the desk offline).
    mail_on_commit(
        [registration.user],
        gettext_noop("Your place is confirmed"),
        "events/email/confirmed.txt",
        {
            "event": registration.event,
            "registration": registration,
            "site": settings.YV_SITE_URL.rstrip("/"),
        },
        attachments=[check_in_qr_attachment(registration)],
    )


@transaction.atomic
def registration_cancel(*, actor: AnyUser, registration: Registration) -> None:
    """Cancel a registration; the first person on the waiting list moves up (once)."""
    user = require_user(actor)
    if registration.user_id != user.pk and not is_operator(user):
        raise PermissionDenied(_("You can only cancel your own registration."))
    event = Event.objects.select_for_update().get(pk=registration.event_id)  # event, then row
    lock_for_change(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        return
    if selectors.event_has_ended(event):
        # Cancelling now would cancel the meetings that were held, and their outcomes with them.
        raise Conflict(_("This event has ended; its registrations can no longer be cancelled."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    registration_cancelled(registration)
    if was_confirmed:
        _promote_waiting(event)


def _promote_waiting(event: Event) -> None:
    if event.capacity is not None and _confirmed_count(event) >= event.capacity:
        return
    waiting = (
        event.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if waiting is None:
        return
    waiting.status = (
        RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
    )
    waiting.save(update_fields=["status", "updated_at"])
    mail_on_commit(
        [waiting.user],
        gettext_noop("A place opened up for you"),
        "events/email/promoted.txt",
        {"event": event, "registration": waiting, "site": settings.YV_SITE_URL.rstrip("/")},
        attachments=[check_in_qr_attachment(waiting)]
        if waiting.status == RegistrationStatus.CONFIRMED
        else (),
    )


@transaction.atomic
def registration_at_the_door(
    *, actor: AnyUser, event: Event, user: User, organisation_id: int | None = None
) -> Registration:
    """A confirmed place for someone who came to the door (the check-in desk's walk-in; the
    caller checks that the actor works the desk). A confirmed registration is kept; a new one
    is confirmed while the event has room. A cancelled registration is an operator's to
    restore, and no one confirms a place beyond the capacity (Conflict, nothing changed)."""
    require_user(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None:
        lock_for_change(registration)
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        if organisation_id is not None and registration.organisation_id is None:
            registration.organisation_id = organisation_id
            registration.save(update_fields=["organisation", "updated_at"])
        return registration
    if (
        registration is not None
        and registration.status == RegistrationStatus.CANCELLED
        and not is_operator(actor)
    ):
        raise Conflict(
            _("This registration was cancelled; only an operator can restore it."),
            extra={"status": registration.status},
        )
    if event.cancelled_at is not None:
        raise Conflict(_("This event was cancelled; registration is closed."))
    if event.capacity is not None and _confirmed_count(event) >= event.capacity:
        raise Conflict(
            _("The event is full (%(capacity)s places); an operator can raise its capacity.")
            % {"capacity": event.capacity},
            extra={"capacity": event.capacity},
        )
    registration = registration or Registration(event=event, user=user)
    if organisation_id is not None:
        registration.organisation_id = organisation_id
    registration.status = RegistrationStatus.CONFIRMED
    registration.save()
    return registration


@transaction.atomic
def registration_approve(*, actor: AnyUser, registration: Registration) -> Registration:
    """An operator approves a pending registration (it waits if the event is full)."""
    require_operator(actor)
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    lock_for_change(registration)
    if registration.status != RegistrationStatus.PENDING:
        raise ValidationFailed(_("Only registrations waiting for approval can be approved."))
    full = event.capacity is not None and _confirmed_count(event) >= event.capacity
    registration.status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    if registration.status == RegistrationStatus.CONFIRMED:
        _mail_confirmed(registration)
    return registration


@transaction.atomic
def event_cancel(*, actor: AnyUser, event: Event, reason: str) -> int:
    """Call an event off (operators), with a reason: every registration still held is
    cancelled, with its meeting requests (registration_cancelled), and each person is told in
    their language. An event that has ended or was cancelled already is refused (Conflict,
    nothing changed). Returns how many people were told."""
    user = require_operator(actor)
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_MAX:
        message = _("Say why the event is cancelled (at most %(max)s characters).") % {
            "max": REASON_MAX
        }
        raise ValidationFailed(message, field_errors={"reason": [message]})
    event = Event.objects.select_for_update().get(pk=event.pk)
    if refused := selectors.cancellation_refused(event):
        raise Conflict(refused)
    event.cancelled_at = timezone.now()
    event.cancellation_reason = reason
    event.save(update_fields=["cancelled_at", "cancellation_reason", "updated_at"])
    held = list(
        event.registrations.select_for_update()
        .filter(status__in=ACTIVE_STATUSES)
        .select_related("user")
        .order_by("pk")
    )
    # One write for every registration; the hook then cancels each one's meeting requests.
    Registration.objects.filter(pk__in=[r.pk for r in held]).update(
        status=RegistrationStatus.CANCELLED, updated_at=event.cancelled_at
    )
    for registration in held:
        registration.status = RegistrationStatus.CANCELLED
        registration_cancelled(registration)
    people = list({r.user_id: r.user for r in held}.values())
    mail_on_commit(
        people,
        gettext_noop("An event you registered for is cancelled"),
        "events/email/event_cancelled.txt",
        {"event": event, "reason": reason, "site": settings.YV_SITE_URL.rstrip("/")},
    )
    audit_record(
        actor=user, action="event_cancelled", subject=event, scope=f"event:{event.pk}",
        reason=reason, registrations=len(held),
    )  # fmt: skip
    return len(people)


@transaction.atomic
def event_limits_set(
    *, actor: AnyUser, event: Event, max_meetings_per_day: int | None, max_in_a_row: int | None
) -> Event:
    """Operators set the per-person limits the scheduler keeps (None: no limit)."""
    require_operator(actor)
    for name, value in (
        ("max_meetings_per_day", max_meetings_per_day),
        ("max_in_a_row", max_in_a_row),
    ):
        if value is not None and not 1 <= value <= 64:
            message = _("Use a whole number from 1 to 64, or leave it empty.")
            raise ValidationFailed(message, field_errors={name: [message]})
    event.max_meetings_per_day = max_meetings_per_day or None
    event.max_in_a_row = max_in_a_row or None
    event.save(update_fields=["max_meetings_per_day", "max_in_a_row", "updated_at"])
    return event


def calendar_token_for(user: User) -> str:
    """The user's personal calendar feed token, created on first use."""
    if not user.calendar_token:
        user.calendar_token = secrets.token_urlsafe(32)
        user.save(update_fields=["calendar_token"])
    return user.calendar_token


def exhibitor_exists(*, event_id: int, organisation_id: int) -> bool:
    """Whether the organisation already exhibits at the event."""
    return Exhibitor.objects.filter(event_id=event_id, organisation_id=organisation_id).exists()


def exhibitor_release(*, actor: AnyUser, event_id: int, organisation_id: int, reason: str) -> bool:
    """Take back the exhibitor row a selection made (the selection was reversed): the row,
    its products, brochures and leads go; audited with the reason. False when there was none."""
    exhibitor = Exhibitor.objects.filter(event_id=event_id, organisation_id=organisation_id).first()
    if exhibitor is None:
        return False
    audit_record(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action="exhibitor_removed", subject=exhibitor, scope=f"event:{event_id}",
        organisation=str(exhibitor.organisation), reason=reason,
    )  # fmt: skip
    exhibitor.delete()
    return True


def exhibitor_ensure(*, event_id: int, organisation_id: int) -> Exhibitor:
    """The organisation's exhibitor row at the event (a pavilion's selected firm), made if
    missing; called by the programmes when a call linked to the event selects it."""
    exhibitor, _created = Exhibitor.objects.get_or_create(
        event_id=event_id, organisation_id=organisation_id
    )
    return exhibitor


def registrations_forget(*, user: User) -> int:
    """A deleted account's places at events still to come go; places at events that happened
    stay (meetings held and their outcomes point at them) and name its pseudonym."""
    deleted, _by_model = Registration.objects.filter(
        user=user, event__ends_at__gte=timezone.now()
    ).delete()
    return deleted


__all__ = [
    "EVENT_FIELDS",
    "RESERVED_SLUGS",
    "check_event",
    "event_create",
    "event_update",
    "exhibitor_add",
    "exhibitor_ensure",
    "exhibitor_remove",
    "registration_approve",
    "registration_cancel",
    "registration_cancelled",
    "registration_create",
    "registrations_forget",
    "session_delete",
    "session_save",
    "visit_delete",
    "visit_save",
]
