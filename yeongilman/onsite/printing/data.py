"""What badges, personal agendas and table cards show: names, organisations, roles, meetings.

Plain data read from the events; printing_pdf draws it, printing serves and queues it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yeongilman.accounts.access import is_operator
from yeongilman.events.codes import code_for, short_code_for, short_code_shown
from yeongilman.events.models import Event, ProgrammeSession, Registration, RegistrationStatus
from yeongilman.meetings.free_time import free_blocks
from yeongilman.meetings.models import MeetingMode, MeetingRequest, MeetingSlot, RequestStatus
from yeongilman.meetings.selectors import other_side


@dataclass(frozen=True)
class Label:
    """A badge size and how many fit an A4 sheet (columns × rows, gaps for cutting)."""

    key: str
    name: Any  # lazy text
    width: float
    height: float
    columns: int
    rows: int
    gap_x: float
    gap_y: float

    @property
    def per_sheet(self) -> int:
        """Badges on one A4 sheet."""
        return self.columns * self.rows


LABELS = {
    label.key: label
    for label in (
        Label("a6", gettext_lazy("A6 (105 × 148 mm), four per A4 sheet"), 105, 148, 2, 2, 0, 0),
        Label("card", gettext_lazy("Business-card label (90 × 55 mm), ten per A4 sheet"),
              90, 55, 2, 5, 10, 3),
        Label("100x70", gettext_lazy("Label 100 × 70 mm, eight per A4 sheet"),
              100, 70, 2, 4, 4, 3),
    )
}  # fmt: skip
WHAT = {
    "badges": gettext_lazy("Badges"),
    "agendas": gettext_lazy("Personal agendas"),
    "table_cards": gettext_lazy("Table cards"),
}


# --- What is printed -------------------------------------------------------------------


@dataclass
class Badge:
    """What one badge shows."""

    name_ko: str
    name_latin: str
    organisation: str
    role: str  # staff, speaker, exhibitor, participant
    code: str
    language: str
    short_code: str = ""  # as printed, ``K7M-4PQ2``


@dataclass
class AgendaLine:
    """One meeting or programme session of a personal agenda."""

    start: datetime
    end: datetime
    title: str
    where: str
    detail: str = ""
    free: bool = False  # free time between two meetings (consecutive empty slots, merged)


@dataclass
class Agenda:
    """One person's agenda at one event, in their language."""

    language: str
    name: str
    organisation: str
    meetings: list[AgendaLine] = field(default_factory=list)
    sessions: list[AgendaLine] = field(default_factory=list)
    # True: `sessions` are the ones the person signed up for; False: the whole programme
    # (they signed up for none).
    signed_up_sessions: bool = False


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" for ch in text)


def person_names(registration: Registration) -> tuple[str, str]:
    """The Korean and the romanised name of a registered person (either may be empty).

    The directory's person record has both; without one, the account's name goes to the
    side its script belongs to, and the account's name in Latin letters to the other."""
    user = registration.user
    account_latin = (getattr(user, "name_latin", "") or "").strip()
    person = getattr(user, "person", None)
    if person is not None and (person.name_ko or person.name_latin):
        return person.name_ko.strip(), person.name_latin.strip() or account_latin
    full = (user.full_name or "").strip() or account_latin or user.email.split("@")[0]
    return (full, account_latin) if _has_hangul(full) else ("", full)


def display_name(registration: Registration, language: str) -> str:
    """One line naming the person: their name in the language first, the other beside it."""
    ko, latin = person_names(registration)
    first, second = (latin, ko) if language == "en" else (ko, latin)
    if first and second:
        return f"{first} ({second})"
    return first or second


def organisation_name(registration: Registration) -> str:
    org = registration.organisation
    return str(org.name) if org is not None else ""


def registrations_to_print(event: Event) -> QuerySet[Registration]:
    """The event's confirmed registrations with what a badge or agenda reads, in name order."""
    return (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("user", "user__person", "organisation", "event")
        .order_by("user__full_name", "id")
    )


