"""Reads about matchmaking: how often people give feedback on suggestions, and what it changes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from yeongilman.accounts.access import AnyUser, member_organisation_ids
from yeongilman.core.cache import cache_key, cached
from yeongilman.core.hooks import Hook
from yeongilman.directory.access import visible_organisations_q
from yeongilman.directory.models import Industry, Organisation
from yeongilman.events.models import Registration
from yeongilman.events.selectors import meeting_partners
from yeongilman.matching.engine import Query
from yeongilman.matching.explain import Suggestion, suggest
from yeongilman.matchmaking import adapter, memory
from yeongilman.matchmaking.access import subject_owner_id
from yeongilman.matchmaking.explanations import industries_by_code, shown_reasons
from yeongilman.matchmaking.keys import OPP, ORG, ItemKey, primary_keys
from yeongilman.matchmaking.memory import FOLLOW_UP, Met
from yeongilman.matchmaking.models import SuggestionFeedback, SuggestionVerdict
from yeongilman.partnering.access import visible_opportunities_q
from yeongilman.partnering.models import Opportunity


@dataclass
class SubjectEffect:
    """What one subject's feedback does to its first suggestions."""

    subject: str
    verdicts: Counter[str]
    hidden_removed: int  # hidden items that were among the first k and are gone
    marked_out: int  # items marked not useful that were among the first k and left them
    moved_out: list[str]  # other items pushed out of the first k by "not useful"
    moved_down: int  # items still shown but lower than before


@dataclass
class FeedbackEffect:
    """Feedback over the whole site, and its effect per subject with feedback."""

    subjects_indexed: int
    verdicts: Counter[str] = field(default_factory=Counter)
    subjects: list[SubjectEffect] = field(default_factory=list)


def feedback_effect(k: int = 10) -> FeedbackEffect:
    """For every organisation or opportunity with feedback: its first k suggested partners
    without the feedback and with it (hidden items gone, "not useful" lowering similar ones)."""
    loaded = adapter.current()
    index, now = loaded.index, timezone.now()
    rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for subject, candidate, verdict in SuggestionFeedback.objects.values_list(
        "subject", "candidate", "verdict"
    ):
        rows[subject].append((candidate, verdict))
    report = FeedbackEffect(subjects_indexed=len(index.ids))
    for subject, marks in sorted(rows.items()):
        report.verdicts.update(v for _c, v in marks)
        owner_id = subject_owner_id(subject)
        if owner_id is None or subject not in index.position:
            continue
        _text, ranked = ranking_for(loaded, subject, owner_id, now=now, k=k)
        before = [s.id for s in ranked]
        hidden = {c for c, v in marks if v == SuggestionVerdict.HIDDEN}
        not_useful = [c for c, v in marks if v == SuggestionVerdict.NOT_USEFUL]
        _text, ranked = ranking_for(
            loaded, subject, owner_id, now=now, k=k, hidden=hidden, not_useful=not_useful
        )
        after = [s.id for s in ranked]
        kept = set(after)
        report.subjects.append(
            SubjectEffect(
                subject,
                Counter(v for _c, v in marks),
                hidden_removed=len(hidden & set(before)),
                marked_out=sum(1 for b in before if b in set(not_useful) and b not in kept),
                moved_out=[
                    b for b in before if b not in kept and b not in hidden | set(not_useful)
                ],
                moved_down=sum(1 for i, b in enumerate(before) if b in kept and after.index(b) > i),
            )
        )
    return report


def own_opportunities(owner_id: int) -> dict[str, list[str]]:
    """The keys of an organisation's opportunities with the countries each targets."""
    rows = Opportunity.objects.filter(owner_id=owner_id).values_list("pk", "target_countries")
    return {ItemKey.opportunity(pk): countries or [] for pk, countries in rows}


