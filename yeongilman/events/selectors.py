"""Reads for events, filtered for the viewer."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.access import AnyUser, is_operator
from yeongilman.accounts.models import User
from yeongilman.core.errors import NotFound
from yeongilman.directory.models import Organisation
from yeongilman.events.models import (
    Event,
    EventKind,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
)


def events_for(user: AnyUser) -> QuerySet[Event]:
    """Published events (operators also see drafts), soonest first."""
    qs = Event.objects.all() if is_operator(user) else Event.objects.filter(is_published=True)
    return qs.order_by("starts_at")


def upcoming_events(user: AnyUser) -> QuerySet[Event]:
    """Events that have not ended yet."""
    return events_for(user).filter(ends_at__gte=timezone.now())


def event_detail(user: AnyUser, slug: str) -> Event:
    """One event with its programme, exhibitors and visits, if the viewer may see it."""
    event = (
        events_for(user)
        .prefetch_related(
            "sessions", "exhibitors__organisation", "visits__organisation", "organisers"
        )
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise NotFound("No such event.")
    return event


def organisations_of(user: AnyUser) -> list[Organisation]:
    """Organisations the user may register on behalf of."""
    if not user.is_authenticated:
        return []
    return [m.organisation for m in user.memberships.select_related("organisation")]


def registration_of(user: AnyUser, event: Event) -> Registration | None:
    """The viewer's registration for the event, if any."""
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user=user).first()


def participants(
    event: Event, exclude: Registration | None = None, q: str = "", industry: str = ""
) -> QuerySet[Registration]:
    """Confirmed participants of a B2B day, with their organisations, for browsing."""
    qs = (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("user", "organisation")
        .prefetch_related("organisation__industries")
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if q:
        qs = qs.filter(
            Q(organisation__name_ko__icontains=q)
            | Q(organisation__name_en__icontains=q)
            | Q(organisation__description_ko__icontains=q)
            | Q(organisation__description_en__icontains=q)
            | Q(user__full_name__icontains=q)
        )
    if industry:
        qs = qs.filter(organisation__industries__code=industry)
    return qs.order_by("organisation__name_en", "user__full_name")


def requests_of(registration: Registration) -> QuerySet[MeetingRequest]:
    """Requests a participant sent or received (not cancelled)."""
    return (
        MeetingRequest.objects.filter(Q(requester=registration) | Q(recipient=registration))
        .exclude(status=RequestStatus.CANCELLED)
        .select_related(
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
            "slot",
            "event",
        )
        .order_by("slot__starts_at", "created_at")
    )


def agenda_meetings(user: User) -> QuerySet[MeetingRequest]:
    """The user's scheduled meetings across events, in time order."""
    return (
        MeetingRequest.objects.filter(
            Q(requester__user=user) | Q(recipient__user=user),
            status=RequestStatus.ACCEPTED,
            slot__isnull=False,
        )
        .select_related(
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
            "slot",
            "event",
        )
        .order_by("slot__starts_at")
    )


def agenda_registrations(user: User) -> QuerySet[Registration]:
    """Events the user is confirmed for."""
    return (
        Registration.objects.filter(user=user, status=RegistrationStatus.CONFIRMED)
        .select_related("event")
        .order_by("event__starts_at")
    )


def meeting_partners(user: AnyUser, organisation_ids: list[int]) -> dict[int, Registration]:
    """For each of these organisations, a confirmed registration of it at an upcoming B2B day
    where the user is confirmed too (the first such day): whom to ask for a meeting there."""
    if not user.is_authenticated or not organisation_ids:
        return {}
    mine = Registration.objects.filter(
        user=user,
        status=RegistrationStatus.CONFIRMED,
        event__kind=EventKind.B2B,
        event__ends_at__gt=timezone.now(),
    ).values_list("event_id", flat=True)
    theirs = (
        Registration.objects.filter(
            event_id__in=list(mine),
            organisation_id__in=organisation_ids,
            status=RegistrationStatus.CONFIRMED,
        )
        .exclude(user=user)
        .select_related("event")
        .order_by("event__starts_at", "id")
    )
    found: dict[int, Registration] = {}
    for registration in theirs:
        if registration.organisation_id is not None:
            found.setdefault(registration.organisation_id, registration)
    return found
