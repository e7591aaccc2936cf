"""Writes to review stages: add, change and order stages, decide by hand, and advance a
stage (its ranked survivors, by the cut-off and the decisions by hand, go on to the next
stage; every applicant of the stage gets a letter in their language)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.accounts.models import Membership, User
from yeongilman.core.audit import audit_record, audit_record_many
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.outbox.services import mail_on_commit
from yeongilman.programs import selectors
from yeongilman.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    CallReviewer,
    Criterion,
    CutOff,
    Outcome,
    Review,
    Stage,
    StageDecision,
)
from yeongilman.programs.services import readiness

STAGE_FIELDS = (
    "name_ko", "name_en", "reviewers_per_application", "blind_review", "cutoff", "cutoff_top",
    "cutoff_score", "starts_at", "ends_at", "appeals_close_at",
)  # fmt: skip


def first_stage(call: Call) -> Stage:
    """The call's first stage, made (following the call's settings) if it has none; rows
    without a stage are given it, so they are counted once from then on."""
    stage = call.stages.order_by("position").first()
    if stage is not None:
        return stage
    stage, created = Stage.objects.get_or_create(
        call=call, position=1, defaults={"name_ko": "심사", "name_en": "Review"}
    )
    if created:
        CallReviewer.objects.filter(call=call, stage__isnull=True).update(stage=stage)
        Criterion.objects.filter(call=call, stage__isnull=True).update(stage=stage)
        Review.objects.filter(application__call=call, stage__isnull=True).update(stage=stage)
    return stage


def _check(values: dict[str, Any]) -> None:
    errors = one_language_errors("name", values.get("name_ko"), values.get("name_en"))
    cutoff = values.get("cutoff", CutOff.TOP)
    if cutoff not in CutOff.values:
        errors["cutoff"] = [_("Choose how the stage is cut off.")]
    if cutoff == CutOff.TOP and values.get("cutoff_top") is None:
        errors["cutoff_top"] = [_("Say how many applications advance.")]
    score = values.get("cutoff_score")
    if cutoff == CutOff.SCORE and (score is None or not 0 <= score <= 100):
        errors["cutoff_score"] = [_("Give a score between 0 and 100.")]
    per = values.get("reviewers_per_application")
    if per is not None and not 1 <= per <= 20:
        errors["reviewers_per_application"] = [_("Between 1 and 20 reviewers.")]
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends <= starts:
        errors["ends_at"] = [_("The stage must end after it starts.")]
    if errors:
        raise ValidationFailed(_("The stage was not saved."), field_errors=errors)


@transaction.atomic
def stage_save(
    *, actor: AnyUser, call: Call, values: dict[str, Any], stage: Stage | None = None
) -> Stage:
    """Add a stage at the end of the call's stages, or change one not yet advanced."""
    user = require_operator(actor)
    lock_for_change(call)
    if call.results_published_at:
        raise ValidationFailed(_("The results are published: the stages can no longer change."))
    values = {k: v for k, v in values.items() if k in STAGE_FIELDS}
    if stage is not None:
        lock_for_change(stage)
        if stage.advanced_at:
            raise Conflict(_("This stage has been advanced: it can no longer change."))
        merged = {f: getattr(stage, f) for f in STAGE_FIELDS}
        merged.update(values)
        _check(merged)
    else:
        _check(values)
        first_stage(call)  # a call made before stages keeps its first stage in front
        last = call.stages.order_by("-position").values_list("position", flat=True).first()
        stage = Stage(call=call, position=(last or 0) + 1)
    created = stage.pk is None
    for name, value in values.items():
        setattr(stage, name, value)
    stage.save()
    audit_record(actor=user, action="stage_added" if created else "stage_changed",
                 subject=call, scope=f"call:{call.pk}", stage=str(stage.name),
                 fields=sorted(values))  # fmt: skip
    return stage


@transaction.atomic
def stage_move(*, actor: AnyUser, stage: Stage, step: int) -> None:
    """Move a stage earlier (step -1) or later (+1); only stages that have not begun (no
    reviews, not advanced) change places."""
    user = require_operator(actor)
    call = stage.call
    lock_for_change(call)
    ordered = list(call.stages.order_by("position", "id"))
    i = next(n for n, s in enumerate(ordered) if s.pk == stage.pk)
    j = max(0, min(len(ordered) - 1, i + step))
    if i == j:
        return
    for moved in (ordered[i], ordered[j]):
        if moved.advanced_at or moved.reviews.exists():
            raise ValidationFailed(_("A stage that has begun keeps its place."))
    ordered.insert(j, ordered.pop(i))
    # Two passes: positions are unique per call, so the rows step aside first.
    for item in ordered:
        Stage.objects.filter(pk=item.pk).update(position=item.position + 1000)
    for position, item in enumerate(ordered, start=1):
        Stage.objects.filter(pk=item.pk).update(position=position)
    audit_record(actor=user, action="stage_moved", subject=call, scope=f"call:{call.pk}",
                 stage=str(stage.name), step=step)  # fmt: skip


def _current_stage_of(application: Application) -> int:
    return application.stage.position if application.stage_id and application.stage else 1