def opportunities_by_owner(owner_ids: Iterable[int]) -> dict[int, dict[str, list[str]]]:
    """`own_opportunities` of several organisations in one query, by owner id."""
    out: dict[int, dict[str, list[str]]] = defaultdict(dict)
    rows = Opportunity.objects.filter(owner_id__in=list(owner_ids)).values_list(
        "owner_id", "pk", "target_countries"
    )
    for owner_id, pk, countries in rows:
        out[owner_id][ItemKey.opportunity(pk)] = countries or []
    return out


def subject_query(
    loaded: adapter.LoadedIndex, key: str, owner_id: int, own: dict[str, list[str]], *,
    now: datetime, partners: bool = True, hidden: Iterable[str] = (),
) -> tuple[Query, np.ndarray]:  # fmt: skip
    """What the suggestions for an item rank: the query (an organisation with its indexed
    opportunities and the countries they target; an opportunity with its own targets) and
    the candidates allowed (partners or opportunities, not expired, not the owner's own items
    and not what was hidden)."""
    index = loaded.index
    if ItemKey(key).is_organisation:
        extra = [k for k in own if k in index.position]
        countries = {c for k in extra for c in own[k]}
    else:
        extra, countries = [], set(own.get(key, []))
    query = index.query_from_items([key, *extra], frozenset(countries))
    allowed = loaded.candidates(partners, now)
    for excluded in {ItemKey.organisation(owner_id), key, *own, *hidden}:
        if excluded in index.position:
            allowed[index.position[excluded]] = False
    return query, allowed


@dataclass(frozen=True)
class Remembered:
    """What a subject's suggestions remember: partners its organisation met with a telling
    outcome (not suggested again), and candidates that similar organisations met well."""

    met: dict[int, Met] = field(default_factory=dict)  # by partner organisation id
    peers: dict[str, int] = field(default_factory=dict)  # candidate key -> similar peers

    @property
    def met_keys(self) -> list[str]:
        """The keys of the partners met, in id order."""
        return [ItemKey.organisation(pk) for pk in sorted(self.met)]


def remembered_for(loaded: adapter.LoadedIndex, owner_id: int) -> Remembered:
    """The meetings an organisation's suggestions remember (two reads through the outcomes
    app's provider). Similar organisations are of the same kind and share an industry."""
    met = memory.met_partners([owner_id]).get(owner_id, {})
    index = loaded.index
    position = index.position.get(ItemKey.organisation(owner_id))
    if position is None:
        return Remembered(met, {})
    subject = index.documents[position]
    subject_industries = set(subject.industries)

    def similar(organisation_id: int) -> bool:
        at = index.position.get(ItemKey.organisation(organisation_id))
        if at is None:
            return False
        other = index.documents[at]
        return other.kind == subject.kind and bool(subject_industries & set(other.industries))

    peers = memory.peers_who_met_well(owner_id, similar, memory.good_pairs(), skip=set(met))
    return Remembered(met, {ItemKey.organisation(pk): n for pk, n in peers.items()})


def ranking_for(
    loaded: adapter.LoadedIndex, key: str, owner_id: int, *, now: datetime, k: int,
    partners: bool = True, hidden: Iterable[str] = (), not_useful: Sequence[str] = (),
    among: Iterable[str] | None = None, own: dict[str, list[str]] | None = None,
    remember: bool = True, remembered: Remembered | None = None,
) -> tuple[str, list[Suggestion]]:  # fmt: skip
    """The one recipe of suggestions for a subject (an organisation or an opportunity): the
    query from its items, the candidates allowed (neither its own nor hidden nor met with a
    telling outcome; only `among` when given, e.g. a B2B day's participants), what its members
    marked not useful moved down, what similar organisations met well moved up.
    Returns the subject's indexed text and the first k suggestions. `own`: the owner's
    opportunities when the caller has read them already; `remember=False` ranks as if no
    meeting had been held (the operators' suggestion → meeting → outcome rate)."""
    own = own_opportunities(owner_id) if own is None else own
    if remember and remembered is None:
        remembered = remembered_for(loaded, owner_id)
    if not remember:
        remembered = Remembered()
    assert remembered is not None
    query, allowed = subject_query(
        loaded, key, owner_id, own, now=now, partners=partners,
        hidden=[*hidden, *remembered.met_keys],
    )  # fmt: skip
    if among is not None:
        here = np.zeros_like(allowed)
        for candidate in among:
            position = loaded.index.position.get(candidate)
            if position is not None:
                here[position] = True
        allowed &= here
    found = suggest(
        loaded.index, query, k=k, allowed=allowed, not_useful=list(not_useful),
        peers=remembered.peers,
    )  # fmt: skip
    return query.text, found


