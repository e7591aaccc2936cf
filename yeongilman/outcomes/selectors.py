"""Reads of meeting outcomes: a participant's meetings to rate, an event's attendance and
no-show candidates, the links waiting for confirmation, and the funnel from request to
agreement per event, partner country and year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from yeongilman.accounts.access import AnyUser
from yeongilman.directory.taxonomy import country_label
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.memory import FOLLOW_UP, NO_FIT, Met
from yeongilman.matchmaking.selectors import opportunities_by_owner, ranking_for
from yeongilman.meetings.extensions import talked
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.meetings.selectors import other_side, own_side
from yeongilman.onsite.selectors import checked_in_registration_ids
from yeongilman.outcomes.models import (
    HELD_VERDICTS,
    Feedback,
    FollowUp,
    FollowUpStatus,
    MeetingVerdict,
    NoShow,
    NoShowDecision,
    OutcomeLink,
)
from yeongilman.outcomes.services import follow_up_opens, no_show_candidates_of


def _meetings() -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.select_related(
        "event", "slot", "requester__user", "recipient__user",
        "requester__organisation", "recipient__organisation",
    )  # fmt: skip


@dataclass
class MyMeeting:
    """One of the viewer's ended meetings, with the viewer's answers so far."""

    meeting: MeetingRequest
    side: Registration
    other: Registration
    feedback: Feedback | None
    follow_up: FollowUp | None
    follow_up_opens: dt.datetime | None
    follow_up_open: bool


def meetings_to_rate(user: AnyUser, now: dt.datetime | None = None) -> list[MyMeeting]:
    """The user's accepted meetings whose slot ended, newest first, with their own answers
    (another side's answers and comments are not read here)."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    mine = Q(requester__user=user) | Q(recipient__user=user)
    meetings = (
        _meetings()
        .filter(mine, status=RequestStatus.ACCEPTED, slot__ends_at__lte=now)
        .prefetch_related(
            Prefetch("feedback", Feedback.objects.filter(registration__user=user)),
            Prefetch("follow_ups", FollowUp.objects.filter(registration__user=user)),
        )
        .order_by("-slot__starts_at", "-id")[:200]
    )
    rows = []
    for meeting in meetings:
        side, other = own_side(meeting, user), other_side(meeting, user)
        opens = follow_up_opens(meeting)
        rows.append(
            MyMeeting(
                meeting=meeting,
                side=side,
                other=other,
                feedback=next(iter(meeting.feedback.all()), None),
                follow_up=next(iter(meeting.follow_ups.all()), None),
                follow_up_opens=opens,
                follow_up_open=opens is not None and opens <= now,
            )  # fmt: skip
        )
    return rows


def _held(verdicts: set[str], confirmed_no_show: bool) -> bool | None:
    """True held, False not held, None unknown (nobody answered)."""
    if confirmed_no_show:
        return False
    if verdicts & set(HELD_VERDICTS):
        return True
    if MeetingVerdict.NOT_HELD in verdicts:
        return False
    return None


@dataclass
class Candidate:
    """A side another side says did not come, with the operator's decision if made."""

    meeting: MeetingRequest
    registration: Registration
    decision: str
    checked_in: bool | None


@dataclass
class ParticipantRate:
    """A participant's ended meetings, confirmed no-shows and attendance."""

    registration: Registration
    meetings: int = 0
    no_shows: int = 0

    @property
    def no_show_rate(self) -> float | None:
        """Share of their meetings they missed."""
        return self.no_shows / self.meetings if self.meetings else None

    @property
    def attendance_rate(self) -> float | None:
        """Share of their meetings they came to."""
        rate = self.no_show_rate
        return None if rate is None else 1 - rate


@dataclass
class Attendance:
    """An event's ended meetings: held, not held, unknown; rates; candidates; participants."""

    ended: int = 0
    held: int = 0
    not_held: int = 0
    no_show_meetings: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    participants: list[ParticipantRate] = field(default_factory=list)
    comments: list[Feedback] = field(default_factory=list)

    @property
    def unknown(self) -> int:
        """Meetings nobody answered for."""
        return self.ended - self.held - self.not_held

    @property
    def attendance_rate(self) -> float | None:
        """Held meetings among the ended ones."""
        return self.held / self.ended if self.ended else None

    @property
    def no_show_rate(self) -> float | None:
        """Meetings with a confirmed no-show among the ended ones."""
        return self.no_show_meetings / self.ended if self.ended else None


def _checked_in_ids(event: Event) -> set[int] | None:
    # An event where nobody checked in did not use the desk: "not checked in" would mislead.
    return checked_in_registration_ids(event) or None


def attendance(event: Event, now: dt.datetime | None = None) -> Attendance:
    """An event's attendance and no-show figures, per event and per participant (operators)."""
    now = now or timezone.now()
    meetings = list(
        _meetings()
        .filter(event=event, status=RequestStatus.ACCEPTED, slot__ends_at__lte=now)
        .prefetch_related("feedback__registration__user", "no_shows")
        .order_by("slot__starts_at", "id")
    )
    checked_in = _checked_in_ids(event) if meetings else None
    result = Attendance(ended=len(meetings))
    people: dict[int, ParticipantRate] = {}
    for meeting in meetings:
        decisions = {n.registration_id: n.decision for n in meeting.no_shows.all()}
        confirmed = {r for r, d in decisions.items() if d == NoShowDecision.CONFIRMED}
        verdicts = {f.verdict for f in meeting.feedback.all() if f.verdict}
        held = _held(verdicts, bool(confirmed))
        result.held += held is True
        result.not_held += held is False
        result.no_show_meetings += bool(confirmed)
        result.comments += [f for f in meeting.feedback.all() if f.comment]
        for side in (meeting.requester, meeting.recipient):
            rate = people.setdefault(side.pk, ParticipantRate(side))
            rate.meetings += 1
            rate.no_shows += side.pk in confirmed
        for candidate in no_show_candidates_of(meeting):
            result.candidates.append(
                Candidate(
                    meeting=meeting,
                    registration=candidate,
                    decision=decisions.get(candidate.pk, ""),
                    checked_in=None if checked_in is None else candidate.pk in checked_in,
                )  # fmt: skip
            )
    result.participants = sorted(
        people.values(), key=lambda p: (-p.no_shows, str(p.registration.user))
    )
    return result


def links_to_confirm() -> QuerySet[OutcomeLink]:
    """Drafted agreements and leads that wait for an operator (operators only)."""
    return (
        OutcomeLink.objects.filter(confirmed=False)
        .select_related("meeting__event", "agreement", "lead", "follow_up")
        .order_by("created_at")
    )


def links_of(*, introduction_ids: Iterable[int] = (), visit_ids: Iterable[int] = ()) -> Any:
    """Links of the given introductions and visits, by source id (operators only)."""
    links = OutcomeLink.objects.filter(
        Q(introduction_id__in=list(introduction_ids)) | Q(visit_id__in=list(visit_ids))
    ).select_related("agreement", "lead")
    by: dict[str, list[OutcomeLink]] = defaultdict(list)
    for link in links:
        key = (
            f"introduction:{link.introduction_id}"
            if link.introduction_id
            else f"visit:{link.visit_id}"
        )
        by[key].append(link)
    return by


STAGES = ("requested", "talked", "accepted", "held", "negotiation", "agreement")
# What each stage's rate is a share of. "Talked" (the two sides wrote to each other on the
# platform, counted by conversations through meetings.extensions) sits between the request and
# the meeting but is no gate: acceptance is still a share of the requests.
RATE_OF = {
    "talked": "requested",
    "accepted": "requested",
    "held": "accepted",
    "negotiation": "held",
    "agreement": "negotiation",
}


@dataclass
class FunnelRow:
    """Meetings of one group at each stage, and the conversion from stage to stage."""

    key: str
    label: str
    slug: str = ""  # the event's, when grouped by event
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))

    @property
    def rates(self) -> dict[str, float | None]:
        """Each stage's count over the stage it is a share of (RATE_OF; None when that is 0)."""
        out: dict[str, float | None] = {}
        for after, before in RATE_OF.items():
            out[after] = self.counts[after] / self.counts[before] if self.counts[before] else None
        return out

    @property
    def overall(self) -> float | None:
        """Agreements over requests."""
        return (
            self.counts["agreement"] / self.counts["requested"]
            if self.counts["requested"]
            else None
        )


