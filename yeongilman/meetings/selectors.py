"""Reads for events, filtered for the viewer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.access import AnyUser
from yeongilman.accounts.models import User
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.explanations import industries_by_code, met_line, reason_lines
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.memory import met_partners
from yeongilman.matchmaking.selectors import ranking_for
from yeongilman.meetings.models import Interpreter, MeetingRequest, MeetingSlot, RequestStatus
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
                met_line(earlier) if earlier else "",
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
        .prefetch_related(_PROPOSED)
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
        .prefetch_related(_PROPOSED)
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
        .prefetch_related(_PROPOSED)
        .order_by("slot__starts_at")
    )


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