def item_names(keys: list[str]) -> dict[str, str]:
    """The English name (else the Korean one) of each organisation or opportunity key."""
    parsed = [k for k in (ItemKey.parse(key) for key in keys) if k is not None]
    orgs = Organisation.objects.filter(pk__in=[k.pk for k in parsed if k.is_organisation])
    opps = Opportunity.objects.filter(pk__in=[k.pk for k in parsed if not k.is_organisation])
    names: dict[str, str] = {ItemKey.organisation(o.pk): o.name_en or o.name_ko for o in orgs}
    names.update({ItemKey.opportunity(o.pk): o.title_en or o.title_ko for o in opps})
    return {k: names.get(k, k) for k in keys}


@dataclass
class SuggestedItem:
    """One suggestion ready for a page or the API."""

    key: str
    rank: int
    suggestion: Suggestion
    text: str  # the indexed text of the suggestion (marks refer to it)
    lang: str = ""  # the language it is indexed in
    organisation: Organisation | None = None
    opportunity: Opportunity | None = None
    industries: dict[str, Industry] = field(default_factory=dict)  # shared ones, by code
    verdict: str = ""  # this user's feedback on it
    meeting_at: Registration | None = None  # ask for a meeting at a B2B day both attend
    # The viewer's meeting request with `meeting_at`: "sent", "received", "accepted",
    # "declined", or "" when there is none (MEETING_STATES).
    meeting_state: str = ""
    lines: list[str] = field(default_factory=list)  # its own reasons, in the active language


@dataclass
class SuggestionList:
    """Suggestions for one subject, with the subject's own indexed text."""

    subject_key: str
    subject_text: str
    items: list[SuggestedItem]
    indexed: bool  # false when the subject has no stored vectors yet
    # Partners met: an open follow-up ("cooperation possible") or no fit, never new suggestions
    follow_ups: list[MetPartner] = field(default_factory=list)
    not_again: list[MetPartner] = field(default_factory=list)
    common_reasons: list[str] = field(default_factory=list)  # true of every suggestion shown
    weak: bool = False  # the best have nothing of their own in common with the subject


@dataclass(frozen=True)
class MetPartner:
    """A partner the subject's organisation met, as the viewer may see it."""

    organisation: Organisation
    met: Met
    meeting_at: Registration | None = None  # ask for a follow-up meeting at a day both attend


@dataclass
class _Feedback:
    hidden: frozenset[str]  # what this user hid
    not_useful: list[str]  # what the subject's members marked not useful, latest 50
    verdicts: dict[str, str]  # this user's verdict per candidate


def _feedback(user: AnyUser, subject: str) -> _Feedback:
    """The feedback a subject's suggestions depend on, in one query."""
    mine = Q(user=user) if user.is_authenticated else Q(pk__in=[])
    rows = (
        SuggestionFeedback.objects.filter(
            mine | Q(verdict=SuggestionVerdict.NOT_USEFUL), subject=subject
        )
        .order_by("created_at", "pk")
        .values_list("user_id", "candidate", "verdict")
    )
    own: dict[str, str] = {}
    not_useful: list[str] = []
    for user_id, candidate, verdict in rows:
        if user.is_authenticated and user_id == user.pk:
            own[candidate] = verdict
        if verdict == SuggestionVerdict.NOT_USEFUL:
            not_useful.append(candidate)
    hidden = frozenset(c for c, v in own.items() if v == SuggestionVerdict.HIDDEN)
    return _Feedback(hidden, not_useful[::-1][:50], own)


