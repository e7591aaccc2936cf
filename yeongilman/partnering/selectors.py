"""Reads of partnering: opportunity lists, interests, and suggestions with their reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.access import AnyUser, member_organisation_ids
from yeongilman.core.cache import cache_key, cached
from yeongilman.directory.access import visible_organisations_q
from yeongilman.directory.models import Industry, Organisation
from yeongilman.matching.engine import Query
from yeongilman.matching.explain import Suggestion, suggest
from yeongilman.partnering import adapter
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
    organisation: Organisation | None = None
    opportunity: Opportunity | None = None
    industries: dict[str, Industry] = field(default_factory=dict)  # shared ones, by code


@dataclass
class SuggestionList:
    """Suggestions for one subject, with the subject's own indexed text."""

    subject_key: str
    subject_text: str
    items: list[SuggestedItem]
    indexed: bool  # false when the subject has no stored vectors yet


def _hidden(user: AnyUser, subject: str) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        SuggestionFeedback.objects.filter(
            user=user, subject=subject, verdict=Verdict.HIDDEN
        ).values_list("candidate", flat=True)
    )


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _query_for(
    loaded: adapter.LoadedIndex, key: str, extra: list[str], countries: set[str]
) -> Query:
    """The stored item as a query. An organisation's query also carries its own live
    opportunities (`extra` keys): what it looks for and their direction; `countries` are the
    target countries of the subject (or of those opportunities)."""
    index = loaded.index
    v = index.vectors
    rows = [index.position[key]] + [index.position[k] for k in extra if k in index.position]
    documents = [index.documents[i] for i in rows]
    first = rows[0]
    needs = [v.need[i] for i in rows if v.has_need[i]] or [v.whole[i] for i in rows[1:]]
    vectors = (
        _unit(np.mean([v.whole[i] for i in rows], axis=0)),
        v.about[first],
        _unit(np.mean(needs, axis=0)) if needs else None,
    )
    industries = tuple(dict.fromkeys(i for d in documents for i in d.industries))
    return Query(
        " ".join(d.text for d in documents), industries=industries, lang=documents[0].lang,
        country=documents[0].home_country, kind=documents[0].kind,
        wanted_countries=frozenset(countries) if countries else None,
        offers=frozenset().union(*(d.offers for d in documents)),
        seeks=frozenset().union(*(d.seeks for d in documents)), vectors=vectors,
    )  # fmt: skip


def suggestions(
    user: AnyUser, *, organisation: Organisation | None = None,
    opportunity: Opportunity | None = None, want: str = "partners", k: int = 10,
) -> SuggestionList:  # fmt: skip
    """Suggested partners (organisations) or opportunities for an organisation or opportunity.

    Excludes the subject itself and its owner's items, items the user hid, and expired
    opportunities."""
    if opportunity is not None:
        key, owner_id = adapter.opp_key(opportunity.pk), opportunity.owner_id
    else:
        assert organisation is not None
        key, owner_id = adapter.org_key(organisation.pk), organisation.pk
    loaded = adapter.current()
    index = loaded.index
    if key not in index.position:
        return SuggestionList(key, "", [], indexed=False)
    own = {
        adapter.opp_key(pk): countries or []
        for pk, countries in Opportunity.objects.filter(owner_id=owner_id).values_list(
            "pk", "target_countries"
        )
    }
    hidden = _hidden(user, key)
    now = timezone.now()

    def rank() -> tuple[str, list[Suggestion]]:
        if opportunity is not None:
            extra, countries = [], set(opportunity.target_countries or [])
        else:
            extra = [k for k in own if k in index.position]
            countries = {c for k in extra for c in own[k]}
        query = _query_for(loaded, key, extra, countries)
        allowed = loaded.candidates(want == "partners", now)
        for excluded in {adapter.org_key(owner_id), key, *own, *hidden}:
            if excluded in index.position:
                allowed[index.position[excluded]] = False
        return query.text, suggest(index, query, k=k, allowed=allowed)

    # The ranking changes only with the index (its version), the owner's opportunities and
    # what this user hid; opportunities expire by the hour at the finest.
    subject_text, found = cached(
        cache_key("suggestions", key, want, k, loaded.version, sorted(own), sorted(hidden),
                  now.strftime("%Y%m%d%H")),
        settings.YV_SUGGESTION_CACHE_SECONDS,
        rank,
    )  # fmt: skip
    items = [
        SuggestedItem(s.id, rank, s, index.documents[index.position[s.id]].text)
        for rank, s in enumerate(found, start=1)
    ]
    _attach_objects(user, items)
    return SuggestionList(
        key, subject_text, [i for i in items if i.organisation or i.opportunity], True
    )


def _attach_objects(user: AnyUser, items: list[SuggestedItem]) -> None:
    org_ids = [int(i.key[4:]) for i in items if i.key.startswith("org:")]
    opp_ids = [int(i.key[4:]) for i in items if i.key.startswith("opp:")]
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
        pk = int(item.key[4:])
        if item.key.startswith("org:"):
            item.organisation = orgs.get(pk)
        else:
            item.opportunity = opps.get(pk)
