"""Writes to applications: start, save a draft, upload, submit, withdraw. Deadlines are
checked here, on the server, to the second."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, member_organisation_ids, require_user
from yeongilman.accounts.models import User
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.documents import check_document
from yeongilman.core.errors import Conflict, DomainError, PermissionDenied, ValidationFailed
from yeongilman.directory.models import Organisation
from yeongilman.outbox.services import mail_on_commit
from yeongilman.programs.answers import draft_answers, submission_errors
from yeongilman.programs.eligibility import ineligibility_reasons
from yeongilman.programs.models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    Call,
    FieldKind,
    Outcome,
)


class CallClosed(DomainError):
    """The call does not take applications now."""

    status_code = 409


def _scope(application: Application) -> str:
    return f"call:{application.call_id}"


def _require_open(call: Call, now: datetime) -> None:
    if now < call.opens_at:
        raise CallClosed(_("This call has not opened yet."))
    if now >= call.closes_at or not call.is_published:
        raise CallClosed(_("The deadline of this call has passed."))
    if call.closed_early_at is not None:
        raise CallClosed(_("This call was closed early: it takes no more applications."))


@transaction.atomic
def application_start(
    *, actor: AnyUser, call: Call, organisation: Organisation, now: datetime | None = None
) -> Application:
    """Open the organisation's application to the call (one per organisation), as a draft."""
    user = require_user(actor)
    now = now or timezone.now()
    if organisation.pk not in member_organisation_ids(user):
        raise PermissionDenied(_("You can apply only on behalf of your own organisation."))
    _require_open(call, now)
    reasons = ineligibility_reasons(call, organisation, now)
    if reasons:
        raise ValidationFailed(_("Not eligible: %(reasons)s") % {"reasons": " ".join(reasons)})
    existing = (
        Application.objects.select_for_update().filter(call=call, organisation=organisation).first()
    )
    if existing is not None:
        if existing.status == ApplicationStatus.WITHDRAWN:
            existing.status, existing.withdrawn_at = ApplicationStatus.DRAFT, None
            existing.save(update_fields=["status", "withdrawn_at", "updated_at"])
            audit_record(actor=user, action="application_reopened", subject=existing,
                         scope=_scope(existing))  # fmt: skip
        return existing
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call, organisation=organisation, created_by=user
            )
    except IntegrityError:  # a colleague started it at the same moment
        return Application.objects.get(call=call, organisation=organisation)
    audit_record(actor=user, action="application_started", subject=application,
                 scope=_scope(application), organisation=str(organisation))  # fmt: skip
    return application


def _require_member(user: User, application: Application, message: str) -> None:
    if application.organisation_id not in member_organisation_ids(user):
        raise PermissionDenied(message)


def _require_draft(application: Application, now: datetime) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationFailed(_("Only a draft can be changed."))
    _require_open(application.call, now)


@transaction.atomic
def application_save_draft(
    *, actor: AnyUser, application: Application, answers: dict[str, Any],
    now: datetime | None = None,
) -> Application:  # fmt: skip
    """Keep the answers as typed (checked only at submission); unknown keys are ignored."""
    user = require_user(actor)
    _require_member(user, application, _("Only the applying organisation's members may change it."))
    _require_draft(application, now or timezone.now())
    fields = list(application.call.fields.all())
    application.answers = {**application.answers, **draft_answers(fields, answers)}
    application.save(update_fields=["answers", "updated_at"])
    return application