@transaction.atomic
def stage_decide(
    *, actor: AnyUser, stage: Stage, application: Application, advance: bool | None, reason: str
) -> Application:
    """Decide by hand whether an application passes the stage (the reason is required and
    kept), or give it back to the ranking (`advance` None). On the last stage this is the
    selection by hand."""
    from yeongilman.programs.services.selection import selection_override

    require_operator(actor)
    if application.call_id != stage.call_id:
        raise ValidationFailed(_("The application is not in this call."))
    if selectors.is_last_stage(stage):
        outcome = {True: Outcome.SELECTED, False: Outcome.NOT_SELECTED, None: Outcome.PENDING}
        return selection_override(actor=actor, application=application,
                                  outcome=outcome[advance], reason=reason)  # fmt: skip
    user = require_operator(actor)
    lock_for_change(stage.call)
    lock_for_change(stage)
    lock_for_change(application)
    if stage.advanced_at:
        raise Conflict(_("This stage has been advanced: its decisions are final."))
    if (
        application.status != ApplicationStatus.SUBMITTED
        or _current_stage_of(application) != stage.position
    ):
        raise ValidationFailed(_("The application is not in this stage."))
    reason = reason.strip()
    if advance is not None and not reason:
        raise ValidationFailed(
            _("Give the reason for a decision by hand."),
            field_errors={"reason": [_("This field is required.")]},
        )
    if advance is None:
        StageDecision.objects.filter(stage=stage, application=application).delete()
    else:
        StageDecision.objects.update_or_create(
            stage=stage, application=application,
            defaults={"advances": advance, "reason": reason[:2000]},
        )  # fmt: skip
    audit_record(actor=user, action="stage_decided", subject=application,
                 scope=f"call:{stage.call_id}", stage=str(stage.name), by="hand",
                 advances=advance, reason=reason)  # fmt: skip
    return application


@dataclass(frozen=True)
class Advancement:
    """What advancing a stage did: who went on, who did not, letters sent."""

    advanced: list[int]
    stopped: list[int]
    letters: int


@transaction.atomic
def stage_advance(
    *, actor: AnyUser, stage: Stage, close_early_reason: str = "", waive_reviews_reason: str = ""
) -> Advancement:
    """Close the stage: its ranked survivors (cut-off and decisions by hand, as previewed) go on
    to the next stage, the others are not selected; every applicant of the stage gets a letter
    in their language. Advancing twice at once advances once: the second waits for the call's
    row, then is refused, and nothing of it is written."""
    user = require_operator(actor)
    call = stage.call
    lock_for_change(call)
    lock_for_change(stage)
    if stage.advanced_at:
        raise Conflict(_("This stage has already been advanced."))
    if call.results_published_at:
        raise ValidationFailed(_("The results are already published."))
    stages = list(call.stages.order_by("position"))
    i = next(n for n, s in enumerate(stages) if s.pk == stage.pk)
    if i + 1 >= len(stages):
        raise ValidationFailed(_("The last stage ends in the selection: publish the results."))
    if any(s.advanced_at is None for s in stages[:i]):
        raise ValidationFailed(_("Advance the earlier stages first."))
    following = stages[i + 1]
    rows = selectors.advancement_preview(stage)
    applications = {
        a.pk: a for a in selectors.in_stage(stage).select_related("organisation")
        if _current_stage_of(a) == stage.position
    }  # fmt: skip
    readiness.require_ready(
        user=user, stage=stage, applications=list(applications.values()),
        close_early_reason=close_early_reason, waive_reviews_reason=waive_reviews_reason,
    )  # fmt: skip
    advanced, stopped = [], []
    hand = {d.application_id for d in StageDecision.objects.filter(stage=stage) if d.by_hand}
    StageDecision.objects.filter(stage=stage).exclude(application_id__in=hand).delete()
    decisions, entries = [], []
    now = timezone.now()
    for row in rows:
        application = applications.get(row.application)
        if application is None:
            continue
        if row.application not in hand:
            decisions.append(
                StageDecision(stage=stage, application=application, advances=row.advances)
            )
        if row.advances:
            application.stage = following
            advanced.append(application.pk)
        else:
            application.stage, application.outcome = stage, Outcome.NOT_SELECTED
            stopped.append(application.pk)
        application.updated_at = now
        entries.append((
            "stage_passed" if row.advances else "stage_not_passed", application,
            {"stage": str(stage.name), "by": "hand" if row.by_hand else "ranking"},
        ))  # fmt: skip
    StageDecision.objects.bulk_create(decisions, batch_size=500)
    # Two updates (those going on, those stopped), not one CASE per row: all rows of a group
    # get the same values.
    for ids, values in (
        (advanced, {"stage": following, "updated_at": now}),
        (stopped, {"stage": stage, "outcome": Outcome.NOT_SELECTED, "updated_at": now}),
    ):
        for start in range(0, len(ids), 500):
            Application.objects.filter(pk__in=ids[start : start + 500]).update(**values)
    audit_record_many(actor=user, scope=f"call:{call.pk}", entries=entries)
    stage.advanced_at = timezone.now()
    stage.save(update_fields=["advanced_at"])
    letters = _letters(call, stage, following, [applications[pk] for pk in advanced + stopped])
    audit_record(actor=user, action="stage_advanced", subject=call, scope=f"call:{call.pk}",
                 stage=str(stage.name), advanced=len(advanced), stopped=len(stopped),
                 letters=letters)  # fmt: skip
    return Advancement(sorted(advanced), sorted(stopped), letters)


def _letters(call: Call, stage: Stage, following: Stage, applications: list[Application]) -> int:
    members: dict[int, list[User]] = {}
    for membership in Membership.objects.filter(
        organisation_id__in={a.organisation_id for a in applications}, user__is_active=True
    ).select_related("user"):
        members.setdefault(membership.organisation_id, []).append(membership.user)
    letters = 0
    for application in applications:
        recipients = members.get(application.organisation_id, [])
        mail_on_commit(
            recipients,
            gettext_noop("The result of a review stage"),
            "programs/email/stage_result.txt",
            {
                "application": application,
                "call": call,
                "stage": stage,
                "following": following,
                "advanced": application.stage_id == following.pk,
            },  # fmt: skip
        )
        letters += len(recipients)
    return letters
