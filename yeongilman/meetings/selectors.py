"""Reads for events, filtered for the viewer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.access import AnyUser
from yeongilman.accounts.models import User
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.explanations import industries_by_code, met_line, reason_lines
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.memory import met_partners
from yeongilman.matchmaking.selectors import ranking_for
from yeongilman.meetings.free_time import FreeBlock, free_blocks
from yeongilman.meetings.models import (
    Interpreter,
    MeetingRequest,
    MeetingSlot,
    RequestStatus,
    SlotUnavailability,
)
from yeongilman.partnering.access import visible_opportunities_q
from yeongilman.partnering.models import Opportunity


def participants(
    event: Event, exclude: Registration | None = None, q: str = "", industry: str = "",
    country: str = "", kind: str = "",
) -> QuerySet[Registration]:  # fmt: skip
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
    if country:
        qs = qs.filter(organisation__country=country)
    if kind:
        qs = qs.filter(organisation__kind=kind)
    return qs.order_by("organisation__name_en", "user__full_name")


@dataclass
class ParticipantCard:
    """Another participant as the B2B page lists them for the viewer."""

    registration: Registration
    rank: int | None  # by fit for the viewer; None when the engine cannot rank them
    reasons: list[str]  # the engine's reasons in the active language
    offers: list[Any]  # up to three of their opportunities the viewer may see
    free_days: list[Any] = field(default_factory=list)  # times both are free (SlotDay)
    met_note: str = ""  # what an earlier meeting with them came to (then they are not ranked)


def participants_by_fit(
    user: AnyUser, mine: Registration | None, others: QuerySet[Registration]
) -> list[ParticipantCard]:
    """The other participants ranked by fit for the viewer's organisation (the matchmaking
    engine's ranking, which reads both languages) with its reasons and what each offers and
    seeks; those the engine cannot rank follow in name order."""
    # Imported here: partnering's selectors import this module.

    rows = list(others)
    org_ids = {r.organisation_id for r in rows if r.organisation_id}
    offers: dict[int, list[Opportunity]] = {}
    for opp in Opportunity.objects.filter(
        visible_opportunities_q(user), owner_id__in=org_ids
    ).order_by("-created_at"):
        if len(offers.setdefault(opp.owner_id, [])) < 3:
            offers[opp.owner_id].append(opp)
    fit = _fit(mine, org_ids)
    own_id = mine.organisation_id if mine is not None else None
    met = met_partners([own_id]).get(own_id, {}) if own_id else {}
    cards = []
    for row in rows:
        rank, reasons = fit.get(row.organisation_id or 0, (None, []))
        earlier = met.get(row.organisation_id or 0)
        cards.append(
            ParticipantCard(
                row, rank, reasons, offers.get(row.organisation_id or 0, []),
                met_note=met_line(earlier) if earlier else "",
            )
        )  # fmt: skip
    # A stable sort keeps name order among the unranked.
    cards.sort(key=lambda c: (c.rank is None, c.rank or 0))
    return cards


def _fit(mine: Registration | None, org_ids: set[int]) -> dict[int, tuple[int, list[str]]]:
    """Rank and reason lines by organisation id, or nothing when the viewer's organisation
    is not indexed yet."""
    if mine is None or mine.organisation_id is None or not org_ids:
        return {}
    loaded = adapter.current()
    key = ItemKey.organisation(mine.organisation_id)
    if key not in loaded.index.position:
        return {}
    _text, found = ranking_for(
        loaded, key, mine.organisation_id, now=timezone.now(), k=len(org_ids),
        among=[ItemKey.organisation(pk) for pk in org_ids],
    )  # fmt: skip
    industries = industries_by_code({c for s in found for c in s.reasons.shared_industries})
    return {
        ItemKey(s.id).pk: (rank, reason_lines(s.reasons, industries))
        for rank, s in enumerate(found, start=1)
    }


# The slots a requester proposed, in time order (read by the B2B page and the API).
_PROPOSED = Prefetch("proposed_slots", queryset=MeetingSlot.objects.order_by("starts_at", "id"))
# The slots of a window of chosen slots, in time order (both sides see them).
_WINDOW = Prefetch("window_slots", queryset=MeetingSlot.objects.order_by("starts_at", "id"))


def requests_of(registration: Registration) -> QuerySet[MeetingRequest]:
    """Requests a participant sent or received (not cancelled), with the times proposed."""
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
            "interpreter",
        )
        .prefetch_related(_PROPOSED, _WINDOW)
        .order_by("slot__starts_at", "created_at")
    )


def day_requests(event: Event) -> QuerySet[MeetingRequest]:
    """Every request of a B2B day that is not cancelled (for operators), scheduled first."""
    return (
        event.meeting_requests.exclude(status=RequestStatus.CANCELLED)
        .select_related(
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
            "slot",
            "event",
            "interpreter",
        )
        .prefetch_related(_PROPOSED, _WINDOW)
        .order_by("slot__starts_at", "created_at", "id")
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
            "interpreter",
        )
        .prefetch_related(_PROPOSED, _WINDOW)
        .order_by("slot__starts_at")
    )


@dataclass(frozen=True)
class AgendaFree:
    """Free time between two of a person's meetings: consecutive empty slots, merged."""

    event: Event
    block: FreeBlock

    @property
    def starts_at(self) -> datetime:
        """When the free time begins (the first empty slot's start)."""
        return self.block.starts_at