def suggestions(
    user: AnyUser, *, organisation: Organisation | None = None,
    opportunity: Opportunity | None = None, want: str = "partners", k: int = 10,
) -> SuggestionList:  # fmt: skip
    """Suggested partners (organisations) or opportunities for an organisation or opportunity.

    Excludes the subject itself and its owner's items, items the user hid, and expired
    opportunities."""
    if opportunity is not None:
        key, owner_id = ItemKey.opportunity(opportunity.pk), opportunity.owner_id
    else:
        assert organisation is not None
        key, owner_id = ItemKey.organisation(organisation.pk), organisation.pk
    loaded = adapter.current()
    index = loaded.index
    remembered = remembered_for(loaded, owner_id)
    met = _met_partners(user, remembered)
    if key not in index.position:
        return SuggestionList(
            key, "", [], indexed=False, follow_ups=met["follow_ups"], not_again=met["not_again"]
        )
    own = own_opportunities(owner_id)
    feedback = _feedback(user, key)
    hidden, not_useful = feedback.hidden, feedback.not_useful
    now = timezone.now()

    def rank() -> tuple[str, list[Suggestion]]:
        return ranking_for(
            loaded, key, owner_id, now=now, k=k, partners=want == "partners",
            hidden=hidden, not_useful=not_useful, own=own, remembered=remembered,
        )  # fmt: skip

    # The ranking changes only with the index (its version), the owner's opportunities, what
    # this user hid and the meetings remembered; opportunities expire by the hour at the finest.
    subject_text, found = cached(
        cache_key("suggestions", key, want, k, loaded.version, sorted(own), sorted(hidden),
                  not_useful, remembered.met_keys, sorted(remembered.peers.items()),
                  now.strftime("%Y%m%d%H")),
        settings.YV_SUGGESTION_CACHE_SECONDS,
        rank,
    )  # fmt: skip
    items = [
        SuggestedItem(
            s.id,
            rank,
            s,
            index.documents[index.position[s.id]].text,
            index.documents[index.position[s.id]].lang,
        )  # fmt: skip
        for rank, s in enumerate(found, start=1)
    ]
    _attach_objects(user, items)
    _attach_feedback_and_meetings(user, feedback.verdicts, items)
    items = [i for i in items if i.organisation or i.opportunity]
    shown = shown_reasons(
        [i.suggestion.reasons for i in items], items[0].industries if items else {}
    )
    for item, lines in zip(items, shown.per_item, strict=True):
        item.lines = lines
    return SuggestionList(
        key,
        subject_text,
        items,
        True,
        follow_ups=met["follow_ups"],
        not_again=met["not_again"],
        common_reasons=shown.common,
        weak=shown.weak,
    )


def _met_partners(user: AnyUser, remembered: Remembered) -> dict[str, list[MetPartner]]:
    """The partners met, split into open follow-ups and no fit, newest first (one query)."""
    visible = {
        o.pk: o
        for o in Organisation.objects.filter(visible_organisations_q(user), pk__in=remembered.met)
    }
    rows = sorted(remembered.met.values(), key=lambda m: m.met_at, reverse=True)
    follow_ups = [m.partner_id for m in rows if m.state == FOLLOW_UP and m.partner_id in visible]
    upcoming = meeting_partners(user, follow_ups) if follow_ups else {}
    out: dict[str, list[MetPartner]] = {"follow_ups": [], "not_again": []}
    for met in rows:
        if met.partner_id in visible:
            if met.state == FOLLOW_UP:
                at = upcoming.get(met.partner_id)
                out["follow_ups"].append(MetPartner(visible[met.partner_id], met, at))
            else:
                out["not_again"].append(MetPartner(visible[met.partner_id], met))
    return out


