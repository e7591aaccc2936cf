"""Reads for programme pages and the API, filtered for the viewer."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.access import AnyUser, member_organisation_ids
from yeongilman.core.models import AuditEntry
from yeongilman.directory.models import Organisation
from yeongilman.programs.access import visible_calls
from yeongilman.programs.eligibility import ineligibility_reasons
from yeongilman.programs.models import (
    Appeal,
    AppealStatus,
    Application,
    ApplicationStatus,
    Call,
    CallReviewer,
    Criterion,
    CutOff,
    Outcome,
    Panel,
    PresentationSlot,
    Review,
    Stage,
    StageDecision,
)
from yeongilman.programs.scoring import (
    Ranked,
    Rubric,
    ScoredReview,
    rank,
    select_top,
    weighted_total,
)


def stages_of(call: Call) -> list[Stage]:
    """The call's stages in order; a call without any (made before stages, or by code that
    names none) has one unsaved first stage that follows the call's settings."""
    stages = list(call.stages.all())
    for stage in stages:
        stage.call = call  # the settings it inherits are read from this call, not re-queried
    return stages or [Stage(call=call, position=1, name_ko="심사", name_en="Review")]


def current_stage(call: Call, stages: list[Stage] | None = None) -> Stage:
    """The first stage not yet advanced (the last stage once all before it are)."""
    stages = stages if stages is not None else stages_of(call)
    return next((s for s in stages if s.advanced_at is None), stages[-1])


def is_last_stage(stage: Stage) -> bool:
    """True for the call's last stage (the one that ends in the selection)."""
    return not stage.call.stages.filter(position__gt=stage.position).exists()


def of_stage_q(stage: Stage, prefix: str = "") -> Q:
    """Rows of this stage (pool entries, criteria, reviews); rows without a stage belong to the
    first stage."""
    q = Q(**{f"{prefix}stage_id": stage.pk}) if stage.pk else Q(pk__in=[])
    if stage.position <= 1:
        q |= Q(**{f"{prefix}stage__isnull": True})
    return q


def entered_stage_q(stage: Stage, prefix: str = "") -> Q:
    """Submitted applications that reached this stage (they are in it or went further)."""
    q = Q(**{f"{prefix}status": ApplicationStatus.SUBMITTED}) & Q(
        **{f"{prefix}stage__position__gte": stage.position}
    )
    if stage.position <= 1:
        q = Q(**{f"{prefix}status": ApplicationStatus.SUBMITTED})
    return q


def in_stage(stage: Stage) -> QuerySet[Application]:
    """The applications that reached the stage."""
    return stage.call.applications.filter(entered_stage_q(stage))


def stage_pool(stage: Stage) -> QuerySet[CallReviewer]:
    """The stage's reviewer pool."""
    return CallReviewer.objects.filter(of_stage_q(stage), call_id=stage.call_id)


def stage_criteria(stage: Stage) -> QuerySet[Criterion]:
    """The stage's rubric; a stage without criteria of its own uses the first stage's."""
    own = Criterion.objects.filter(of_stage_q(stage), call_id=stage.call_id)
    if stage.position > 1 and not own.exists():
        return Criterion.objects.filter(
            Q(stage__position__lte=1) | Q(stage__isnull=True), call_id=stage.call_id
        )
    return own