class Roles:
    """Decides each registration's role from the event's data (one query per kind)."""

    def __init__(self, event: Event) -> None:
        self.organisers = set(event.organisers.values_list("pk", flat=True))
        self.exhibitors = set(event.exhibitors.values_list("organisation_id", flat=True))
        self.speakers = " | ".join(
            event.sessions.exclude(speakers="").values_list("speakers", flat=True)
        ).casefold()

    def of(self, registration: Registration) -> str:
        """staff (the organisers' people and operators), speaker (named in a session's
        speakers), exhibitor (their organisation exhibits), else participant."""
        org = registration.organisation_id
        if (org is not None and org in self.organisers) or is_operator(registration.user):
            return "staff"
        names = [n for n in person_names(registration) if len(n) >= 2]
        if self.speakers and any(n.casefold() in self.speakers for n in names):
            return "speaker"
        if org is not None and org in self.exhibitors:
            return "exhibitor"
        return "participant"


def role_label(role: str) -> str:
    """The role's name in the active language."""
    labels = {
        "staff": _("Staff"),
        "speaker": _("Speaker"),
        "exhibitor": _("Exhibitor"),
        "participant": _("Participant"),
    }
    return labels.get(role, labels["participant"])


def badge_for(registration: Registration, roles: Roles | None = None) -> Badge:
    """What the registration's badge shows."""
    roles = roles or Roles(registration.event)
    language = registration.user.language or "ko"
    ko, latin = person_names(registration)
    with translation.override(language):
        organisation = organisation_name(registration)
    return Badge(
        ko, latin, organisation, roles.of(registration), code_for(registration), language,
        short_code_shown(short_code_for(registration)),
    )  # fmt: skip


def meetings_to_print(
    event: Event, registrations: Iterable[int] | None = None
) -> list[MeetingRequest]:
    """The event's scheduled meetings (of these registrations only, if given), by slot."""
    qs = (
        MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
        .exclude(slot=None)
        .select_related(
            "slot",
            "interpreter",
            "requester__user__person",
            "requester__organisation",
            "recipient__user__person",
            "recipient__organisation",
        )  # fmt: skip
        .order_by("slot__starts_at", "table", "id")
    )
    if registrations is not None:
        ids = list(registrations)
        qs = qs.filter(Q(requester_id__in=ids) | Q(recipient_id__in=ids))
    return list(qs)


def agenda_for(
    registration: Registration,
    meetings: list[MeetingRequest],
    sessions: list[ProgrammeSession],
    signed_up: set[int] | None = None,
    slots: list[MeetingSlot] | None = None,
) -> Agenda:
    """One person's agenda in their own language: their meetings, with the free time between
    two of them as one line per run of empty `slots` (the day's slots, when given), and the
    sessions they signed up for (the whole programme when they signed up for none)."""
    language = registration.user.language or "ko"
    with translation.override(language):
        agenda = Agenda(language, display_name(registration, language),
                        organisation_name(registration))  # fmt: skip
        for m in meetings:
            if registration.pk not in (m.requester_id, m.recipient_id):
                continue
            other = other_side(m, registration)
            if m.mode == MeetingMode.ONLINE:
                where = _("Online: %(link)s") % {"link": m.video_link or _("link to follow")}
            elif m.table:
                where = _("Table %(number)s") % {"number": m.table}
            else:
                where = _("Table to be announced")
            detail = ""
            if m.interpreter is not None:
                detail = _("Interpreter: %(name)s") % {"name": m.interpreter.name}
            assert m.slot is not None  # filtered above
            agenda.meetings.append(AgendaLine(
                m.slot.starts_at, m.slot.ends_at, display_name(other, language),
                where, " · ".join(x for x in (organisation_name(other), detail) if x),
            ))  # fmt: skip
        if slots:
            busy = [m.slot_id or 0 for m in meetings
                    if registration.pk in (m.requester_id, m.recipient_id)]  # fmt: skip
            for block in free_blocks(slots, busy, registration.event.time_zone):
                agenda.meetings.append(
                    AgendaLine(block.starts_at, block.ends_at, _("Free time"), "", free=True)
                )
            agenda.meetings.sort(key=lambda line: line.start)
        if signed_up:
            sessions = [s for s in sessions if s.pk in signed_up]
            agenda.signed_up_sessions = True
        for s in sessions:
            agenda.sessions.append(
                AgendaLine(s.starts_at, s.ends_at, str(s.title), s.room, s.speakers)
            )
    return agenda