@transaction.atomic
def application_upload(
    *, actor: AnyUser, application: Application, field_key: str, upload: UploadedFile,
    now: datetime | None = None,
) -> ApplicationFile:  # fmt: skip
    """Store a file for a file question after checking its type and size; replaces the
    previous file of that question."""
    user = require_user(actor)
    _require_member(user, application, _("Only the applying organisation's members may change it."))
    _require_draft(application, now or timezone.now())
    field = application.call.fields.filter(
        key=field_key, kind=FieldKind.FILE, retired=False
    ).first()
    if field is None:
        raise ValidationFailed(_("This question does not take a file."))
    document = check_document(
        upload, field=field_key, allowed=field.allowed_types, max_mb=field.max_size_mb
    )
    name = document.name
    old = ApplicationFile.objects.filter(application=application, field_key=field_key).first()
    if old is not None:
        stale = old.file.name
        old.delete()
        transaction.on_commit(lambda: old.file.storage.delete(stale))
    stored = ApplicationFile(
        application=application, field_key=field_key, original_name=name,
        size=document.size, uploaded_by=user,
    )  # fmt: skip
    stored.file.save(name, upload, save=False)
    stored.save()
    application.save(update_fields=["updated_at"])
    return stored


@transaction.atomic
def application_submit(
    *, actor: AnyUser, application: Application, now: datetime | None = None
) -> Application:
    """Submit a complete draft before the deadline; mails a confirmation. Submitting again (a
    double click, two tabs) is refused: the first submission holds the row."""
    user = require_user(actor)
    # The call first (it issues the receipt number), as every writer that holds both does.
    lock_for_change(application.call)
    lock_for_change(application)
    _require_member(user, application, _("Only the applying organisation's members may submit it."))
    now = now or timezone.now()
    if application.status == ApplicationStatus.SUBMITTED:
        raise Conflict(_("This application has already been submitted."))
    _require_draft(application, now)
    fields = list(application.call.fields.all())
    file_keys = set(application.files.values_list("field_key", flat=True))
    errors = submission_errors(fields, application.answers, file_keys)
    if errors:
        raise ValidationFailed(_("Some answers are missing or invalid."), field_errors=errors)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at, application.submitted_by = now, user
    if not application.receipt_number:  # a resubmission after withdrawing keeps its number
        application.receipt_number = _next_receipt_number(application.call)
    application.save(update_fields=["status", "submitted_at", "submitted_by", "receipt_number",
                                    "updated_at"])  # fmt: skip
    audit_record(actor=user, action="application_submitted", subject=application,
                 scope=_scope(application),
                 receipt_number=application.receipt_number)  # fmt: skip
    mail_on_commit(
        [user],
        gettext_noop("Your application has been submitted"),
        "programs/email/submitted.txt",
        {"application": application},
    )
    return application


def _next_receipt_number(call: Call) -> str:
    """The call's next receipt number, e.g. 0007-00012. The call's row is held until the
    submission commits, so two submissions at once never get the same number."""
    lock_for_change(call)
    call.receipts_issued += 1
    Call.objects.filter(pk=call.pk).update(receipts_issued=call.receipts_issued)
    return f"{call.pk:04d}-{call.receipts_issued:05d}"


@transaction.atomic
def application_withdraw(
    *, actor: AnyUser, application: Application, now: datetime | None = None
) -> Application:
    """Withdraw a draft or submitted application before the deadline (once)."""
    user = require_user(actor)
    lock_for_change(application)
    _require_member(
        user, application, _("Only the applying organisation's members may withdraw it.")
    )
    now = now or timezone.now()
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    # Once the results are out, a selected organisation holds a place (and perhaps a stand):
    # giving it up goes through the operators. Before, the selection is provisional and unseen.
    if application.outcome == Outcome.SELECTED and application.call.results_published_at:
        raise Conflict(
            _(
                "This application is selected: only the programme's operators can withdraw it. "
                "Write to them (the call page names the contact)."
            )
        )
    if now >= application.call.closes_at or application.call.closed_early_at is not None:
        raise CallClosed(_("The deadline has passed: the application can no longer be withdrawn."))
    before = application.status
    application.status, application.withdrawn_at = ApplicationStatus.WITHDRAWN, now
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_record(actor=user, action="application_withdrawn", subject=application,
                 scope=_scope(application), previous=before)  # fmt: skip
    return application
