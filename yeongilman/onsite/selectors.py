"""Reads of the check-in desk: attendance (what insights and meeting outcomes count), staff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from yeongilman.events.models import Event, RegistrationStatus
from yeongilman.onsite.models import CheckIn, CheckInAttempt, CheckInStaff


def checked_in_registration_ids(event: Event) -> set[int]:
    """Ids of the event's registrations checked in anywhere (entrance or a session): who came."""
    return set(
        CheckIn.objects.filter(event=event).values_list("registration_id", flat=True).distinct()
    )


@dataclass(frozen=True)
class SessionCount:
    """Check-ins at one programme session."""

    id: int
    title: str
    starts_at: datetime
    checked_in: int


@dataclass(frozen=True)
class AttendanceCounts:
    """An event's figures for the desk: confirmed places, who came, who has not (yet)."""

    registered: int
    checked_in: int
    not_arrived: int
    no_show: int
    ended: bool
    sessions: list[SessionCount] = field(default_factory=list)


def attendance_counts(event: Event, now: datetime | None = None) -> AttendanceCounts:
    """Confirmed registrations, those checked in, those not arrived; after the event ends the
    ones who never came are its no-shows."""
    now = now or timezone.now()
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    registered = confirmed.count()
    came = (
        CheckIn.objects.filter(event=event, registration__status=RegistrationStatus.CONFIRMED)
        .values("registration_id")
        .distinct()
        .count()
    )
    ended = event.ends_at <= now
    missing = max(registered - came, 0)
    per_session = dict(
        CheckIn.objects.filter(event=event, session__isnull=False)
        .values_list("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    sessions = [
        SessionCount(s.pk, str(s.title), s.starts_at, per_session.get(s.pk, 0))
        for s in event.sessions.all()
    ]
    return AttendanceCounts(
        registered=registered,
        checked_in=came,
        not_arrived=0 if ended else missing,
        no_show=missing if ended else 0,
        ended=ended,
        sessions=sessions,
    )


def staff_of(event: Event) -> QuerySet[CheckInStaff]:
    """The event's check-in staff with their accounts."""
    return CheckInStaff.objects.filter(event=event).select_related("user")


def recent_check_ins(event: Event, limit: int = 10) -> list[CheckIn]:
    """The latest check-ins at the event (newest first), for the desk's list."""
    return list(
        CheckIn.objects.filter(event=event)
        .select_related(
            "registration__user", "registration__organisation", "session", "checked_in_by"
        )
        .order_by("-recorded_at", "-id")[:limit]
    )


def refused_attempts(event: Event, limit: int = 20) -> list[CheckInAttempt]:
    """The latest refused scans at the event, for operators."""
    return list(
        CheckInAttempt.objects.filter(event=event)
        .select_related("by")
        .order_by("-at", "-id")[:limit]
    )
