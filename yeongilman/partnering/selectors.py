"""Reads of partnering: opportunity lists, interests, and suggestions with their reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.access import AnyUser, member_organisation_ids
from yeongilman.core.cache import cache_key, cached
from yeongilman.directory.access import visible_organisations_q
from yeongilman.directory.models import Industry, Organisation
from yeongilman.events.models import Registration
from yeongilman.events.selectors import meeting_partners
from yeongilman.matching.explain import Suggestion, suggest
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.keys import OPP, ORG, ItemKey, primary_keys
from yeongilman.matchmaking.selectors import own_opportunities, subject_query
from yeongilman.partnering.access import visible_opportunities_q
from yeongilman.partnering.explanations import industries_by_code
from yeongilman.partnering.models import (
    Interest,
    Opportunity,
    OpportunityStatus,
    SuggestionFeedback,
    Verdict,
)

PAGE_SIZE = 20


def opportunity_list(
    user: AnyUser, *, q: str = "", type: str = "", industry: str = "", country: str = ""
) -> QuerySet[Opportunity]:
    """Live opportunities anyone may see, newest first, with simple filters."""
    now = timezone.now()
    qs = (
        Opportunity.objects.filter(visible_opportunities_q(user))
        .filter(status=OpportunityStatus.PUBLISHED)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .select_related("owner")
        .prefetch_related("industries")
    )
    if q:
        qs = qs.filter(
            Q(title_ko__icontains=q) | Q(title_en__icontains=q)
            | Q(description_ko__icontains=q) | Q(description_en__icontains=q)
        )  # fmt: skip
    if type:
        qs = qs.filter(type=type)
    if industry:
        qs = qs.filter(industries__code=industry)
    if country:
        qs = qs.filter(target_countries__icontains=country.upper()[:2])
    return qs.distinct()


def opportunities_of(user: AnyUser) -> QuerySet[Opportunity]:
    """All opportunities of the user's organisations, drafts and closed ones included."""
    return (
        Opportunity.objects.filter(owner_id__in=member_organisation_ids(user))
        .select_related("owner")
        .order_by("-updated_at")
    )


def interests_received(user: AnyUser) -> QuerySet[Interest]:
    """Interests in the user's organisations' opportunities."""
    return Interest.objects.filter(
        opportunity__owner_id__in=member_organisation_ids(user)
    ).select_related("opportunity", "organisation")


def interests_sent(user: AnyUser) -> QuerySet[Interest]:
    """Interests the user's organisations sent."""
    return Interest.objects.filter(
        organisation_id__in=member_organisation_ids(user)
    ).select_related("opportunity__owner", "organisation")


def my_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations the user may act for."""
    return Organisation.objects.filter(pk__in=member_organisation_ids(user)).order_by("name_en")


# --- suggestions ---------------------------------------------------------------------------


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


@dataclass
class SuggestionList:
    """Suggestions for one subject, with the subject's own indexed text."""

    subject_key: str
    subject_text: str
    items: list[SuggestedItem]
    indexed: bool  # false when the subject has no stored vectors yet


@dataclass
class _Feedback:
    hidden: frozenset[str]  # what this user hid
    not_useful: list[str]  # what the subject's members marked not useful, latest 50
    verdicts: dict[str, str]  # this user's verdict per candidate


def _feedback(user: AnyUser, subject: str) -> _Feedback:
    """The feedback a subject's suggestions depend on, in one query."""
    mine = Q(user=user) if user.is_authenticated else Q(pk__in=[])
    rows = (
        SuggestionFeedback.objects.filter(mine | Q(verdict=Verdict.NOT_USEFUL), subject=subject)
        .order_by("created_at", "pk")
        .values_list("user_id", "candidate", "verdict")
    )
    own: dict[str, str] = {}
    not_useful: list[str] = []
    for user_id, candidate, verdict in rows:
        if user.is_authenticated and user_id == user.pk:
            own[candidate] = verdict
        if verdict == Verdict.NOT_USEFUL:
            not_useful.append(candidate)
    hidden = frozenset(c for c, v in own.items() if v == Verdict.HIDDEN)
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
    if key not in index.position:
        return SuggestionList(key, "", [], indexed=False)
    own = own_opportunities(owner_id)
    feedback = _feedback(user, key)
    hidden, not_useful = feedback.hidden, feedback.not_useful
    now = timezone.now()

    def rank() -> tuple[str, list[Suggestion]]:
        query, allowed = subject_query(
            loaded, key, owner_id, own, now=now, partners=want == "partners", hidden=hidden
        )
        return query.text, suggest(index, query, k=k, allowed=allowed, not_useful=not_useful)

    # The ranking changes only with the index (its version), the owner's opportunities and
    # what this user hid; opportunities expire by the hour at the finest.
    subject_text, found = cached(
        cache_key("suggestions", key, want, k, loaded.version, sorted(own), sorted(hidden),
                  not_useful, now.strftime("%Y%m%d%H")),
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
    return SuggestionList(
        key, subject_text, [i for i in items if i.organisation or i.opportunity], True
    )


def verdicts_of(user: AnyUser, subject: str) -> dict[str, str]:
    """The user's feedback on the suggestions for a subject, by candidate key."""
    if not user.is_authenticated:
        return {}
    return dict(
        SuggestionFeedback.objects.filter(user=user, subject=subject).values_list(
            "candidate", "verdict"
        )
    )


def _attach_feedback_and_meetings(
    user: AnyUser, verdicts: dict[str, str], items: list[SuggestedItem]
) -> None:
    partners = meeting_partners(user, [i.organisation.pk for i in items if i.organisation])
    for item in items:
        item.verdict = verdicts.get(item.key, "")
        if item.organisation is not None:
            item.meeting_at = partners.get(item.organisation.pk)


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
