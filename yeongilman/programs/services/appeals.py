"""Writes to appeals: an applicant stopped by a stage appeals within the stage's window (one
appeal per applicant and stage, with text and files); an operator upholds it (the applicant
then passes the stage: goes on to the next one, or is selected on the last) or rejects it
(nothing changes). Every step is audited; the decision is mailed in the applicant's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import Membership
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.documents import check_document
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.events.services import exhibitor_ensure
from yeongilman.outbox.services import mail_on_commit
from yeongilman.programs import selectors
from yeongilman.programs.models import (
    Appeal,
    AppealFile,
    AppealStatus,
    Application,
    Outcome,
    Stage,
    StageDecision,
)

# What an appeal may attach (each checked by name and first bytes: core.documents).
APPEAL_TYPES = ("pdf", "hwp", "hwpx", "jpg", "jpeg", "png")
MAX_FILE_MB = 10
MAX_FILES = 5
MAX_TEXT = 5000


def stage_results_out(stage: Stage) -> datetime | None:
    """When the stage's results reached its applicants (advanced, or on the last stage the
    call's results published); None while they have not."""
    if stage.advanced_at:
        return stage.advanced_at
    if selectors.is_last_stage(stage):
        return stage.call.results_published_at
    return None


def stopped_by(stage: Stage, application: Application) -> bool:
    """Whether the stage's result stopped the application (the one result one may appeal)."""
    if selectors.is_last_stage(stage) and stage.advanced_at is None:
        return (
            bool(stage.call.results_published_at)
            and application.outcome == Outcome.NOT_SELECTED
            and selectors.in_stage(stage).filter(pk=application.pk).exists()
        )
    return StageDecision.objects.filter(
        stage=stage, application=application, advances=False
    ).exists()


def appeal_refusal(stage: Stage, application: Application, now: datetime | None = None) -> str:
    """Why the application cannot appeal the stage now ('' when it can)."""
    now = now or timezone.now()
    if stage_results_out(stage) is None:
        return _("The results of this stage are not out yet.")
    if not stopped_by(stage, application):
        return _("Only an applicant the stage did not pass can appeal its result.")
    if stage.appeals_close_at is None:
        return _("This stage takes no appeals.")
    if now >= stage.appeals_close_at:
        return _("The appeal window of this stage has closed.")
    if Appeal.objects.filter(stage=stage, application=application).exists():
        return _("This application has already appealed the result of this stage.")
    return ""


def _check_files(files: Sequence[UploadedFile]) -> list[tuple[str, UploadedFile]]:
    if len(files) > MAX_FILES:
        raise ValidationFailed(
            _("Attach at most %(n)s files.") % {"n": MAX_FILES},
            field_errors={"files": [_("Too many files.")]},
        )
    checked = []
    for upload in files:
        document = check_document(upload, field="files", allowed=APPEAL_TYPES, max_mb=MAX_FILE_MB)
        checked.append((document.name, upload))
    return checked


def appeal_create(
    *, actor: AnyUser, stage: Stage, application: Application, text: str,
    files: Sequence[UploadedFile] = (), now: datetime | None = None,
) -> Appeal:  # fmt: skip
    """Appeal the stage's result for the application, within the stage's window; a second
    appeal, a late one or a bad file is refused and nothing is kept."""
    user = require_user(actor)
    if not Membership.objects.filter(
        user=user, organisation_id=application.organisation_id
    ).exists():
        raise PermissionDenied(_("Only the applying organisation's members may appeal."))
    if application.call_id != stage.call_id:
        raise ValidationFailed(_("The application is not in this call."))
    text = text.strip()
    if not text:
        raise ValidationFailed(
            _("Say why the result should change."),
            field_errors={"text": [_("This field is required.")]},
        )
    checked = _check_files(files)
    stored: list[str] = []
    try:
        with transaction.atomic():
            lock_for_change(application)
            stage.refresh_from_db(fields=["advanced_at", "appeals_close_at"])
            if Appeal.objects.filter(stage=stage, application=application).exists():
                raise Conflict(_("This application has already appealed the result of this stage."))
            refusal = appeal_refusal(stage, application, now)
            if refusal:
                raise ValidationFailed(refusal)
            try:
                with transaction.atomic():
                    appeal = Appeal.objects.create(
                        stage=stage, application=application, text=text[:MAX_TEXT],
                        created_by=user,
                    )  # fmt: skip
            except IntegrityError:  # another request of the same applicant won the race
                raise Conflict(
                    _("This application has already appealed the result of this stage.")
                ) from None
            for name, upload in checked:
                row = AppealFile(appeal=appeal, original_name=name, size=upload.size or 0)
                row.file.save(name, upload, save=False)
                stored.append(row.file.name)
                row.save()
            audit_record(actor=user, action="appeal_made", subject=application,
                         scope=f"call:{stage.call_id}", stage=str(stage.name),
                         files=len(checked))  # fmt: skip
    except Exception:
        # The database rolled back; the files written to storage go too (nothing half-done).
        for name in stored:
            AppealFile.file.field.storage.delete(name)
        raise
    return appeal


