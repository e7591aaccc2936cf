"""Reads of the check-in desk: attendance (what insights and meeting outcomes count), staff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.models import User
from yeongilman.core import images
from yeongilman.events.codes import short_code_shown, short_code_typed
from yeongilman.events.models import Event, ProgrammeSession, Registration, RegistrationStatus
from yeongilman.onsite.models import CheckIn, CheckInAttempt, CheckInStaff, SessionSignup


def checked_in_registration_ids(event: Event) -> set[int]:
    """Ids of the event's registrations checked in anywhere (entrance or a session): who came."""
    return set(
        CheckIn.objects.filter(event=event).values_list("registration_id", flat=True).distinct()
    )


@dataclass(frozen=True)
class SessionCount:
    """One programme session's figures: who signed up, who was admitted at its door (signed
    up or not), and the signed-up ones not (yet) there; no-shows once it ended."""

    id: int
    title: str
    starts_at: datetime
    checked_in: int
    ends_at: datetime | None = None
    registered: int = 0
    not_arrived: int = 0
    no_show: int = 0
    ended: bool = False


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
    signups = SessionSignup.objects.filter(
        session__event=event, registration__status=RegistrationStatus.CONFIRMED
    )
    signed_up = dict(
        signups.values_list("session_id").annotate(n=Count("id")).values_list("session_id", "n")
    )
    admitted_at_own_session = CheckIn.objects.filter(
        registration_id=OuterRef("registration_id"), session_id=OuterRef("session_id")
    )
    signed_up_came = dict(
        signups.filter(Exists(admitted_at_own_session))
        .values_list("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    sessions = []
    for s in event.sessions.all():
        s_ended = s.ends_at <= now
        s_missing = max(signed_up.get(s.pk, 0) - signed_up_came.get(s.pk, 0), 0)
        sessions.append(
            SessionCount(
                s.pk,
                str(s.title),
                s.starts_at,
                per_session.get(s.pk, 0),
                ends_at=s.ends_at,
                registered=signed_up.get(s.pk, 0),
                not_arrived=0 if s_ended else s_missing,
                no_show=s_missing if s_ended else 0,
                ended=s_ended,
            )  # fmt: skip
        )
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


def signed_up_session_ids(
    registration_ids: list[int], event: Event | None = None
) -> dict[int, set[int]]:
    """For each of these registrations, the ids of the programme sessions it signed up for
    (with `event`, one query over that event's sign-ups rather than a list of thousands of ids)."""
    found: dict[int, set[int]] = {r: set() for r in registration_ids}
    rows = (
        SessionSignup.objects.filter(session__event=event)
        if event is not None
        else SessionSignup.objects.filter(registration_id__in=registration_ids)
    )
    for registration_id, session_id in rows.values_list("registration_id", "session_id"):
        if registration_id in found:
            found[registration_id].add(session_id)
    return found


@dataclass(frozen=True)
class SessionChoice:
    """A programme session as its participant sees it on My agenda."""

    session: ProgrammeSession
    signed_up: bool
    ended: bool


@dataclass(frozen=True)
class EventSessions:
    """One of the user's events with its programme and what they signed up for."""

    registration: Registration
    sessions: list[SessionChoice]


def my_sessions(user: User, now: datetime | None = None) -> list[EventSessions]:
    """The programme sessions of the user's confirmed, published events (those with a
    programme), each marked signed up or not; three queries whatever the number of events."""
    now = now or timezone.now()
    registrations = list(
        Registration.objects.filter(
            user=user, status=RegistrationStatus.CONFIRMED, event__is_published=True
        )
        .select_related("event")
        .order_by("event__starts_at", "id")
    )
    mine = {s for ids in signed_up_session_ids([r.pk for r in registrations]).values() for s in ids}
    by_event: dict[int, list[ProgrammeSession]] = {}
    for s in ProgrammeSession.objects.filter(event__in=[r.event_id for r in registrations]):
        by_event.setdefault(s.event_id, []).append(s)
    return [
        EventSessions(
            r,
            [SessionChoice(s, s.pk in mine, s.ends_at <= now) for s in by_event[r.event_id]],
        )
        for r in registrations
        if r.event_id in by_event
    ]


@dataclass(frozen=True)
class DeskMatch:
    """One registration found at the desk: who, their organisation and photo, whether in."""

    registration: Registration
    name: str
    other_name: str
    organisation: str
    photo: str
    short_code: str
    checked_in: bool


DESK_SEARCH_LIMIT = 20


def desk_search(event: Event, query: str, language: str = "ko") -> list[DeskMatch]:
    """The event's registrations whose name (either script), e-mail, registration number or
    short code matches what the desk typed; at most `DESK_SEARCH_LIMIT`, names in order (the
    name in the page's language first)."""
    text = " ".join((query or "").split())
    if len(text) < 2 and not text.isdigit():
        return []
    match = (
        Q(user__full_name__icontains=text)
        | Q(user__email__icontains=text)
        | Q(user__person__name_ko__icontains=text)
        | Q(user__person__name_latin__icontains=text)
    )
    number = text.removeprefix("#")
    if number.isdigit():
        match |= Q(pk=int(number))
    if short := short_code_typed(text):
        match |= Q(short_code=short)
    found = (
        event.registrations.filter(match)
        .select_related("user", "user__person", "organisation")
        .annotate(is_in=Exists(CheckIn.objects.filter(registration=OuterRef("pk"))))
        .order_by("user__full_name", "pk")[:DESK_SEARCH_LIMIT]
    )
    rows = []
    for r in found:
        person = getattr(r.user, "person", None)
        photo = (
            images.thumbnail_url(person.photo, 96)
            if person is not None and person.photo and person.photo_consent
            else ""
        )
        names = [person.name_ko, person.name_latin] if person is not None else []
        if language != "ko":
            names.reverse()
        names = [n.strip() for n in names if n and n.strip()] or [str(r.user)]
        rows.append(
            DeskMatch(
                registration=r, name=names[0], other_name=names[1] if len(names) > 1 else "",
                organisation=str(r.organisation.name) if r.organisation else "", photo=photo,
                short_code=short_code_shown(r.short_code), checked_in=bool(r.is_in),
            )
        )  # fmt: skip
    return rows
