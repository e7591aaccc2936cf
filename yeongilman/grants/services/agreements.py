"""Agreements with selected applicants: drafting, terms, required documents, sending, signed
copies, signing and cancelling (every change locked, checked and audited)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import PurePosixPath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import Membership, User
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.documents import check_document
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.grants import access
from yeongilman.grants.models import (
    Agreement,
    AgreementDocument,
    AgreementStatus,
    LetterKind,
)
from yeongilman.grants.services.letters import _send_letter
from yeongilman.outbox.services import mail_on_commit
from yeongilman.programs.models import Application, Outcome

MAX_PDF_MB = 10
REMIND_EVERY_DAYS = 7
AGREEMENT_FIELDS = (
    "amount_krw",
    "starts_on",
    "ends_on",
    "sign_by",
    "conditions_ko",
    "conditions_en",
)


def _scope(agreement: Agreement) -> str:
    return f"call:{agreement.call_id}"


def _check_terms(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    amount = values.get("amount_krw")
    if amount is None or amount <= 0:
        errors["amount_krw"] = [_("The amount must be positive.")]
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts is None or ends is None:
        errors["ends_on"] = [_("Give the start and the end of the period.")]
    elif ends < starts:
        errors["ends_on"] = [_("The period must end after it starts.")]
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)


@transaction.atomic
def agreement_draft(
    *, actor: AnyUser, application: Application, values: dict[str, Any]
) -> Agreement:
    """Draft the agreement with a selected application (one per application)."""
    user = require_operator(actor)
    lock_for_change(application)
    if Agreement.objects.filter(application=application).exists():
        raise Conflict(_("This application already has an agreement."))
    if application.outcome != Outcome.SELECTED:
        raise ValidationFailed(_("Only a selected application gets an agreement."))
    terms = {k: values.get(k) for k in AGREEMENT_FIELDS}
    _check_terms(terms)
    agreement = Agreement.objects.create(
        application=application,
        call_id=application.call_id,
        organisation_id=application.organisation_id,
        created_by=user,
        **{
            k: (v if v is not None else "") if k.startswith("conditions") else v
            for k, v in terms.items()
        },
    )
    audit_record(
        actor=user,
        action="agreement_drafted",
        subject=agreement,
        scope=_scope(agreement),
        amount_krw=agreement.amount_krw,
    )
    return agreement


OPEN = (AgreementStatus.DRAFTED, AgreementStatus.SENT, AgreementStatus.SIGNED)


def _lock_in(agreement: Agreement, statuses: Collection[str], refusal: str) -> None:
    """The guard of every change of an agreement: lock its row for the change, then refuse
    (Conflict, with `refusal`) unless its status is one of `statuses`."""
    lock_for_change(agreement)
    if agreement.status not in statuses:
        raise Conflict(refusal)


def _require_drafted(agreement: Agreement) -> None:
    _lock_in(
        agreement,
        [AgreementStatus.DRAFTED],
        _("Only a drafted agreement can be changed; this one is %(status)s.")
        % {"status": agreement.get_status_display()},
    )


@transaction.atomic
def agreement_update(*, actor: AnyUser, agreement: Agreement, values: dict[str, Any]) -> Agreement:
    """Change the terms of a drafted agreement (fields left out stay as they are)."""
    user = require_operator(actor)
    _require_drafted(agreement)
    changed = [k for k in AGREEMENT_FIELDS if k in values]
    terms = {k: values.get(k, getattr(agreement, k)) for k in AGREEMENT_FIELDS}
    _check_terms(terms)
    for name in changed:
        value = values[name]
        setattr(agreement, name, "" if value is None and name.startswith("conditions") else value)
    agreement.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=user,
        action="agreement_changed",
        subject=agreement,
        scope=_scope(agreement),
        fields=changed,
    )
    return agreement


@transaction.atomic
def agreement_delete(*, actor: AnyUser, agreement: Agreement) -> None:
    """Delete a drafted agreement (nothing was sent; a sent one is cancelled instead)."""
    user = require_operator(actor)
    _require_drafted(agreement)
    audit_record(actor=user, action="agreement_deleted", subject=agreement, scope=_scope(agreement))
    agreement.delete()


@transaction.atomic
def evaluators_set(*, actor: AnyUser, agreement: Agreement, users: list[User]) -> None:
    """Name the reviewers who may evaluate this agreement's reports."""
    operator = require_operator(actor)
    if any(not (u.is_reviewer or u.is_operator) for u in users):
        raise ValidationFailed(_("Only reviewers can evaluate reports."))
    agreement.evaluators.set(users)
    audit_record(
        actor=operator,
        action="evaluators_set",
        subject=agreement,
        scope=_scope(agreement),
        evaluators=[u.pk for u in users],
    )


@transaction.atomic
def document_require(
    *, actor: AnyUser, agreement: Agreement, name_ko: str = "", name_en: str = ""
) -> AgreementDocument:
    """Add a document the company must upload signed (before the agreement is signed)."""
    user = require_operator(actor)
    _lock_in(
        agreement,
        [AgreementStatus.DRAFTED, AgreementStatus.SENT],
        _("Documents can be required only before the agreement is signed."),
    )
    errors = one_language_errors("name", name_ko, name_en)
    if errors:
        raise ValidationFailed(errors["name_ko"][0], field_errors=errors)
    position = agreement.documents.count() + 1
    document = AgreementDocument.objects.create(
        agreement=agreement, position=position, name_ko=name_ko.strip(), name_en=name_en.strip()
    )
    audit_record(
        actor=user,
        action="document_required",
        subject=agreement,
        scope=_scope(agreement),
        document=str(document.name),
    )
    return document


