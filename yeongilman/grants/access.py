"""Who may see and change agreements: operators manage them; the company's members see their
own once sent; reviewers named as evaluators see the signed agreements they evaluate."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator, member_organisation_ids
from yeongilman.core.errors import NotFound, PermissionDenied
from yeongilman.grants.models import (
    Agreement,
    AgreementDocument,
    AgreementStatus,
    Milestone,
    MilestoneReport,
)


def visible_agreements(user: AnyUser) -> QuerySet[Agreement]:
    """Every agreement for operators; the company's once sent (a draft is the operator's);
    the evaluator's signed ones."""
    agreements = Agreement.objects.select_related("call", "organisation", "application")
    if is_operator(user):
        return agreements
    if not user.is_authenticated:
        return agreements.none()
    company = Q(organisation_id__in=member_organisation_ids(user), sent_at__isnull=False)
    evaluator = Q(evaluators=user, status=AgreementStatus.SIGNED)
    return agreements.filter(company | evaluator).distinct()


def access_agreement(user: AnyUser, pk: int) -> Agreement:
    """The agreement if the user may read it, else NotFound (no hint that it exists)."""
    agreement = visible_agreements(user).filter(pk=pk).first()
    if agreement is None:
        raise NotFound(_("No such agreement."))
    return agreement


def is_company(user: AnyUser, agreement: Agreement) -> bool:
    """A member of the organisation the agreement is with."""
    return agreement.organisation_id in member_organisation_ids(user)


def can_evaluate(user: AnyUser, agreement: Agreement) -> bool:
    """Operators and the reviewers named as the agreement's evaluators."""
    if is_operator(user):
        return True
    return bool(user.is_authenticated and agreement.evaluators.filter(pk=user.pk).exists())


def require_company(user: AnyUser, agreement: Agreement) -> None:
    """PermissionDenied unless the user is a member of the company."""
    if not is_company(user, agreement):
        raise PermissionDenied(_("Only the company's members may do this."))


def access_document(user: AnyUser, pk: int) -> AgreementDocument:
    """A required document (and its signed copy) of an agreement the user may read."""
    document = AgreementDocument.objects.filter(pk=pk).first()
    if document is None:
        raise NotFound(_("No such document."))
    document.agreement = access_agreement(user, document.agreement_id)
    return document


def access_milestone(user: AnyUser, pk: int) -> Milestone:
    """A milestone of an agreement the user may read."""
    milestone = Milestone.objects.filter(pk=pk).first()
    if milestone is None:
        raise NotFound(_("No such milestone."))
    milestone.agreement = access_agreement(user, milestone.agreement_id)
    return milestone


def access_report(user: AnyUser, pk: int) -> MilestoneReport:
    """A milestone report of an agreement the user may read."""
    report = MilestoneReport.objects.select_related("milestone").filter(pk=pk).first()
    if report is None:
        raise NotFound(_("No such report."))
    report.milestone.agreement = access_agreement(user, report.milestone.agreement_id)
    return report
