"""Writes to agreements: draft, send, upload the signed copies, sign, cancel; milestones and
disbursements; reports (whose figures go to insights) and their evaluation; letters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import Membership, User
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.documents import check_document
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.core.i18n import one_language_errors, pick
from yeongilman.grants import access
from yeongilman.grants.letters import check_template, fill
from yeongilman.grants.models import (
    Agreement,
    AgreementDocument,
    AgreementStatus,
    EvaluationKind,
    LetterKind,
    LetterTemplate,
    Milestone,
    MilestoneReport,
    Verdict,
)
from yeongilman.insights import services as insights
from yeongilman.insights.models import Figure, RoundKind
from yeongilman.outbox.services import mail_address, mail_on_commit
from yeongilman.programs.models import Application, Call, Outcome

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


@transaction.atomic
def milestone_add(*, actor: AnyUser, agreement: Agreement, values: dict[str, Any]) -> Milestone:
    """Add a milestone inside the period; planned disbursements stay within the amount."""
    user = require_operator(actor)
    _lock_in(agreement, OPEN, _("This agreement is cancelled."))
    errors = one_language_errors("title", values.get("title_ko"), values.get("title_en"))
    due: dt.date = values["due_on"]
    if not agreement.starts_on <= due <= agreement.ends_on:
        errors["due_on"] = [_("The due date must fall within the agreement's period.")]
    amount = values.get("amount_krw") or 0
    planned = agreement.milestones.aggregate(total=Sum("amount_krw"))["total"] or 0
    if amount < 0:
        errors["amount_krw"] = [_("The amount cannot be negative.")]
    elif planned + amount > agreement.amount_krw:
        errors["amount_krw"] = [
            _("Planned disbursements would exceed the agreement's amount of %(amount)s KRW.")
            % {"amount": formats.number_format(agreement.amount_krw, force_grouping=True)}
        ]
    evaluation = values.get("evaluation") or EvaluationKind.NONE
    if evaluation not in EvaluationKind.values:
        errors["evaluation"] = [_("Unknown kind of evaluation.")]
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    milestone = Milestone.objects.create(
        agreement=agreement,
        position=agreement.milestones.count() + 1,
        title_ko=(values.get("title_ko") or "").strip(),
        title_en=(values.get("title_en") or "").strip(),
        due_on=due,
        amount_krw=amount,
        evaluation=evaluation,
    )
    audit_record(
        actor=user,
        action="milestone_added",
        subject=agreement,
        scope=_scope(agreement),
        milestone=milestone.pk,
        amount_krw=amount,
    )
    return milestone


@transaction.atomic
def milestone_disburse(
    *, actor: AnyUser, milestone: Milestone, amount_krw: int, on: dt.date | None = None
) -> Milestone:
    """Record the money paid for a milestone of a signed agreement whose support goes on."""
    user = require_operator(actor)
    agreement = milestone.agreement
    lock_for_change(agreement)
    if agreement.status != AgreementStatus.SIGNED or agreement.stopped_at:
        raise Conflict(_("Money is disbursed only under a signed agreement whose support goes on."))
    if amount_krw < 0:
        raise ValidationFailed(
            _("The amount cannot be negative."),
            field_errors={"amount_krw": [_("Cannot be negative.")]},
        )
    others = (
        agreement.milestones.exclude(pk=milestone.pk).aggregate(total=Sum("disbursed_krw"))["total"]
        or 0
    )
    if others + amount_krw > agreement.amount_krw:
        message = _("Disbursements would exceed the agreement's amount.")
        raise ValidationFailed(message, field_errors={"amount_krw": [message]})
    milestone.disbursed_krw, milestone.disbursed_on = amount_krw, on or timezone.localdate()
    milestone.save(update_fields=["disbursed_krw", "disbursed_on", "updated_at"])
    audit_record(
        actor=user,
        action="milestone_disbursed",
        subject=agreement,
        scope=_scope(agreement),
        milestone=milestone.pk,
        amount_krw=amount_krw,
    )
    return milestone


class AgreementEnded(Conflict):
    """A report came after the agreement's period."""


def _write_figures(user: User, report: MilestoneReport, today: dt.date) -> None:
    """The report's figures as the organisation's insights: this year's revenue and headcount
    (merged into the year's row, other figures kept) and the investment as a funding round."""
    agreement = report.milestone.agreement
    organisation = agreement.organisation
    source = _("Milestone report: %(call)s") % {
        "call": pick(agreement.call.title_ko, agreement.call.title_en, "en")
    }
    if report.revenue_krw is not None or report.employees is not None:
        existing = Figure.objects.filter(
            organisation=organisation, year=today.year, quarter=0
        ).first()
        values: dict[str, Any] = {"currency": "KRW", "source": source[:300], "source_date": today}
        if existing is not None:
            # Kept in KRW: an earlier row in another currency gives its converted amounts.
            same = existing.currency == "KRW"
            values |= {
                "revenue": existing.revenue if same else existing.revenue_krw,
                "exports": existing.exports if same else existing.exports_krw,
                "employees": existing.employees,
                "patents": existing.patents,
                "is_published": existing.is_published,
            }
        if report.revenue_krw is not None:
            values["revenue"] = report.revenue_krw
        if report.employees is not None:
            values["employees"] = report.employees
        insights.figure_record(
            actor=user, organisation=organisation, year=today.year, values=values
        )
    if report.funding_id:
        report.funding.delete()  # type: ignore[union-attr]
        report.funding = None
    if report.investment_krw:
        report.funding = insights.funding_record(
            actor=user,
            organisation=organisation,
            values={
                "date": today,
                "round": report.investment_round or RoundKind.SEED,
                "amount": report.investment_krw,
                "currency": "KRW",
                "source": source[:300],
            },
        )