def agenda_with_free_time(
    user: AnyUser, meetings: list[MeetingRequest]
) -> list[MeetingRequest | AgendaFree]:
    """The user's meetings (from `agenda_meetings`) in time order with, between two of them
    on the same day of an event, each run of empty slots as one free block (one query for
    the events' slots)."""
    events = {m.event_id: m.event for m in meetings}
    slots: dict[int, list[MeetingSlot]] = {pk: [] for pk in events}
    for slot in MeetingSlot.objects.filter(event_id__in=list(events)).order_by("starts_at", "id"):
        slots[slot.event_id].append(slot)
    busy: dict[int, set[int]] = {pk: set() for pk in events}
    for m in meetings:
        busy[m.event_id].add(m.slot_id)  # type: ignore[arg-type]
    entries: list[MeetingRequest | AgendaFree] = list(meetings)
    for pk, event in events.items():
        blocks = free_blocks(slots[pk], busy[pk], event.time_zone)
        entries.extend(AgendaFree(event, block) for block in blocks)
    return sorted(entries, key=_agenda_start)


def _agenda_start(entry: MeetingRequest | AgendaFree) -> datetime:
    if isinstance(entry, AgendaFree):
        return entry.starts_at
    assert entry.slot is not None  # agenda meetings are scheduled
    return entry.slot.starts_at


def meeting_states_with(user: AnyUser, others: list[Registration], into: dict[int, str]) -> None:
    """Fill `into` (registration id → "sent", "received", "accepted" or "declined") with the
    latest request between the user and each of these registrations (cancelled ones: none).
    One query; connected to matchmaking's suggestion cards."""
    if not user.is_authenticated or not others:
        return
    ids = [r.pk for r in others]
    found = (
        MeetingRequest.objects.filter(
            Q(requester__user=user, recipient_id__in=ids)
            | Q(recipient__user=user, requester_id__in=ids)
        )
        .exclude(status=RequestStatus.CANCELLED)
        .select_related("requester")
        .order_by("created_at", "id")
    )
    for meeting in found:  # the latest one wins
        sent = meeting.requester.user_id == user.pk
        other = meeting.recipient_id if sent else meeting.requester_id
        if meeting.status == RequestStatus.REQUESTED:
            into[other] = "sent" if sent else "received"
        else:
            into[other] = str(meeting.status)


def request_greeting(mine: Registration, recipient: Registration) -> str:
    """A first line for a meeting request, in the recipient's language (they read it)."""
    with translation.override(recipient.user.language or "ko"):
        event = str(recipient.event.title)
        ours = str(mine.organisation.name) if mine.organisation else None  # in their language
        if ours is not None:
            return _("Hello, Yeongilman Valley suggested %(ours)s as a partner for you. Could "
                     "we meet at %(event)s?") % {"ours": ours, "event": event}  # fmt: skip
        return _("Hello, could we meet at %(event)s?") % {"event": event}


def common_free_slots(mine: Registration, recipient: Registration, limit: int) -> list[int]:
    """The first slots of the event where neither side is unavailable or already booked (the
    times a request form proposes to begin with)."""
    sides = [mine.pk, recipient.pk]
    booked = MeetingRequest.objects.filter(
        Q(requester_id__in=sides) | Q(recipient_id__in=sides),
        status=RequestStatus.ACCEPTED,
        slot__isnull=False,
    ).values_list("slot_id", flat=True)
    return list(
        MeetingSlot.objects.filter(event_id=mine.event_id, starts_at__gt=timezone.now())
        .exclude(pk__in=booked)
        .exclude(
            pk__in=SlotUnavailability.objects.filter(registration_id__in=sides).values("slot_id")
        )
        .order_by("starts_at", "id")
        .values_list("pk", flat=True)[:limit]
    )