@dataclass(frozen=True)
class LookedUp:
    """An organisation the viewer looked up from the suggestions page, and where it stands."""

    organisation: Organisation
    rank: int | None  # its place among the suggestions shown, if there
    met: Met | None  # the meeting that took it out of the suggestions, if any


def look_up(user: AnyUser, found: SuggestionList, q: str, limit: int = 5) -> list[LookedUp]:
    """Organisations whose name contains `q` (either language) that the viewer may see, each
    with its place among the suggestions or the meeting that keeps it out of them."""
    q = q.strip()
    if len(q) < 2:
        return []
    ranks = {i.organisation.pk: i.rank for i in found.items if i.organisation is not None}
    met = {m.organisation.pk: m.met for m in (*found.follow_ups, *found.not_again)}
    matches = (
        Organisation.objects.filter(visible_organisations_q(user))
        .filter(Q(name_ko__icontains=q) | Q(name_en__icontains=q))
        .order_by("name_en", "name_ko", "pk")
        .distinct()[:limit]
    )
    return [LookedUp(o, ranks.get(o.pk), met.get(o.pk)) for o in matches]


def met_notes(user: AnyUser, organisation: Organisation) -> list[tuple[Organisation, Met]]:
    """For an organisation's profile: the viewer's own organisations that met it with a
    telling outcome (why it is no longer, or not newly, suggested to them)."""
    mine = member_organisation_ids(user) if user.is_authenticated else set()
    if not mine or organisation.pk in mine:
        return []
    found = memory.met_partners(sorted(mine))
    own = {o.pk: o for o in Organisation.objects.filter(pk__in=list(found))}
    return [
        (own[org_id], partners[organisation.pk])
        for org_id, partners in sorted(found.items())
        if organisation.pk in partners and org_id in own
    ]


def verdicts_of(user: AnyUser, subject: str) -> dict[str, str]:
    """The user's feedback on the suggestions for a subject, by candidate key."""
    if not user.is_authenticated:
        return {}
    return dict(
        SuggestionFeedback.objects.filter(user=user, subject=subject).values_list(
            "candidate", "verdict"
        )
    )


MEETING_STATES = ("sent", "received", "accepted", "declined")

# The meetings app (a floor above) fills `states` (registration id → one of MEETING_STATES)
# with the viewer's requests to or from these registrations, so a card shows what happened.
meeting_states_collecting: Hook[[AnyUser, list[Registration], dict[int, str]]] = Hook(
    "matchmaking.meeting_states_collecting"
)


def _attach_feedback_and_meetings(
    user: AnyUser, verdicts: dict[str, str], items: list[SuggestedItem]
) -> None:
    partners = meeting_partners(user, [i.organisation.pk for i in items if i.organisation])
    states: dict[int, str] = {}
    if partners:
        meeting_states_collecting(user, list(partners.values()), states)
    for item in items:
        item.verdict = verdicts.get(item.key, "")
        if item.organisation is not None:
            item.meeting_at = partners.get(item.organisation.pk)
            if item.meeting_at is not None:
                item.meeting_state = states.get(item.meeting_at.pk, "")


def _attach_objects(user: AnyUser, items: list[SuggestedItem]) -> None:
    org_ids = primary_keys([i.key for i in items], ORG)
    opp_ids = primary_keys([i.key for i in items], OPP)
    orgs = {
        o.pk: o
        for o in Organisation.objects.filter(visible_organisations_q(user), pk__in=org_ids)
        .prefetch_related("industries")
        .distinct()
    }
    opps = {
        o.pk: o
        for o in Opportunity.objects.filter(visible_opportunities_q(user), pk__in=opp_ids)
        .select_related("owner")
        .prefetch_related("industries")
    }
    industries = industries_by_code(
        {c for item in items for c in item.suggestion.reasons.shared_industries}
    )
    for item in items:
        item.industries = industries
        key = ItemKey(item.key)
        if key.is_organisation:
            item.organisation = orgs.get(key.pk)
        else:
            item.opportunity = opps.get(key.pk)