def _partner_country(requester: str | None, recipient: str | None) -> str:
    # The partner is the foreign side; a meeting between two Korean sides counts as KR.
    for country in (recipient, requester):
        if country and country != "KR":
            return country
    return "KR" if "KR" in (requester, recipient) else ""


def _meetings_for_funnel(
    event: Event | None, year_from: int | None, year_to: int | None
) -> QuerySet[MeetingRequest]:
    meetings = MeetingRequest.objects.exclude(status=RequestStatus.CANCELLED)
    if event is not None:
        meetings = meetings.filter(event=event)
    if year_from is not None:
        meetings = meetings.filter(event__starts_at__year__gte=year_from)
    if year_to is not None:
        meetings = meetings.filter(event__starts_at__year__lte=year_to)
    return meetings


def _group(by: str, where: list[Any]) -> tuple[str, str]:
    """A meeting's group key and label, from its event, event start and the two countries."""
    event_id, title_ko, title_en, starts_at, c_req, c_rec, _slug = where
    if by == "event":
        return str(event_id), ((title_ko if _korean() else title_en) or title_en or title_ko)
    if by == "country":
        key = _partner_country(c_req, c_rec)
        return key, (country_label(key) if key else "—")
    year = str(timezone.localtime(starts_at).year)
    return year, year