def waiting_requests(user: User) -> list[MeetingRequest]:
    """The user's meeting requests still waiting for an answer at events not yet over, sent
    and received, the oldest first (My agenda lists them until they are answered)."""
    return list(
        MeetingRequest.objects.filter(
            Q(requester__user=user) | Q(recipient__user=user),
            status=RequestStatus.REQUESTED,
            event__ends_at__gt=timezone.now(),
        )
        .select_related(
            "requester__user", "requester__organisation", "recipient__user",
            "recipient__organisation", "event",
        )
        .order_by("created_at", "id")
    )  # fmt: skip


def _is_requester(meeting: MeetingRequest, side: Registration | AnyUser | int) -> bool:
    if isinstance(side, Registration):
        return meeting.requester_id == side.pk
    if isinstance(side, int):
        return meeting.requester_id == side
    return meeting.requester.user_id == side.pk


def other_side(meeting: MeetingRequest, side: Registration | AnyUser | int) -> Registration:
    """The registration across the table (or the video call) from `side`: a registration of
    the meeting, its id, or its person."""
    return meeting.recipient if _is_requester(meeting, side) else meeting.requester


def own_side(meeting: MeetingRequest, side: Registration | AnyUser | int) -> Registration:
    """`side`'s own registration in the meeting (the counterpart of `other_side`)."""
    return meeting.requester if _is_requester(meeting, side) else meeting.recipient


# The scheduler's reasons (plain English in its answer), in the viewer's language.
REASONS = {
    "no common free slot": _("The two have no free slot in common."),
    "a participant is not available in its fixed slot": _(
        "A participant is not free in the meeting's confirmed slot."
    ),
    "no interpreter is free in its fixed slot": _(
        "No interpreter is free in the meeting's confirmed slot."
    ),
    "participants' schedules or the tables were full": _(
        "The participants' schedules or the tables were full."
    ),
    "a participant reached their limit of meetings per day or in a row": _(
        "A participant reached the limit of meetings per day or in a row."
    ),
    "no interpreter is available in a common free slot": _(
        "No interpreter is free in a slot both participants have free."
    ),
    "every interpreter free in a common slot was booked": _(
        "Every interpreter free in a common slot was already booked."
    ),
    "changed after scheduling": _("Changed after scheduling; run the scheduler again."),
    "no common free slot within its allowed_slots": _(
        "The two have no free slot in common within the meeting's time window."
    ),
    "its fixed slot is not one of its allowed_slots": _(
        "The meeting's confirmed slot lies outside its time window."
    ),
}


def reason_label(reason: str) -> str:
    """A scheduler reason in the viewer's language (unknown ones as written)."""
    return str(REASONS.get(reason, reason))


