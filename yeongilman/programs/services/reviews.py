"""Writes to reviews: assignment without conflicts of interest, declared conflicts, scores."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import Membership
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import ValidationFailed
from yeongilman.programs import selectors
from yeongilman.programs.assignment import Assignment, AssignmentProblem, assign_reviewers
from yeongilman.programs.models import (
    Application,
    Call,
    CallReviewer,
    Conflict,
    Review,
    ReviewerProfile,
    Stage,
)
from yeongilman.programs.selectors import industries_of_applicants


def conflict_pairs(
    call: Call, application: Application | None = None, stage: Stage | None = None
) -> set[tuple[int, int]]:
    """(application, reviewer) pairs that must never meet: the reviewer is a member of the
    applicant, or declared a conflict with it. Among the stage's applications and pool (the
    current stage by default); for one application when one is given."""
    stage = stage or selectors.current_stage(call)
    submitted = call.applications.filter(selectors.entered_stage_q(stage))
    if application is not None:
        submitted = submitted.filter(pk=application.pk)
    applications = dict(submitted.values_list("organisation_id", "pk"))
    reviewer_ids = list(selectors.stage_pool(stage).values_list("user_id", flat=True))
    pairs = set()
    for rows in (
        Membership.objects.filter(user_id__in=reviewer_ids, organisation_id__in=applications),
        Conflict.objects.filter(reviewer_id__in=reviewer_ids, organisation_id__in=applications),
    ):
        for org_id, user_id in rows.values_list(
            "organisation_id", "user_id" if rows.model is Membership else "reviewer_id"
        ):
            pairs.add((applications[org_id], user_id))
    return pairs


def _stage_to_work_on(call: Call, stage: Stage | None) -> Stage:
    from yeongilman.programs.services.stages import first_stage

    if stage is None:
        first_stage(call)  # a call made without stages gets its first one now
        stage = selectors.current_stage(call)
    if stage.call_id != call.pk:
        raise ValidationFailed(_("The stage is not one of this call's."))
    stage.call = call
    return stage


@transaction.atomic
def reviewers_assign(*, actor: AnyUser, call: Call, stage: Stage | None = None) -> Assignment:
    """Give every application of the stage (the current one by default) the stage's number of
    reviewers from the stage's pool, balancing loads and skipping conflicts; existing
    assignments are kept."""
    user = require_operator(actor)
    stage = _stage_to_work_on(call, stage)
    if stage.advanced_at:
        raise ValidationFailed(_("This stage has been advanced: its reviews are closed."))
    pool = list(selectors.stage_pool(stage))
    if not pool:
        raise ValidationFailed(_("Add reviewers to the stage's pool first."))
    # Nobody has gone past a stage that is not advanced, so these are the ones in it now.
    submitted = list(call.applications.filter(selectors.entered_stage_q(stage)))
    industries = industries_of_applicants(call)
    conflicts = conflict_pairs(call, stage=stage)
    existing = set(
        Review.objects.filter(selectors.of_stage_q(stage), application__call=call).values_list(
            "application_id", "reviewer_id"
        )
    )
    # An assignment that has become a conflict (a declaration since) is dropped unless scored.
    # One delete per 200 such pairs, not one per pair.
    stale = sorted(p for p in existing if p in conflicts)
    for start in range(0, len(stale), 200):
        pairs = Q()
        for app_id, reviewer_id in stale[start : start + 200]:
            pairs |= Q(application_id=app_id, reviewer_id=reviewer_id)
        Review.objects.filter(selectors.of_stage_q(stage), pairs,
                              submitted_at__isnull=True).delete()  # fmt: skip
    profiles = dict(
        ReviewerProfile.objects.filter(user_id__in=[r.user_id for r in pool]).values_list(
            "user_id", "expertise"
        )
    )
    problem = AssignmentProblem(
        applications=[a.pk for a in submitted],
        reviewers=[r.user_id for r in pool],
        per_application=stage.per_application,
        conflicts=frozenset(conflicts),
        kept=frozenset(existing - conflicts),
        application_industries={
            a.pk: frozenset(industries.get(a.organisation_id, ())) for a in submitted
        },
        # The pool entry's industries for this call, and those the reviewer's profile carries.
        reviewer_expertise={
            r.user_id: frozenset(r.expertise) | frozenset(profiles.get(r.user_id, ())) for r in pool
        },
    )
    result = assign_reviewers(problem)
    new = [p for p in result.pairs if p not in existing]
    Review.objects.bulk_create(
        [Review(application_id=int(str(a)), reviewer_id=int(str(r)), stage=stage) for a, r in new],
        ignore_conflicts=True,
    )
    audit_record(actor=user, action="reviewers_assigned", subject=call, scope=f"call:{call.pk}",
                 stage=str(stage.name), new_assignments=len(new), applications=len(submitted),
                 short=len(result.missing))  # fmt: skip
    return result


@transaction.atomic
def conflict_declare(*, actor: AnyUser, review: Review, reason: str = "") -> Conflict:
    """The reviewer declares a conflict with the applicant: the assignment is removed (if not
    yet scored) and another reviewer from the pool takes it over."""
    user = require_user(actor)
    if review.reviewer_id != user.pk:
        raise ValidationFailed(_("Only the assigned reviewer can declare a conflict."))
    application = review.application
    conflict, _new = Conflict.objects.get_or_create(
        reviewer=user, organisation_id=application.organisation_id,
        defaults={"reason": reason[:300]},
    )  # fmt: skip
    stage = review.stage or _stage_to_work_on(application.call, None)
    # Each entry names its stage, so the call's audit log reads per stage.
    audit_record(actor=user, action="conflict_declared", subject=application,
                 scope=f"call:{application.call_id}", stage=str(stage.name),
                 reason=reason[:300])  # fmt: skip
    review.delete()
    _reassign_one(application, stage)
    return conflict


def _reassign_one(application: Application, stage: Stage) -> None:
    call = application.call
    stage.call = call
    in_stage = selectors.of_stage_q(stage)
    taken = set(application.reviews.filter(in_stage).values_list("reviewer_id", flat=True))
    blocked = {r for _a, r in conflict_pairs(call, application, stage)}
    missing = stage.per_application - len(taken)
    if missing <= 0:
        return
    loads = {
        row["reviewer_id"]: row["n"]
        for row in Review.objects.filter(in_stage, application__call=call)
        .values("reviewer_id")
        .annotate(n=Count("id"))
    }
    candidates = sorted(
        (u for u in selectors.stage_pool(stage).values_list("user_id", flat=True)
         if u not in taken and u not in blocked),
        key=lambda u: (loads.get(u, 0), u),
    )  # fmt: skip
    for reviewer_id in candidates[:missing]:
        Review.objects.create(application=application, reviewer_id=reviewer_id, stage=stage)


@transaction.atomic
def review_save(
    *, actor: AnyUser, review: Review, scores: dict[str, Any], comment: str, submit: bool
) -> Review:
    """Save scores (each within its criterion's range) and the comment; `submit` makes it
    count in the ranking. Changes are possible until the results are published."""
    user = require_user(actor)
    if review.reviewer_id != user.pk:
        raise ValidationFailed(_("This is not your review."))
    call = review.application.call
    if call.results_published_at:
        raise ValidationFailed(_("The results are published: reviews are closed."))
    stage = review.stage or selectors.stages_of(call)[0]
    stage.call = call
    if stage.advanced_at:
        raise ValidationFailed(_("This stage has been advanced: its reviews are closed."))
    criteria = list(selectors.stage_criteria(stage))
    clean: dict[str, int] = {}
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        key = str(criterion.pk)
        raw = scores.get(key)
        if raw in (None, ""):
            if submit:
                errors[key] = [_("Give a score.")]
            continue
        try:
            value = int(str(raw))
        except ValueError:
            errors[key] = [_("Enter a whole number.")]
            continue
        if not criterion.min_score <= value <= criterion.max_score:
            errors[key] = [
                _("Between %(low)s and %(high)s.")
                % {"low": criterion.min_score, "high": criterion.max_score}
            ]
            continue
        clean[key] = value
    if errors:
        raise ValidationFailed(_("Some scores are missing or out of range."), field_errors=errors)
    review.scores, review.comment = clean, comment[:5000]
    fields = ["scores", "comment", "updated_at"]
    if submit and not review.submitted_at:
        review.submitted_at = timezone.now()
        fields.append("submitted_at")
    review.save(update_fields=fields)
    if submit:
        audit_record(actor=user, action="review_submitted", subject=review.application,
                     scope=f"call:{call.pk}", reviewer=user.email,
                     stage=str(review.stage.name) if review.stage else "")  # fmt: skip
    return review


@transaction.atomic
def pool_set(
    *, actor: AnyUser, call: Call, entries: dict[int, list[str]], stage: Stage | None = None
) -> None:
    """Set a stage's reviewer pool (the current stage's by default): user id -> expertise
    (industry codes)."""
    user = require_operator(actor)
    stage = _stage_to_work_on(call, stage)
    selectors.stage_pool(stage).exclude(user_id__in=entries).delete()
    for user_id, expertise in entries.items():
        CallReviewer.objects.update_or_create(
            call=call, stage=stage, user_id=user_id,
            defaults={"expertise": sorted(set(expertise))},
        )  # fmt: skip
    audit_record(actor=user, action="reviewer_pool_set", subject=call, scope=f"call:{call.pk}",
                 stage=str(stage.name), reviewers=len(entries))  # fmt: skip
