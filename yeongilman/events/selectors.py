"""Reads for events, filtered for the viewer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator
from yeongilman.accounts.models import User
from yeongilman.core.errors import NotFound
from yeongilman.directory.models import Organisation
from yeongilman.events.dates import safe_zone
from yeongilman.events.models import Event, EventKind, Registration, RegistrationStatus, Visit


def events_for(user: AnyUser) -> QuerySet[Event]:
    """Published events (operators also see drafts), soonest first."""
    qs = Event.objects.all() if is_operator(user) else Event.objects.filter(is_published=True)
    return qs.order_by("starts_at")


def upcoming_events(user: AnyUser) -> QuerySet[Event]:
    """Events that have not ended yet."""
    return events_for(user).filter(ends_at__gte=timezone.now())


def event_has_ended(event: Event, *, now: datetime | None = None) -> bool:
    """Whether the event is over (its end has passed): nobody registers for it any more."""
    return event.ends_at <= (now or timezone.now())


@dataclass(frozen=True)
class CancellationSummary:
    """What cancelling an event would do: the registrations still held, by status, and how
    many people would be told."""

    confirmed: int
    pending: int
    waitlisted: int
    people: int

    @property
    def registrations(self) -> int:
        return self.confirmed + self.pending + self.waitlisted


def cancellation_refused(event: Event) -> str:
    """Why the event cannot be cancelled (it was already, or it has ended); empty when it can."""
    if event.cancelled_at is not None:
        return _("This event was cancelled already.")
    if event_has_ended(event):
        return _("This event has ended; it can no longer be cancelled.")
    return ""


def cancellation_summary(event: Event) -> CancellationSummary:
    """The registrations an event's cancellation would end, counted in one query."""
    held = event.registrations.exclude(status=RegistrationStatus.CANCELLED)
    counts = held.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        people=Count("user", distinct=True),
    )
    return CancellationSummary(**counts)


def past_events(user: AnyUser) -> QuerySet[Event]:
    """Events the viewer may see that have ended, the latest first."""
    return events_for(user).filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-id")


def _local_year(event_start: datetime, zone: str) -> int:
    return event_start.astimezone(ZoneInfo(safe_zone(zone))).year


def archive_years(user: AnyUser) -> list[int]:
    """The years (in each event's own zone) that have past events, the latest first."""
    rows = past_events(user).values_list("starts_at", "time_zone")
    return sorted({_local_year(start, zone) for start, zone in rows}, reverse=True)


def archive_events(user: AnyUser, *, year: int | None = None, kind: str = "") -> QuerySet[Event]:
    """Past events, the latest first, of one year (in the event's zone) and one kind if
    given."""
    qs = past_events(user)
    if kind:
        qs = qs.filter(kind=kind)
    if year is not None:
        # The year is the event's own (a 1 January start in Seoul is 31 December in UTC).
        rows = qs.filter(starts_at__year__in=[year - 1, year, year + 1]).values_list(
            "pk", "starts_at", "time_zone"
        )
        qs = qs.filter(pk__in=[pk for pk, start, zone in rows if _local_year(start, zone) == year])
    return qs


@dataclass
class ArchiveYear:
    """One year of the archive page: its events, the latest first."""

    year: int
    events: list[Event]


def group_by_year(events: Iterable[Event]) -> list[ArchiveYear]:
    """Events (already the latest first) under a heading per year, in each event's zone."""
    groups: list[ArchiveYear] = []
    for event in events:
        year = _local_year(event.starts_at, event.time_zone)
        if not groups or groups[-1].year != year:
            groups.append(ArchiveYear(year, []))
        groups[-1].events.append(event)
    return groups


def visible_event(user: AnyUser, slug: str, *, prefetch: tuple[str, ...] = ()) -> Event:
    """One event by its address, if the viewer may see it (nothing else read with it)."""
    event = events_for(user).prefetch_related(*prefetch).filter(slug=slug).first()
    if event is None:
        raise NotFound("No such event.")
    return event


def event_detail(user: AnyUser, slug: str) -> Event:
    """One event with its programme, exhibitors and visits, if the viewer may see it."""
    return visible_event(
        user,
        slug,
        prefetch=("sessions", "exhibitors__organisation", "visits__organisation", "organisers"),
    )


def itinerary(event: Event) -> QuerySet[Visit]:
    """A delegation's stops in time order, with the organisations visited (each stop knows
    its event, for its zone)."""
    return event.visits.select_related("organisation", "event").order_by("starts_at", "id")


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


class OfAnEvent(Protocol):
    """Anything that belongs to one event (a registration, a meeting)."""

    event: Event


Dated = TypeVar("Dated", bound=OfAnEvent)


def split_by_end(items: list[Dated]) -> tuple[list[Dated], list[Dated]]:
    """Registrations or meetings (in time order) split into those of events still to come or
    running, in that order, and those of events that have ended, the latest first."""
    now = timezone.now()
    ended = [event_has_ended(item.event, now=now) for item in items]
    coming = [item for item, over in zip(items, ended, strict=True) if not over]
    past = [item for item, over in zip(items, ended, strict=True) if over]
    return coming, past[::-1]


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
