"""Reads of agreements, already filtered for the viewer and prefetched for the page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from yeongilman.accounts.access import AnyUser, member_organisation_ids
from yeongilman.grants.access import visible_agreements
from yeongilman.grants.models import Agreement, Milestone
from yeongilman.programs.models import Application, Call, Outcome


def with_parts(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """The agreements with their documents, milestones and reports prefetched."""
    return agreements.prefetch_related(
        "documents",
        Prefetch("milestones", queryset=Milestone.objects.select_related("report")),
    )


@dataclass
class AgreementRow:
    """One agreement with its planned and disbursed sums."""

    agreement: Agreement
    planned_krw: int
    disbursed_krw: int


@dataclass
class CallAgreements:
    """A call's agreements, the selected applications still without one, and the totals."""

    rows: list[AgreementRow] = field(default_factory=list)
    without: list[Application] = field(default_factory=list)
    amount_krw: int = 0
    planned_krw: int = 0
    disbursed_krw: int = 0


def call_agreements(user: AnyUser, call: Call) -> CallAgreements:
    """The operator's table of a call: amount, planned and disbursed money per agreement."""
    result = CallAgreements()
    agreements = with_parts(visible_agreements(user).filter(call=call)).order_by(
        "organisation__name_ko", "pk"
    )
    for agreement in agreements:
        milestones = list(agreement.milestones.all())
        row = AgreementRow(
            agreement,
            sum(m.amount_krw for m in milestones),
            sum(m.disbursed_krw or 0 for m in milestones),
        )
        result.rows.append(row)
        if agreement.status != "cancelled":
            result.amount_krw += agreement.amount_krw
            result.planned_krw += row.planned_krw
            result.disbursed_krw += row.disbursed_krw
    result.without = list(
        Application.objects.filter(call=call, outcome=Outcome.SELECTED, agreement__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name_ko")
    )
    return result


def my_agreements(user: AnyUser) -> list[Agreement]:
    """The agreements of the user's organisations that were sent to them, newest first."""
    return list(
        with_parts(
            visible_agreements(user).filter(organisation_id__in=member_organisation_ids(user))
        ).order_by("-sent_at")
    )


def agreement_detail(user: AnyUser, pk: int) -> Agreement:
    """One agreement with its documents, milestones and reports (access checked)."""
    from yeongilman.grants.access import access_agreement

    agreement = access_agreement(user, pk)
    return (
        with_parts(Agreement.objects.filter(pk=agreement.pk))
        .select_related("call", "organisation", "application")
        .get()
    )