REPORT_FIELDS = (
    "text",
    "revenue_krw",
    "employees",
    "jobs_created",
    "investment_krw",
    "investment_round",
)


@transaction.atomic
def report_submit(
    *,
    actor: AnyUser,
    milestone: Milestone,
    values: dict[str, Any],
    upload: UploadedFile | None = None,
    today: dt.date | None = None,
) -> MilestoneReport:
    """Submit (or, until evaluated, replace) the company's report on a milestone of a signed
    agreement within its period; its figures are written to insights."""
    user = require_user(actor)
    agreement = milestone.agreement
    access.require_company(user, agreement)
    lock_for_change(agreement)
    today = today or timezone.localdate()
    if agreement.status != AgreementStatus.SIGNED:
        raise Conflict(_("Reports are submitted under a signed agreement."))
    if agreement.stopped_at:
        raise Conflict(_("Support under this agreement has been stopped."))
    if today > agreement.ends_on:
        raise AgreementEnded(
            _("The agreement ended on %(date)s; reports are no longer accepted.")
            % {"date": agreement.ends_on.isoformat()}
        )
    errors: dict[str, list[str]] = {}
    if not str(values.get("text") or "").strip():
        errors["text"] = [_("Write the report.")]
    for name in ("revenue_krw", "employees", "jobs_created", "investment_krw"):
        if values.get(name) is not None and values[name] < 0:
            errors[name] = [_("Cannot be negative.")]
    if values.get("investment_round") and values["investment_round"] not in RoundKind.values:
        errors["investment_round"] = [_("Unknown round.")]
    if upload is not None:
        problem = _pdf_problem(upload)
        if problem:
            errors["file"] = [problem]
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    report = MilestoneReport.objects.filter(milestone=milestone).first()
    if report is not None and report.evaluated_at:
        raise Conflict(_("This report has been evaluated and cannot be changed."))
    report = report or MilestoneReport(milestone=milestone)
    for name in REPORT_FIELDS:
        value = values.get(name)
        setattr(report, name, (value or "") if name in ("text", "investment_round") else value)
    report.text = report.text.strip()
    report.submitted_at, report.submitted_by = timezone.now(), user
    if upload is not None:
        name = PurePosixPath(upload.name or "").name[:200]
        report.file.save(name, upload, save=False)
        report.original_name = name
    report.milestone = milestone
    _write_figures(user, report, today)
    report.save()
    audit_record(
        actor=user,
        action="report_submitted",
        subject=agreement,
        scope=_scope(agreement),
        milestone=milestone.pk,
    )
    return report


@transaction.atomic
def report_evaluate(
    *, actor: AnyUser, report: MilestoneReport, verdict: str, note: str = ""
) -> MilestoneReport:
    """Evaluate a report of a milestone that has an evaluation: pass, conditional (the
    conditions in the note) or stop (no more reports or disbursements under the agreement)."""
    user = require_user(actor)
    agreement = report.milestone.agreement
    if not access.can_evaluate(user, agreement):
        raise PermissionDenied(_("Only operators and the agreement's evaluators may evaluate."))
    lock_for_change(agreement)
    if report.milestone.evaluation == EvaluationKind.NONE:
        raise Conflict(_("This milestone has no evaluation."))
    if report.evaluated_at:
        raise Conflict(_("This report has already been evaluated."))
    if agreement.stopped_at:
        raise Conflict(_("Support under this agreement has been stopped."))
    if verdict not in Verdict.values:
        raise ValidationFailed(
            _("Choose pass, conditional or stop."),
            field_errors={"verdict": [_("Unknown verdict.")]},
        )
    note = note.strip()
    if verdict in (Verdict.CONDITIONAL, Verdict.STOP) and not note:
        message = _("Say why (the conditions, or the reason to stop).")
        raise ValidationFailed(message, field_errors={"note": [message]})
    now = timezone.now()
    report.verdict, report.verdict_note = verdict, note
    report.evaluated_at, report.evaluated_by = now, user
    report.save(
        update_fields=["verdict", "verdict_note", "evaluated_at", "evaluated_by", "updated_at"]
    )
    if verdict == Verdict.STOP:
        agreement.stopped_at = now
        agreement.save(update_fields=["stopped_at", "updated_at"])
    audit_record(
        actor=user,
        action=f"report_{verdict}",
        subject=agreement,
        scope=_scope(agreement),
        milestone=report.milestone_id,
    )
    mail_on_commit(
        _members(agreement),
        gettext_noop("Your milestone report has been evaluated"),
        "grants/email/evaluated.txt",
        {"report": report, "agreement": agreement},
    )
    return report


