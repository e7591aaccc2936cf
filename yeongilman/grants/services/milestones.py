"""Milestones of an agreement: planned and disbursed money, the company's reports and their
evaluation (figures written to insights)."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import User
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.core.i18n import one_language_errors, pick
from yeongilman.grants import access
from yeongilman.grants.models import (
    Agreement,
    AgreementStatus,
    EvaluationKind,
    Milestone,
    MilestoneReport,
    Verdict,
)
from yeongilman.grants.services.agreements import OPEN, _lock_in, _members, _pdf_problem, _scope
from yeongilman.insights import services as insights
from yeongilman.insights.models import Figure, RoundKind
from yeongilman.outbox.services import mail_on_commit


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
