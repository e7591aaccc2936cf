"""Reads for programme pages and the API, filtered for the viewer."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.access import AnyUser
from yeongilman.core.models import AuditEntry
from yeongilman.directory.models import Organisation
from yeongilman.programs.access import visible_applications_q, visible_calls
from yeongilman.programs.eligibility import ineligibility_reasons
from yeongilman.programs.models import Application, ApplicationStatus, Call, Review
from yeongilman.programs.scoring import Ranked, Rubric, ScoredReview, rank, weighted_total


def calls_by_state(user: AnyUser, now: datetime | None = None) -> dict[str, list[Call]]:
    """Visible calls grouped as open (soonest deadline first), upcoming and closed."""
    now = now or timezone.now()
    calls = visible_calls(user)
    return {
        "open": list(calls.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")),
        "upcoming": list(calls.filter(opens_at__gt=now).order_by("opens_at")),
        "closed": list(calls.filter(closes_at__lte=now).order_by("-closes_at")[:20]),
    }


@dataclass
class OrganisationEligibility:
    """One of the viewer's organisations and whether it may apply to a call."""

    organisation: Organisation
    reasons: list[str]
    application: Application | None


def eligibility_for(user: AnyUser, call: Call) -> list[OrganisationEligibility]:
    """The viewer's organisations with their eligibility and existing application."""
    if not user.is_authenticated:
        return []
    organisations = Organisation.objects.filter(memberships__user=user).prefetch_related(
        "industries"
    )
    existing = {
        a.organisation_id: a for a in call.applications.filter(organisation__in=organisations)
    }
    return [
        OrganisationEligibility(o, ineligibility_reasons(call, o), existing.get(o.pk))
        for o in organisations
    ]


def my_applications(user: AnyUser) -> QuerySet[Application]:
    """Applications of the viewer's organisations."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(organisation__memberships__user=user)
        .select_related("call", "organisation")
        .order_by("-updated_at")
    )


def applications_for_operator(
    call: Call, *, status: str = "", industry: str = "", q: str = ""
) -> QuerySet[Application]:
    """A call's applications with filters, for operators."""
    rows = call.applications.select_related("organisation", "submitted_by").prefetch_related(
        "organisation__industries", "files"
    )
    if status:
        rows = rows.filter(status=status)
    if industry:
        rows = rows.filter(organisation__industries__code=industry)
    if q:
        rows = rows.filter(
            Q(organisation__name_ko__icontains=q) | Q(organisation__name_en__icontains=q)
        )
    return rows.order_by("organisation__name_en", "organisation__name_ko", "pk").distinct()


def visible_application_list(user: AnyUser) -> QuerySet[Application]:
    """Every application the viewer may read (the API's list)."""
    return (
        Application.objects.filter(visible_applications_q(user))
        .select_related("call", "organisation")
        .distinct()
        .order_by("-updated_at")
    )


def reviews_of(user: AnyUser) -> QuerySet[Review]:
    """The reviewer's assignments, unscored first."""
    return (
        Review.objects.filter(reviewer_id=user.pk, application__status=ApplicationStatus.SUBMITTED)
        .select_related("application__call", "application__organisation")
        .order_by("submitted_at", "application__call__closes_at", "pk")
    )


def industries_of_applicants(call: Call) -> dict[int, list[str]]:
    """Organisation id -> its industry codes (taxonomy order), for the call's submitted
    applications, in one query (a prefetch of thousands of ids is too deep for SQLite)."""
    through = Organisation.industries.through
    rows = (
        through.objects.filter(
            organisation__applications__call=call,
            organisation__applications__status=ApplicationStatus.SUBMITTED,
        )
        .order_by("organisation_id", "industry__position", "industry__code")
        .values_list("organisation_id", "industry__code")
    )
    out: dict[int, list[str]] = defaultdict(list)
    for org_id, code in rows:
        out[org_id].append(code)
    return out


def rubric(call: Call) -> list[Rubric]:
    """The call's criteria as plain data."""
    return [
        Rubric(c.pk, float(c.weight), float(c.min_score), float(c.max_score))
        for c in call.criteria.all()
    ]