def _funnel_groups(
    meetings: QuerySet[MeetingRequest], bys: tuple[str, ...]
) -> dict[str, list[FunnelRow]]:
    """One query over the meetings, what came of each read alongside (EXISTS per row)."""
    mine = OuterRef("pk")
    rows = (
        meetings.annotate(
            said_held=Exists(Feedback.objects.filter(meeting=mine, verdict__in=HELD_VERDICTS)),
            no_show=Exists(
                NoShow.objects.filter(meeting=mine, decision=NoShowDecision.CONFIRMED)
            ),
            negotiating=Exists(
                FollowUp.objects.filter(
                    meeting=mine,
                    status__in=[FollowUpStatus.NEGOTIATION, FollowUpStatus.AGREEMENT],
                )
            ),
            agreed=Exists(OutcomeLink.objects.filter(meeting=mine, confirmed=True)),
            talked=talked(mine),
        )
        .values_list(
            "pk", "status", "said_held", "no_show", "negotiating", "agreed", "talked",
            "event_id", "event__title_ko", "event__title_en", "event__starts_at",
            "requester__organisation__country", "recipient__organisation__country",
            "event__slug",
        )
        .order_by()
    )  # fmt: skip
    groups: dict[str, dict[str, FunnelRow]] = {by: {} for by in bys}
    for _pk, status, said_held, no_show, negotiating, agreed, talked_, *where in rows:
        # Held: accepted, someone said it took place, and no confirmed no-show (as _held).
        held = status == RequestStatus.ACCEPTED and said_held and not no_show
        accepted = status == RequestStatus.ACCEPTED
        for by in bys:
            key, label = _group(by, where)
            row = groups[by].setdefault(
                key, FunnelRow(key=key, label=label, slug=str(where[-1]) if by == "event" else "")
            )
            row.counts["requested"] += 1
            row.counts["talked"] += bool(talked_)
            row.counts["accepted"] += accepted
            row.counts["held"] += held
            row.counts["negotiation"] += held and (negotiating or agreed)
            row.counts["agreement"] += held and agreed
    return {
        by: sorted(
            found.values(),
            key=(lambda r: (r.key, "")) if by == "year"
            else (lambda r: (-r.counts["requested"], r.label)),
        )
        for by, found in groups.items()
    }  # fmt: skip


def funnel(
    by: str, *, event: Event | None = None, year: int | None = None,
    year_from: int | None = None, year_to: int | None = None,
) -> list[FunnelRow]:  # fmt: skip
    """Meetings requested → (talked) → accepted → held → in negotiation → agreement per event,
    partner country or year (`by`), for operators; a fixed handful of queries for any size."""
    if year is not None:
        year_from = year_to = year
    return _funnel_groups(_meetings_for_funnel(event, year_from, year_to), (by,))[by]


def funnels(year_from: int | None = None, year_to: int | None = None) -> dict[str, list[FunnelRow]]:
    """The funnel per event, per partner country and per year, for the dashboard and reports."""
    return _funnel_groups(
        _meetings_for_funnel(None, year_from, year_to), ("event", "country", "year")
    )


def _korean() -> bool:
    return (get_language() or "").startswith("ko")


# What suggestions remember (handed to matchmaking.memory in OutcomesConfig.ready).
GOOD_FOLLOW_UPS = (FollowUpStatus.NEGOTIATION, FollowUpStatus.AGREEMENT)


def _telling_state(verdicts: set[str], follow_ups: set[str]) -> str | None:
    """A held meeting's outcome for suggestions: an open follow-up when a side saw cooperation
    or a follow-up is negotiating, no fit when a side saw no interest, else nothing telling."""
    if MeetingVerdict.COOPERATION in verdicts or follow_ups & set(GOOD_FOLLOW_UPS):
        return FOLLOW_UP
    if MeetingVerdict.NO_INTEREST in verdicts:
        return NO_FIT
    return None