def calls_by_state(user: AnyUser, now: datetime | None = None) -> dict[str, list[Call]]:
    """Visible calls grouped as open (soonest deadline first), upcoming and closed."""
    now = now or timezone.now()
    calls = visible_calls(user)
    return {
        "open": list(
            calls.filter(opens_at__lte=now, closes_at__gt=now, closed_early_at=None).order_by(
                "closes_at"
            )
        ),
        "upcoming": list(calls.filter(opens_at__gt=now).order_by("opens_at")),
        "closed": list(
            calls.filter(
                Q(closes_at__lte=now) | Q(closed_early_at__isnull=False, opens_at__lte=now)
            ).order_by("-closes_at")[:20]
        ),
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


def reviews_of(user: AnyUser) -> QuerySet[Review]:
    """The reviewer's assignments, unscored first."""
    return (
        Review.objects.filter(reviewer_id=user.pk, application__status=ApplicationStatus.SUBMITTED)
        .select_related("application__call", "application__organisation", "stage", "stage__call")
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


def rubric(call: Call, stage: Stage | None = None) -> list[Rubric]:
    """The stage's criteria (the current stage's by default) as plain data."""
    stage = stage or current_stage(call)
    return [
        Rubric(c.pk, float(c.weight), float(c.min_score), float(c.max_score))
        for c in stage_criteria(stage)
    ]


@dataclass
class RankingRow(Ranked):
    """A ranked application with what the operators' table shows beside it."""

    industry: str = ""
    organisation: Organisation | None = None
    outcome: str = ""
    by_hand: bool = False


def ranking(call: Call, stage: Stage | None = None) -> list[RankingRow]:
    """Applications that reached the stage (the current one by default) with at least one
    submitted review of that stage, best first; the rest (not yet reviewed) follow with no
    scores. Each reviewer's z-scores are taken within the stage."""
    stage = stage or current_stage(call)
    reviews = Review.objects.filter(
        of_stage_q(stage),
        entered_stage_q(stage, "application__"),
        application__call=call,
        submitted_at__isnull=False,
    ).values_list("application_id", "reviewer_id", "scores")
    scored = [ScoredReview(a, r, {int(k): float(v) for k, v in s.items()}) for a, r, s in reviews]
    ranked = rank(rubric(call, stage), scored)
    applications = {
        a.pk: a for a in call.applications.filter(entered_stage_q(stage)).select_related(
            "organisation"
        )
    }  # fmt: skip
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


def reviewer_stats(call: Call, stage: Stage | None = None) -> list[ReviewerStats]:
    """Per reviewer of the stage: assigned, submitted, mean and standard deviation of their
    totals."""
    stage = stage or current_stage(call)
    criteria = rubric(call, stage)
    totals: dict[int, list[float]] = defaultdict(list)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    emails: dict[int, str] = {}
    rows = Review.objects.filter(
        of_stage_q(stage), application__call=call,
        application__status=ApplicationStatus.SUBMITTED,
    ).values_list("reviewer_id", "reviewer__email", "scores", "submitted_at")  # fmt: skip
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


def progress(call: Call, stage: Stage | None = None) -> dict[str, int]:
    """Counts for the operators' overview (reviews: of the stage, the current by default)."""
    stage = stage or current_stage(call)
    by_status = dict(call.applications.values_list("status").annotate(n=Count("id")))
    reviews = Review.objects.filter(
        of_stage_q(stage),
        application__call=call,
        application__status=ApplicationStatus.SUBMITTED,
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


@dataclass
class AdvanceRow:
    """One application of a stage and whether it goes on to the next."""

    application: int
    organisation: Organisation | None
    reviews: int
    raw: float
    normalised: float
    advances: bool
    by_hand: bool
    reason: str


def advancement_preview(stage: Stage) -> list[AdvanceRow]:
    """Who advances if the stage is advanced now: decisions by hand first (with their
    reasons), then the ranking by the stage's cut-off (the best N, or a raw score of at
    least the cut-off; nobody else when the stage is decided by hand). Unreviewed
    applications never pass by the ranking."""
    rows = ranking(stage.call, stage)
    decided = {d.application_id: d for d in StageDecision.objects.filter(stage=stage)}
    hand = {pk: d for pk, d in decided.items() if d.by_hand}
    forced_in = frozenset(pk for pk, d in hand.items() if d.advances)
    forced_out = frozenset(pk for pk, d in hand.items() if not d.advances)
    reviewed = [r.application for r in rows if r.reviews]
    if stage.cutoff == CutOff.TOP:
        chosen = set(select_top(reviewed, stage.cutoff_top or 0, forced_in=forced_in,
                                forced_out=forced_out))  # fmt: skip
        chosen |= forced_in  # a hand decision passes even when it is beyond N
    elif stage.cutoff == CutOff.SCORE:
        floor = stage.cutoff_score if stage.cutoff_score is not None else 101.0
        chosen = {r.application for r in rows if r.reviews and r.raw >= floor} - forced_out
        chosen |= forced_in
    else:
        chosen = set(forced_in)
    return [
        AdvanceRow(
            application=int(str(r.application)),
            organisation=r.organisation,
            reviews=r.reviews,
            raw=r.raw,
            normalised=r.normalised,
            advances=r.application in chosen,
            by_hand=r.application in hand,
            reason=hand[int(str(r.application))].reason if r.application in hand else "",
        )  # fmt: skip
        for r in rows
    ]


@dataclass
class TimelineStep:
    """One step of an application's way: submitted, each stage, the result."""

    key: str
    label: str
    state: str  # done, current, upcoming, stopped, skipped
    when: datetime | None = None
    note: str = ""


def timeline(application: Application) -> list[TimelineStep]:
    """Submitted → each stage → selected / not selected, or withdrawn, as the applicant may
    know it: a stage's result shows once the stage is advanced, the final one once the
    results are published."""
    from django.utils.translation import gettext as _

    call = application.call
    steps = [
        TimelineStep(
            "submitted",
            _("Submitted"),
            "done" if application.submitted_at else "current",
            application.submitted_at,
            application.receipt_number,
        )  # fmt: skip
    ]
    if application.status == ApplicationStatus.WITHDRAWN:
        steps[0].state = "done" if application.submitted_at else "skipped"
        steps.append(TimelineStep("withdrawn", _("Withdrawn"), "stopped",
                                  application.withdrawn_at))  # fmt: skip
        return steps
    stages = stages_of(call)
    reached = application.stage.position if application.stage_id and application.stage else 1
    stopped = False
    for stage in stages:
        key = f"stage-{stage.position}"
        if not application.submitted_at or stopped:
            steps.append(TimelineStep(key, str(stage.name), "upcoming", stage.starts_at))
        elif stage.position < reached:
            steps.append(TimelineStep(key, str(stage.name), "done", stage.advanced_at,
                                      _("Passed")))  # fmt: skip
        elif stage.position == reached and stage.advanced_at and stage is not stages[-1]:
            stopped = True
            steps.append(TimelineStep(key, str(stage.name), "stopped", stage.advanced_at,
                                      _("Not passed")))  # fmt: skip
        elif stage.position == reached:
            published = bool(call.results_published_at)
            steps.append(TimelineStep(key, str(stage.name), "done" if published else "current",
                                      stage.ends_at if not published else None))  # fmt: skip
        else:
            steps.append(TimelineStep(key, str(stage.name), "upcoming", stage.starts_at))
    final_known = bool(call.results_published_at) and not stopped and application.submitted_at
    if stopped or (final_known and application.outcome == Outcome.NOT_SELECTED):
        steps.append(TimelineStep("result", _("Not selected"), "stopped",
                                  call.results_published_at if final_known else None))  # fmt: skip
    elif final_known and application.outcome == Outcome.SELECTED:
        steps.append(TimelineStep("result", _("Selected"), "done", call.results_published_at))
    else:
        steps.append(TimelineStep("result", _("Selected / not selected"), "upcoming"))
    return steps


def presentation_slots_for_applicant(user: AnyUser) -> QuerySet[PresentationSlot]:
    """The presentation slots of the user's organisations' applications (My agenda, the feed)."""

    if not user.is_authenticated:
        return PresentationSlot.objects.none()
    return (
        PresentationSlot.objects.filter(
            application__organisation_id__in=member_organisation_ids(user),
            application__status=ApplicationStatus.SUBMITTED,
        )
        .select_related("panel", "stage", "stage__call", "application__organisation")
        .order_by("starts_at")
    )


def presentation_slots_of_application(application: Application) -> QuerySet[PresentationSlot]:
    """The application's presentation slots (one per presentation stage at most)."""
    return application.presentation_slots.select_related("panel", "stage").order_by("starts_at")


def stage_presentations(stage: Stage) -> list[Panel]:
    """The stage's panels with their members and slots (and who presents in each)."""
    return list(
        stage.panels.prefetch_related(
            "members",
            models.Prefetch(
                "slots",
                queryset=PresentationSlot.objects.select_related("application__organisation"),
            ),
        )
    )


def stage_appeals(stage: Stage) -> QuerySet[Appeal]:
    """The stage's appeals, undecided first, with the applicant and files."""
    return (
        Appeal.objects.filter(stage=stage)
        .select_related("application__organisation", "decided_by")
        .prefetch_related("files")
        .order_by(
            models.Case(models.When(status=AppealStatus.PENDING, then=0), default=1),
            "created_at",
        )
    )


@dataclass
class DashboardRow:
    """One stage of one call on a reviewer's dashboard."""

    call: Call
    stage: Stage | None
    to_do: list[Review]
    done: list[Review]
    deadline: datetime | None
    slots: list[PresentationSlot]

    @property
    def overdue(self) -> bool:
        """Reviews left to do after the stage's end."""
        return bool(self.to_do and self.deadline and self.deadline < timezone.now())


def reviewer_dashboard(user: AnyUser) -> list[DashboardRow]:
    """The reviewer's work across calls and stages: reviews to do (in stages still open) and
    done, the stage's end as the deadline, and the presentation slots of their panels; work
    left to do first, soonest deadline first."""
    rows: dict[tuple[int, int | None], DashboardRow] = {}
    for review in reviews_of(user):
        call = review.application.call
        closed = (review.stage and review.stage.advanced_at) or call.results_published_at
        if closed and not review.submitted_at:
            continue  # the stage is over: nothing left to do there
        key = (call.pk, review.stage_id)
        row = rows.get(key)
        if row is None:
            deadline = review.stage.ends_at if review.stage else None
            row = rows[key] = DashboardRow(call, review.stage, [], [], deadline, [])
        (row.done if review.submitted_at else row.to_do).append(review)
    slots = PresentationSlot.objects.filter(
        panel__members=user.pk if user.is_authenticated else None
    ).select_related("panel", "stage__call", "application__organisation")
    for slot in slots.order_by("starts_at"):
        key = (slot.stage.call_id, slot.stage_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = DashboardRow(slot.stage.call, slot.stage, [], [],
                                           slot.stage.ends_at, [])  # fmt: skip
        if slot.application_id:
            row.slots.append(slot)
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(rows.values(), key=lambda r: (not r.to_do, r.deadline or far, r.call.pk))