@transaction.atomic
def appeal_decide(*, actor: AnyUser, appeal: Appeal, uphold: bool, reason: str) -> Appeal:
    """Uphold (the applicant passes the stage: into the next stage, or selected on the last)
    or reject (nothing changes) an appeal, with the reason; audited and mailed."""
    user = require_operator(actor)
    application = appeal.application
    stage = appeal.stage
    call = stage.call
    lock_for_change(call)
    lock_for_change(appeal)
    lock_for_change(application)
    if appeal.status != AppealStatus.PENDING:
        raise Conflict(_("This appeal has already been decided."))
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(
            _("Give the reason for the decision."),
            field_errors={"reason": [_("This field is required.")]},
        )
    effect = ""
    if uphold:
        effect = _uphold(stage, application, reason)
    appeal.status = AppealStatus.UPHELD if uphold else AppealStatus.REJECTED
    appeal.decision_reason, appeal.decided_by = reason[:2000], user
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["status", "decision_reason", "decided_by", "decided_at",
                               "updated_at"])  # fmt: skip
    audit_record(actor=user, action=f"appeal_{appeal.status}", subject=application,
                 scope=f"call:{call.pk}", stage=str(stage.name), reason=reason,
                 effect=effect or "none")  # fmt: skip
    recipients = [
        m.user for m in Membership.objects.filter(
            organisation_id=application.organisation_id, user__is_active=True
        ).select_related("user")
    ]  # fmt: skip
    mail_on_commit(
        recipients,
        gettext_noop("The decision on your appeal"),
        "programs/email/appeal_decided.txt",
        {
            "appeal": appeal,
            "application": application,
            "call": call,
            "stage": stage,
            "upheld": uphold,
            "effect": effect,
        },  # fmt: skip
    )
    return appeal


def _uphold(stage: Stage, application: Application, reason: str) -> str:
    """Change the application's result of the stage; returns what changed (for the log)."""
    stages = list(stage.call.stages.order_by("position"))
    i = next(n for n, s in enumerate(stages) if s.pk == stage.pk)
    note = _("Appeal upheld: %(reason)s") % {"reason": reason}
    if i + 1 >= len(stages):
        application.outcome, application.outcome_reason = Outcome.SELECTED, note[:2000]
        application.save(update_fields=["outcome", "outcome_reason", "updated_at"])
        if stage.call.event_id:
            exhibitor_ensure(
                event_id=stage.call.event_id, organisation_id=application.organisation_id
            )
        return "selected"
    following = stages[i + 1]
    if following.advanced_at:
        raise ValidationFailed(
            _("The next stage has already been advanced: the applicant can no longer join it.")
        )
    StageDecision.objects.update_or_create(
        stage=stage, application=application, defaults={"advances": True, "reason": note[:2000]}
    )
    application.stage, application.outcome = following, Outcome.PENDING
    application.save(update_fields=["stage", "outcome", "updated_at"])
    return "advanced"


@transaction.atomic
def appeal_window_set(*, actor: AnyUser, stage: Stage, closes_at: datetime | None) -> Stage:
    """Set until when applicants the stage stopped may appeal (None: no appeals); it may be
    set or moved after the results, which is when appeals are made."""
    user = require_operator(actor)
    lock_for_change(stage)
    stage.appeals_close_at = closes_at
    stage.save(update_fields=["appeals_close_at"])
    audit_record(actor=user, action="appeal_window_set", subject=stage.call,
                 scope=f"call:{stage.call_id}", stage=str(stage.name),
                 closes_at=closes_at.isoformat() if closes_at else None)  # fmt: skip
    return stage