@dataclass
class RankingRow(Ranked):
    """A ranked application with what the operators' table shows beside it."""

    industry: str = ""
    organisation: Organisation | None = None
    outcome: str = ""
    by_hand: bool = False


def ranking(call: Call) -> list[RankingRow]:
    """Submitted applications with at least one submitted review, best first; the rest
    (not yet reviewed) follow with no scores."""
    reviews = Review.objects.filter(
        application__call=call,
        application__status=ApplicationStatus.SUBMITTED,
        submitted_at__isnull=False,
    ).values_list("application_id", "reviewer_id", "scores")
    scored = [ScoredReview(a, r, {int(k): float(v) for k, v in s.items()}) for a, r, s in reviews]
    ranked = rank(rubric(call), scored)
    applications = {
        a.pk: a
        for a in call.applications.filter(status=ApplicationStatus.SUBMITTED).select_related(
            "organisation"
        )
    }
    industries = industries_of_applicants(call)
    rows = []
    for item in ranked:
        rows.append(_row(item, applications.pop(int(str(item.application))), industries))
    for application in applications.values():
        unranked = Ranked(application.pk, 0.0, 0.0, 0.0, 0, False)
        rows.append(_row(unranked, application, industries))
    return rows


def _row(item: Ranked, application: Application, industries: dict[int, list[str]]) -> RankingRow:
    codes = industries.get(application.organisation_id, [])
    return RankingRow(
        **vars(item),
        industry=codes[0] if codes else "",
        organisation=application.organisation,
        outcome=application.outcome,
        by_hand=bool(application.outcome_reason),
    )


@dataclass
class ReviewerStats:
    """A reviewer's progress and scoring habits in one call."""

    reviewer_id: int
    email: str
    assigned: int
    submitted: int
    mean: float | None
    spread: float | None


def reviewer_stats(call: Call) -> list[ReviewerStats]:
    """Per reviewer: assigned, submitted, mean and standard deviation of their totals."""
    criteria = rubric(call)
    totals: dict[int, list[float]] = defaultdict(list)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    emails: dict[int, str] = {}
    rows = Review.objects.filter(
        application__call=call, application__status=ApplicationStatus.SUBMITTED
    ).values_list("reviewer_id", "reviewer__email", "scores", "submitted_at")
    for reviewer_id, email, scores, submitted_at in rows:
        emails[reviewer_id] = email
        counts[reviewer_id][0] += 1
        if submitted_at:
            counts[reviewer_id][1] += 1
            scores = {int(k): float(v) for k, v in scores.items()}
            totals[reviewer_id].append(weighted_total(criteria, scores))
    return [
        ReviewerStats(
            rid,
            emails[rid],
            counts[rid][0],
            counts[rid][1],
            statistics.fmean(totals[rid]) if totals[rid] else None,
            statistics.pstdev(totals[rid]) if len(totals[rid]) > 1 else None,
        )
        for rid in sorted(emails, key=lambda r: emails[r])
    ]


def progress(call: Call) -> dict[str, int]:
    """Counts for the operators' overview."""
    by_status = dict(call.applications.values_list("status").annotate(n=Count("id")))
    reviews = Review.objects.filter(
        application__call=call, application__status=ApplicationStatus.SUBMITTED
    ).aggregate(assigned=Count("id"), done=Count("id", filter=Q(submitted_at__isnull=False)))
    return {
        "drafts": by_status.get(ApplicationStatus.DRAFT, 0),
        "submitted": by_status.get(ApplicationStatus.SUBMITTED, 0),
        "withdrawn": by_status.get(ApplicationStatus.WITHDRAWN, 0),
        "reviews_assigned": reviews["assigned"],
        "reviews_done": reviews["done"],
    }


def audit_entries(call: Call) -> QuerySet[AuditEntry]:
    """The call's audit log, newest first."""
    return AuditEntry.objects.filter(scope=f"call:{call.pk}").select_related("actor")