# Letters --------------------------------------------------------------------------------


def default_letter(kind: str, language: str) -> dict[str, str]:
    """The built-in letter of a kind in a language (used until operators write their own)."""
    with translation.override(language):
        if kind == LetterKind.AGREEMENT:
            return {
                "subject": _("Your agreement for {call}"),
                "body": _(
                    "Dear {company},\n\nThe agreement for {call} is ready: {amount} for "
                    "{period}. Please upload the signed documents by {deadline} on the "
                    "platform.\n"
                ),
            }
        return {
            "subject": _("The result of {call}"),
            "body": _(
                "Dear {company},\n\nThe results of {call} are published. You can read "
                "yours on the platform.\n"
            ),
        }


def letter_values(
    application: Application, agreement: Agreement | None, language: str
) -> dict[str, str]:
    """What each placeholder stands for in a letter to this applicant, in a language."""
    org, call = application.organisation, application.call
    with translation.override(language):
        values = {
            "company": str(pick(org.name_ko, org.name_en, language)),
            "call": str(pick(call.title_ko, call.title_en, language)),
            "amount": "",
            "period": "",
            "deadline": "",
        }
        if agreement is not None:
            values["amount"] = _("%(amount)s KRW") % {
                "amount": formats.number_format(agreement.amount_krw, force_grouping=True)
            }
            values["period"] = (
                f"{agreement.starts_on.isoformat()} – {agreement.ends_on.isoformat()}"
            )
            values["deadline"] = agreement.sign_by.isoformat() if agreement.sign_by else "—"
    return values


def letter_texts(call: Call, kind: str, language: str) -> dict[str, str]:
    """The subject and body operators wrote for the call in a language, else the defaults."""
    template = LetterTemplate.objects.filter(call=call, kind=kind).first()
    default = default_letter(kind, language)
    if template is None:
        return default
    subject = getattr(template, f"subject_{language}") or default["subject"]
    body = getattr(template, f"body_{language}") or default["body"]
    return {"subject": subject, "body": body}


def letter_render(
    texts: dict[str, str], application: Application, agreement: Agreement | None, language: str
) -> dict[str, str]:
    """A letter's subject and body with the placeholders filled in (used for the preview)."""
    values = letter_values(application, agreement, language)
    return {"subject": fill(texts["subject"], values), "body": fill(texts["body"], values)}


@transaction.atomic
def letter_save(*, actor: AnyUser, call: Call, kind: str, values: dict[str, str]) -> LetterTemplate:
    """Save a call's letter in both languages; an unknown placeholder is refused by name."""
    user = require_operator(actor)
    if kind not in LetterKind.values:
        raise ValidationFailed(_("Unknown kind of letter."))
    texts = {
        k: str(values.get(k) or "") for k in ("subject_ko", "subject_en", "body_ko", "body_en")
    }
    check_template(texts)
    template, _created = LetterTemplate.objects.update_or_create(
        call=call, kind=kind, defaults=texts
    )
    audit_record(
        actor=user, action="letter_saved", subject=call, scope=f"call:{call.pk}", kind=kind
    )
    return template


def _send_letter(
    kind: str, application: Application, agreement: Agreement | None, users: list[User]
) -> int:
    """Queue the letter to each user in their language (the outbox delivers it from a task)."""
    for user in users:
        language = (user.language or settings.LANGUAGE_CODE)[:2]
        letter = letter_render(
            letter_texts(application.call, kind, language), application, agreement, language
        )
        mail_address(
            address=user.email,
            language=language,
            subject=letter["subject"],
            body=letter["body"],
            user=user,
            tag=f"grants/{kind}",
        )
    return len(users)


@transaction.atomic
def result_letters_send(*, actor: AnyUser, call: Call) -> None:
    """Queue the call's result letters for the task workers (after the commit)."""
    user = require_operator(actor)
    if not call.results_published_at:
        raise Conflict(_("Publish the results before sending result letters."))
    from yeongilman.grants.tasks import send_result_letters

    audit_record(actor=user, action="result_letters_queued", subject=call, scope=f"call:{call.pk}")
    transaction.on_commit(lambda: send_result_letters.enqueue(call.pk))


def result_letters_deliver(call_id: int) -> int:
    """Mail every decided applicant of the call its result letter; returns how many mails."""
    sent = 0
    applications = Application.objects.filter(
        call_id=call_id, outcome__in=[Outcome.SELECTED, Outcome.NOT_SELECTED]
    ).select_related("call", "organisation")
    for application in applications:
        agreement = Agreement.objects.filter(application=application).first()
        members = list(
            User.objects.filter(
                memberships__organisation_id=application.organisation_id, is_active=True
            ).order_by("pk")
        )
        with transaction.atomic():
            sent += _send_letter(LetterKind.RESULT, application, agreement, members)
    return sent


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
