"""Who may see and change which opportunity, interest and introduction."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator, member_organisation_ids
from yeongilman.core.errors import NotFound, PermissionDenied
from yeongilman.partnering.models import Interest, InterestStatus, Opportunity, OpportunityStatus


def visible_opportunities_q(user: AnyUser) -> Q:
    """Published opportunities of published organisations, plus the user's own."""
    public = Q(status=OpportunityStatus.PUBLISHED, owner__is_published=True)
    if is_operator(user):
        return Q()
    if user.is_authenticated:
        return public | Q(owner_id__in=member_organisation_ids(user))
    return public


def can_edit_opportunity(user: AnyUser, opportunity: Opportunity) -> bool:
    """Operators and members of the owner organisation."""
    return is_operator(user) or opportunity.owner_id in member_organisation_ids(user)


def access_opportunity(user: AnyUser, pk: int) -> Opportunity:
    """The opportunity if the user may see it, else NotFound (no hint it exists)."""
    found = (
        Opportunity.objects.filter(visible_opportunities_q(user), pk=pk)
        .select_related("owner")
        .first()
    )
    if found is None:
        raise NotFound(_("No such opportunity."))
    return found


def access_opportunity_for_edit(user: AnyUser, pk: int) -> Opportunity:
    """The opportunity if the user may change it."""
    opportunity = access_opportunity(user, pk)
    if not can_edit_opportunity(user, opportunity):
        raise PermissionDenied(_("Only members of the organisation can change this."))
    return opportunity


def owner_revealed(user: AnyUser, opportunity: Opportunity) -> bool:
    """An anonymous opportunity shows its organisation only to its members, operators and
    organisations whose interest it accepted."""
    if not opportunity.is_anonymous or can_edit_opportunity(user, opportunity):
        return True
    mine = member_organisation_ids(user)
    return Interest.objects.filter(
        opportunity=opportunity, organisation_id__in=mine, status=InterestStatus.ACCEPTED
    ).exists()


def access_interest(user: AnyUser, pk: int) -> Interest:
    """An interest is seen by both organisations' members and operators."""
    interest = Interest.objects.select_related("opportunity__owner", "organisation").filter(pk=pk)
    found = interest.first()
    if found is None:
        raise NotFound(_("No such expression of interest."))
    mine = member_organisation_ids(user)
    if not (
        is_operator(user) or found.organisation_id in mine or found.opportunity.owner_id in mine
    ):
        raise NotFound(_("No such expression of interest."))
    return found