def lost_for_interpreter(event: Event, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The requests a scheduler run left out for want of an interpreter, with both sides."""
    rows = result.get("lost_for_interpreter") or []
    reasons = {int(r["request"]): str(r["reason"]) for r in rows}
    requests = event.meeting_requests.filter(pk__in=list(reasons)).select_related(
        "requester__user", "requester__organisation", "recipient__user", "recipient__organisation"
    )
    return [
        {"request": r, "reason": reason_label(reasons[r.pk])}
        for r in sorted(requests, key=lambda r: r.pk)
    ]


@dataclass(frozen=True)
class RunBreaks:
    """The idle breaks a scheduler run left in people's agendas, for its page."""

    total: int
    most: int
    fewest: int
    spread: int
    lower_bound: int
    spread_met: bool
    max_spread: int | None
    compact: bool
    worst: Registration | None  # who has the most breaks (None: nobody has one)

    @property
    def proven_optimal(self) -> bool:
        """Whether no schedule with the same meetings has fewer breaks (the proven bound)."""
        return self.lower_bound >= self.total


def run_breaks(event: Event, result: dict[str, Any]) -> RunBreaks | None:
    """The breaks of a finished run (None for runs from before breaks were counted)."""
    breaks = result.get("breaks")
    if not isinstance(breaks, dict):
        return None
    worst_id = breaks.get("worst")
    worst = (
        event.registrations.select_related("user", "organisation").filter(pk=worst_id).first()
        if worst_id
        else None
    )
    return RunBreaks(
        total=int(breaks.get("total", 0)),
        most=int(breaks.get("max", 0)),
        fewest=int(breaks.get("min", 0)),
        spread=int(breaks.get("spread", 0)),
        lower_bound=int(breaks.get("lower_bound", 0)),
        spread_met=bool(breaks.get("spread_met", True)),
        max_spread=result.get("max_spread"),
        compact=bool(result.get("compact", False)),
        worst=worst,
    )


@dataclass(frozen=True)
class RosterRow:
    """One interpreter in one slot: at a meeting, or free."""

    slot: MeetingSlot
    interpreter: Interpreter
    meeting: MeetingRequest | None


def interpreter_roster(event: Event) -> list[RosterRow]:
    """Which interpreter is at which meeting (table or video call) in each slot, and who is
    free: every slot where an interpreter is available or booked, in time order."""
    slots = list(event.slots.all())
    interpreters = list(event.interpreters.prefetch_related("available_slots"))
    booked: dict[tuple[int, int], MeetingRequest] = {}
    for meeting in event.meeting_requests.filter(
        status=RequestStatus.ACCEPTED, slot__isnull=False, interpreter__isnull=False
    ).select_related(
        "requester__user", "requester__organisation", "recipient__user", "recipient__organisation"
    ):
        booked[(meeting.slot_id, meeting.interpreter_id)] = meeting  # type: ignore[index]
    rows = []
    for slot in slots:
        for interpreter in interpreters:
            free_in = {s.pk for s in interpreter.available_slots.all()}
            at = booked.get((slot.pk, interpreter.pk))
            if at is not None or not free_in or slot.pk in free_in:
                rows.append(RosterRow(slot, interpreter, at))
    return rows


# Why a participant cannot meet in a slot.
UNAVAILABLE, BOOKED = "unavailable", "booked"


def slot_conflicts(
    event: Event, registration_ids: set[int] | None = None, *, exclude_request: int | None = None
) -> dict[tuple[int, int], str]:
    """Who cannot meet when, for the event's participants (or only `registration_ids`):
    (registration id, slot id) → UNAVAILABLE where they marked the slot, BOOKED where an
    accepted meeting (other than `exclude_request`) already holds them there. Two queries."""
    meetings = event.meeting_requests.filter(status=RequestStatus.ACCEPTED, slot__isnull=False)
    marked = SlotUnavailability.objects.filter(registration__event=event)
    if registration_ids is not None:
        meetings = meetings.filter(
            Q(requester_id__in=registration_ids) | Q(recipient_id__in=registration_ids)
        )
        marked = marked.filter(registration_id__in=registration_ids)
    if exclude_request is not None:
        meetings = meetings.exclude(pk=exclude_request)
    found: dict[tuple[int, int], str] = {}
    for requester, recipient, slot_id in meetings.values_list(
        "requester_id", "recipient_id", "slot_id"
    ):
        for person in (requester, recipient):
            if registration_ids is None or person in registration_ids:
                found[(person, slot_id)] = BOOKED
    for person, slot_id in marked.values_list("registration_id", "slot_id"):
        found[(person, slot_id)] = UNAVAILABLE
    return found


def participant_name(registration: Registration) -> str:
    """A participant as the other side knows them: the person, with their organisation."""
    org = registration.organisation
    return f"{registration.user} ({org.name.primary})" if org else str(registration.user)


@dataclass
class ProposedTime:
    """A time the requester proposed, as the recipient's answer form offers it: bookable, or
    why not (in the reader's terms)."""

    slot: MeetingSlot
    refusal: str  # "" when both are free then


def proposed_times(
    meeting: MeetingRequest, reader: Registration, conflicts: dict[tuple[int, int], str]
) -> list[ProposedTime]:
    """The proposed times of a request with what stands in the way of each, for `reader`
    (one of its two sides), from `slot_conflicts`."""
    rows = []
    for slot in meeting.proposed_slots.all():
        rows.append(ProposedTime(slot, conflict_reason(meeting, slot.pk, reader, conflicts)))
    return rows


def conflict_reason(
    meeting: MeetingRequest,
    slot_id: int,
    reader: Registration | None,
    conflicts: dict[tuple[int, int], str],
) -> str:
    """Why the two sides of a meeting cannot meet in a slot, naming who, addressed to
    `reader` ("you") where they are the one; "" when both are free."""
    for side in (meeting.recipient, meeting.requester):
        why = conflicts.get((side.pk, slot_id))
        if why is None:
            continue
        you = reader is not None and side.pk == reader.pk
        if why == UNAVAILABLE:
            if you:
                return str(_("You marked this time as not available."))
            return str(
                _("%(name)s marked this time as not available.") % {"name": participant_name(side)}
            )
        if you:
            return str(_("You already have another meeting at this time."))
        return str(
            _("%(name)s already has another meeting at this time.")
            % {"name": participant_name(side)}
        )
    return ""