def pair_memory(organisation_ids: Collection[int]) -> list[Met]:
    """The accepted meetings of the given organisations with a telling outcome, from each
    given organisation's side (three queries)."""
    ids = list(organisation_ids)
    meetings = (
        MeetingRequest.objects.filter(status=RequestStatus.ACCEPTED)
        .filter(
            Q(requester__organisation_id__in=ids) | Q(recipient__organisation_id__in=ids),
            requester__organisation__isnull=False,
            recipient__organisation__isnull=False,
        )
        .select_related("event", "slot", "requester", "recipient")
        .prefetch_related("feedback", "follow_ups")
    )
    out: list[Met] = []
    for meeting in meetings:
        state = _telling_state(
            {f.verdict for f in meeting.feedback.all()},
            {f.status for f in meeting.follow_ups.all()},
        )
        if state is None:
            continue
        when = meeting.slot.starts_at if meeting.slot else meeting.event.starts_at
        one, two = meeting.requester.organisation_id, meeting.recipient.organisation_id
        assert one is not None and two is not None
        for organisation_id, partner_id in ((one, two), (two, one)):
            if organisation_id in ids and organisation_id != partner_id:
                out.append(Met(organisation_id, partner_id, state, meeting.event, when))
    return out


def good_meeting_pairs() -> list[tuple[int, int]]:
    """Every pair of organisations, both ways, whose accepted meeting a side called
    "cooperation possible" or whose follow-up negotiates or agreed (one query)."""
    mine = OuterRef("pk")
    rows = (
        MeetingRequest.objects.filter(
            status=RequestStatus.ACCEPTED,
            requester__organisation__isnull=False,
            recipient__organisation__isnull=False,
        )
        .filter(
            Exists(Feedback.objects.filter(meeting=mine, verdict=MeetingVerdict.COOPERATION))
            | Exists(FollowUp.objects.filter(meeting=mine, status__in=GOOD_FOLLOW_UPS))
        )
        .values_list("requester__organisation_id", "recipient__organisation_id")
        .distinct()
    )
    pairs: set[tuple[int, int]] = set()
    for one, two in rows:
        if one != two:
            pairs.update({(one, two), (two, one)})
    return sorted(pairs)


@dataclass
class SuggestionRate:
    """An event's matchmaking measure: pairs of participants suggested to each other (either
    side's first k by fit, ranked as if no meeting were remembered), how many of those pairs
    met, and how many of the meetings held reported a good outcome."""

    suggested: int = 0
    met: int = 0
    good: int = 0
    held: int = 0  # all meetings held at the event, suggested or not

    @property
    def met_rate(self) -> float | None:
        """Suggested pairs that met, over suggested pairs."""
        return self.met / self.suggested if self.suggested else None

    @property
    def good_rate(self) -> float | None:
        """Suggested pairs with a good outcome, over suggested pairs that met."""
        return self.good / self.met if self.met else None


def suggestion_rate(event: Event, k: int = 10) -> SuggestionRate:
    """Suggestion → meeting → outcome for one event (one ranking per participating
    organisation among the event's participants; a fixed handful of queries)."""
    org_ids = sorted(
        set(
            event.registrations.filter(
                status=RegistrationStatus.CONFIRMED, organisation__isnull=False
            ).values_list("organisation_id", flat=True)
        )
    )
    loaded = adapter.current()
    now = timezone.now()
    own = opportunities_by_owner(org_ids)
    suggested: set[frozenset[int]] = set()
    for org_id in org_ids:
        key = ItemKey.organisation(org_id)
        if key not in loaded.index.position:
            continue
        among = [ItemKey.organisation(pk) for pk in org_ids if pk != org_id]
        _text, found = ranking_for(
            loaded, key, org_id, now=now, k=k, among=among, remember=False,
            own=own.get(org_id, {}),
        )  # fmt: skip
        suggested.update(frozenset((org_id, ItemKey(s.id).pk)) for s in found)
    mine = OuterRef("pk")
    rows = (
        MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
        .annotate(
            said_held=Exists(Feedback.objects.filter(meeting=mine, verdict__in=HELD_VERDICTS)),
            no_show=Exists(
                NoShow.objects.filter(meeting=mine, decision=NoShowDecision.CONFIRMED)
            ),
            good=Exists(Feedback.objects.filter(meeting=mine, verdict=MeetingVerdict.COOPERATION))
            | Exists(FollowUp.objects.filter(meeting=mine, status__in=GOOD_FOLLOW_UPS)),
        )
        .values_list(
            "requester__organisation_id", "recipient__organisation_id", "said_held", "no_show",
            "good",
        )
    )  # fmt: skip
    rate = SuggestionRate(suggested=len(suggested))
    met: set[frozenset[int]] = set()
    good: set[frozenset[int]] = set()
    for one, two, said_held, no_show, was_good in rows:
        if not said_held or no_show:
            continue
        rate.held += 1
        pair = frozenset((one, two))
        if pair in suggested:
            met.add(pair)
            if was_good:
                good.add(pair)
    rate.met, rate.good = len(met), len(good)
    return rate
