"""Reads of partnering: opportunity lists, interests, and suggestions with their reasons."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.access import AnyUser, member_organisation_ids
from yeongilman.directory.models import Organisation
from yeongilman.partnering.access import visible_opportunities_q
from yeongilman.partnering.models import Interest, Opportunity, OpportunityStatus

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
