"""Reads of communications: the segments of an event, its settings and templates, its
messages and their deliveries (for operators; the pages and API check access first)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.models import Membership, User
from yeongilman.communications.defaults import DEFAULTS
from yeongilman.communications.models import (
    Delivery,
    EventCommsSettings,
    MailKind,
    MailTemplate,
    Message,
    Segment,
)
from yeongilman.directory.models import Person
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.onsite.selectors import checked_in_registration_ids


def _live_requests(registration_ref: OuterRef, **filters: object) -> Exists:
    involved = Q(requester=registration_ref) | Q(recipient=registration_ref)
    return Exists(
        MeetingRequest.objects.filter(involved, **filters).exclude(status=RequestStatus.CANCELLED)
    )


def checked_in_ids(event: Event) -> set[int] | None:
    """Registration ids checked in at the event."""
    return set(checked_in_registration_ids(event))


def segment_registrations(event: Event, segment: str) -> QuerySet[Registration]:
    """The event's registrations in a segment (exhibitors are handled by segment_users)."""
    regs = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
    confirmed = regs.filter(status=RegistrationStatus.CONFIRMED)
    me = OuterRef("pk")
    if segment == Segment.ALL:
        return regs
    if segment == Segment.CONFIRMED:
        return confirmed
    if segment == Segment.WITHOUT_REQUESTS:
        return confirmed.exclude(_live_requests(me))
    if segment == Segment.PENDING_REQUESTS:
        return confirmed.filter(_live_requests(me, status=RequestStatus.REQUESTED))
    if segment == Segment.EMPTY_PROFILE:
        # Nothing for others to find them by: no name on the account or no directory entry.
        has_person = Exists(Person.objects.filter(user=OuterRef("user")))
        return regs.filter(Q(user__full_name="") | ~has_person)
    if segment == Segment.NO_SHOWS:
        if event.starts_at > timezone.now():
            return regs.none()  # nobody has missed it yet
        checked_in = checked_in_ids(event)
        if checked_in:  # the event used check-in
            return confirmed.exclude(pk__in=checked_in)
        # Without check-in: confirmed people who held no meeting.
        held = _live_requests(me, status=RequestStatus.ACCEPTED, confirmed=True)
        return confirmed.exclude(held)
    return regs.none()


def segment_users(event: Event, segment: str) -> QuerySet[User]:
    """The active people a message to this segment goes to, each once, in a stable order."""
    if segment == Segment.EXHIBITORS:
        exhibiting = event.exhibitors.values("organisation_id")
        members = Membership.objects.filter(organisation_id__in=exhibiting).values("user_id")
        registered = segment_registrations(event, Segment.ALL).filter(
            organisation_id__in=exhibiting
        )
        ids = Q(pk__in=members) | Q(pk__in=registered.values("user_id"))
    else:
        ids = Q(pk__in=segment_registrations(event, segment).values("user_id"))
    return User.objects.filter(ids, is_active=True).order_by("id")


def comms_settings(event: Event) -> EventCommsSettings:
    """The event's settings, or the defaults (unsaved) when it has none."""
    found = EventCommsSettings.objects.filter(event=event).first()
    return found or EventCommsSettings(event=event)


def template_texts(kind: str) -> dict[str, str]:
    """The four texts of a kind of mail: the operators' saved ones, else the defaults."""
    saved = MailTemplate.objects.filter(kind=kind).first()
    if saved is None:
        return dict(DEFAULTS[kind])
    return {
        "subject_ko": saved.subject_ko,
        "subject_en": saved.subject_en,
        "body_ko": saved.body_ko,
        "body_en": saved.body_en,
    }


def all_templates() -> list[tuple[str, dict[str, str], bool]]:
    """Every kind with its texts and whether operators changed them."""
    saved = {t.kind: t for t in MailTemplate.objects.all()}
    return [(kind, template_texts(kind), kind in saved) for kind in MailKind.values]


def event_messages(event: Event) -> QuerySet[Message]:
    """The event's messages, newest first, with how many recipients each has."""
    from django.db.models import Count

    return event.messages.annotate(recipients=Count("deliveries")).select_related("created_by")


def message_deliveries(message: Message) -> QuerySet[Delivery]:
    """One row per recipient, with their mail's status."""
    return message.deliveries.select_related("user", "mail").order_by("-created_at", "-id")
