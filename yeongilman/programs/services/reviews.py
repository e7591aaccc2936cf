"""Writes to reviews: assignment without conflicts of interest, declared conflicts, scores."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import Membership
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import ValidationFailed
from yeongilman.programs.assignment import Assignment, AssignmentProblem, assign_reviewers
from yeongilman.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    CallReviewer,
    Conflict,
    Review,
)
from yeongilman.programs.selectors import industries_of_applicants


def conflict_pairs(call: Call, application: Application | None = None) -> set[tuple[int, int]]:
    """(application, reviewer) pairs that must never meet: the reviewer is a member of the
    applicant, or declared a conflict with it. For one application when one is given."""
    submitted = call.applications.filter(status=ApplicationStatus.SUBMITTED)
    if application is not None:
        submitted = submitted.filter(pk=application.pk)
    applications = dict(submitted.values_list("organisation_id", "pk"))
    reviewer_ids = list(call.reviewer_pool.values_list("user_id", flat=True))
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


@transaction.atomic
def reviewers_assign(*, actor: AnyUser, call: Call) -> Assignment:
    """Give every submitted application the call's number of reviewers from its pool,
    balancing loads and skipping conflicts; existing assignments are kept."""
    user = require_operator(actor)
    pool = list(call.reviewer_pool.all())
    if not pool:
        raise ValidationFailed(_("Add reviewers to the call's pool first."))
    submitted = list(call.applications.filter(status=ApplicationStatus.SUBMITTED))
    industries = industries_of_applicants(call)
    conflicts = conflict_pairs(call)
    existing = set(
        Review.objects.filter(application__call=call).values_list("application_id", "reviewer_id")
    )
    # An assignment that has become a conflict (a declaration since) is dropped unless scored.
    stale = [p for p in existing if p in conflicts]
    if stale:
        for app_id, reviewer_id in stale:
            Review.objects.filter(
                application_id=app_id, reviewer_id=reviewer_id, submitted_at__isnull=True
            ).delete()
    problem = AssignmentProblem(
        applications=[a.pk for a in submitted],
        reviewers=[r.user_id for r in pool],
        per_application=call.reviewers_per_application,
        conflicts=frozenset(conflicts),
        kept=frozenset(existing - conflicts),
        application_industries={
            a.pk: frozenset(industries.get(a.organisation_id, ())) for a in submitted
        },
        reviewer_expertise={r.user_id: frozenset(r.expertise) for r in pool},
    )
    result = assign_reviewers(problem)
    new = [p for p in result.pairs if p not in existing]
    Review.objects.bulk_create(
        [Review(application_id=int(str(a)), reviewer_id=int(str(r))) for a, r in new],
        ignore_conflicts=True,
    )
    audit_record(actor=user, action="reviewers_assigned", subject=call, scope=f"call:{call.pk}",
                 new_assignments=len(new), applications=len(submitted),
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
    audit_record(actor=user, action="conflict_declared", subject=application,
                 scope=f"call:{application.call_id}", reason=reason[:300])  # fmt: skip
    review.delete()
    _reassign_one(application)
    return conflict


def _reassign_one(application: Application) -> None:
    call = application.call
    taken = set(application.reviews.values_list("reviewer_id", flat=True))
    blocked = {r for _a, r in conflict_pairs(call, application)}
    missing = call.reviewers_per_application - len(taken)
    if missing <= 0:
        return
    loads = {
        row["reviewer_id"]: row["n"]
        for row in Review.objects.filter(application__call=call)
        .values("reviewer_id")
        .annotate(n=Count("id"))
    }
    candidates = sorted(
        (u for u in call.reviewer_pool.values_list("user_id", flat=True)
         if u not in taken and u not in blocked),
        key=lambda u: (loads.get(u, 0), u),
    )  # fmt: skip
    for reviewer_id in candidates[:missing]:
        Review.objects.create(application=application, reviewer_id=reviewer_id)


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
    criteria = list(call.criteria.all())
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
                     scope=f"call:{call.pk}", reviewer=user.email)  # fmt: skip
    return review


@transaction.atomic
def pool_set(*, actor: AnyUser, call: Call, entries: dict[int, list[str]]) -> None:
    """Set the call's reviewer pool: user id -> expertise (industry codes)."""
    user = require_operator(actor)
    CallReviewer.objects.filter(call=call).exclude(user_id__in=entries).delete()
    for user_id, expertise in entries.items():
        CallReviewer.objects.update_or_create(
            call=call, user_id=user_id, defaults={"expertise": sorted(set(expertise))}
        )
    audit_record(actor=user, action="reviewer_pool_set", subject=call, scope=f"call:{call.pk}",
                 reviewers=len(entries))  # fmt: skip