def _members(agreement: Agreement) -> list[User]:
    return list(
        User.objects.filter(
            pk__in=Membership.objects.filter(organisation_id=agreement.organisation_id).values(
                "user_id"
            ),
            is_active=True,
        ).order_by("pk")
    )


@transaction.atomic
def agreement_send(*, actor: AnyUser, agreement: Agreement) -> Agreement:
    """Send a drafted agreement to the company (the agreement letter goes to its members)."""
    user = require_operator(actor)
    _require_drafted(agreement)
    agreement.status, agreement.sent_at = AgreementStatus.SENT, timezone.now()
    agreement.save(update_fields=["status", "sent_at", "updated_at"])
    audit_record(actor=user, action="agreement_sent", subject=agreement, scope=_scope(agreement))
    _send_letter(LetterKind.AGREEMENT, agreement.application, agreement, _members(agreement))
    return agreement


def _pdf_problem(upload: UploadedFile) -> str | None:
    """Why the upload is not a signed PDF within the limit (None when it is)."""
    try:
        check_document(upload, field="file", allowed=["pdf"], max_mb=MAX_PDF_MB)
    except ValidationFailed as refused:
        return refused.message
    return None


@transaction.atomic
def document_upload(
    *, actor: AnyUser, document: AgreementDocument, upload: UploadedFile
) -> AgreementDocument:
    """Store the company's signed copy (a PDF within the size limit); replaces an earlier one."""
    user = require_user(actor)
    agreement = document.agreement
    access.require_company(user, agreement)
    _lock_in(
        agreement,
        [AgreementStatus.SENT],
        _("Signed copies are uploaded while the agreement is out for signing."),
    )
    problem = _pdf_problem(upload)
    if problem:
        raise ValidationFailed(problem, field_errors={"file": [problem]})
    stale = document.file.name if document.file else ""
    name = PurePosixPath(upload.name or "").name[:200]
    document.file.save(name, upload, save=False)
    document.original_name, document.size = name, upload.size or 0
    document.uploaded_at, document.uploaded_by = timezone.now(), user
    document.save(
        update_fields=["file", "original_name", "size", "uploaded_at", "uploaded_by", "updated_at"]
    )
    if stale:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(stale))
    audit_record(
        actor=user,
        action="document_uploaded",
        subject=agreement,
        scope=_scope(agreement),
        document=document.pk,
        size=document.size,
    )
    return document


@transaction.atomic
def agreement_sign(*, actor: AnyUser, agreement: Agreement) -> Agreement:
    """Mark a sent agreement signed; refused while a required document is missing."""
    user = require_operator(actor)
    _lock_in(
        agreement,
        [AgreementStatus.SENT],
        _("Only an agreement sent for signing can be marked signed."),
    )
    missing = [str(d.name) for d in agreement.documents.all() if not d.is_uploaded]
    if missing:
        raise ValidationFailed(
            _("Signed copies are missing: %(names)s.") % {"names": ", ".join(missing)},
            field_errors={"documents": missing},
        )
    agreement.status, agreement.signed_at = AgreementStatus.SIGNED, timezone.now()
    agreement.save(update_fields=["status", "signed_at", "updated_at"])
    audit_record(actor=user, action="agreement_signed", subject=agreement, scope=_scope(agreement))
    return agreement


@transaction.atomic
def agreement_cancel(*, actor: AnyUser, agreement: Agreement, reason: str = "") -> Agreement:
    """Cancel an agreement in any state but cancelled; the reason is recorded."""
    user = require_operator(actor)
    _lock_in(agreement, OPEN, _("This agreement is already cancelled."))
    agreement.status, agreement.cancelled_at = AgreementStatus.CANCELLED, timezone.now()
    agreement.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit_record(
        actor=user,
        action="agreement_cancelled",
        subject=agreement,
        scope=_scope(agreement),
        reason=reason[:500],
    )
    return agreement


# Letters --------------------------------------------------------------------------------


# Reminders ------------------------------------------------------------------------------


def remind_missing_documents(today: dt.date | None = None) -> int:
    """Remind the company's members of signed copies still missing from agreements out for
    signing: at most once every REMIND_EVERY_DAYS days, so a second run the same day sends
    nothing. Returns the number of agreements reminded."""
    today = today or timezone.localdate()
    due = (
        Agreement.objects.filter(
            status=AgreementStatus.SENT,
            documents__file="",
        )
        .exclude(reminded_on__gt=today - dt.timedelta(days=REMIND_EVERY_DAYS))
        .select_related("call", "organisation")
        .distinct()
    )
    reminded = 0
    for agreement in due:
        with transaction.atomic():
            # Claimed first: two workers running at once remind once.
            claimed = (
                Agreement.objects.filter(pk=agreement.pk)
                .exclude(reminded_on__gt=today - dt.timedelta(days=REMIND_EVERY_DAYS))
                .update(reminded_on=today)
            )
            if not claimed:
                continue
            missing = [d for d in agreement.documents.all() if not d.is_uploaded]
            mail_on_commit(
                _members(agreement),
                gettext_noop("Signed documents are missing"),
                "grants/email/documents_missing.txt",
                {"agreement": agreement, "missing": missing},
            )
            reminded += 1
    return reminded
