"""Writes to insights: figures (by members of the organisation or operators), exchange rates,
and the operators' pipelines. Each pipeline change is recorded in the audit log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator, require_operator, require_user
from yeongilman.core.audit import audit_record
from yeongilman.core.documents import OFFICE_TYPES, check_document
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.directory.access import can_edit_organisation
from yeongilman.directory.models import Organisation
from yeongilman.insights.models import (
    Agreement,
    AgreementStage,
    Award,
    ExchangeRate,
    Figure,
    FundingRound,
    InvestmentLead,
    LeadEvent,
    LeadStage,
    OverseasEntry,
    PipelineDocument,
    PolicyRequest,
)
from yeongilman.insights.money import RateBook, convert
from yeongilman.outbox.services import mail_on_commit

CURRENCIES = ("KRW", "USD", "EUR", "JPY", "CNY")

# What a pipeline may keep: office documents, PDFs, scans and plain text.
PIPELINE_DOCUMENT_TYPES = (*OFFICE_TYPES, "hwpx", "jpeg", "txt", "csv", "zip")


def _require_editor(actor: AnyUser, organisation: Organisation) -> Any:
    user = require_user(actor)
    if not can_edit_organisation(user, organisation):
        raise PermissionDenied(_("Only the organisation's members and operators may do this."))
    return user


def _check_currency(currency: str) -> str:
    currency = (currency or "KRW").upper()
    if currency not in CURRENCIES:
        raise ValidationFailed(
            _("Unknown currency %(c)s; use one of %(all)s.")
            % {"c": currency, "all": ", ".join(CURRENCIES)},
            field_errors={"currency": [_("Unknown currency.")]},
        )
    return currency


@transaction.atomic
def figure_record(
    *, actor: AnyUser, organisation: Organisation, year: int, quarter: int = 0,
    values: dict[str, Any],
) -> Figure:  # fmt: skip
    """Create or replace the organisation's figures for a year (quarter 0) or a quarter."""
    user = _require_editor(actor, organisation)
    if not 1990 <= year <= 2100 or not 0 <= quarter <= 4:
        raise ValidationFailed(_("The year or quarter is out of range."))
    currency = _check_currency(values.get("currency", "KRW"))
    for name in ("revenue", "exports", "employees", "patents"):
        value = values.get(name)
        if value is not None and value < 0:
            raise ValidationFailed(
                _("Figures cannot be negative."), field_errors={name: [_("Cannot be negative.")]}
            )
    on = dt.date(year, 12, 31) if quarter == 0 else dt.date(year, quarter * 3, 28)
    revenue_krw, revenue_usd = convert(values.get("revenue"), currency, on)
    exports_krw, exports_usd = convert(values.get("exports"), currency, on)
    figure, _created = Figure.objects.update_or_create(
        organisation=organisation, year=year, quarter=quarter,
        defaults={
            **{k: values.get(k) for k in ("revenue", "exports", "employees", "patents")},
            "currency": currency, "revenue_krw": revenue_krw, "revenue_usd": revenue_usd,
            "exports_krw": exports_krw, "exports_usd": exports_usd,
            "source": values.get("source", ""), "source_date": values.get("source_date"),
            "is_published": bool(values.get("is_published")), "recorded_by": user,
        },
    )  # fmt: skip
    return figure


@transaction.atomic
def funding_record(
    *, actor: AnyUser, organisation: Organisation, values: dict[str, Any],
    investors: list[Organisation] | None = None,
) -> FundingRound:  # fmt: skip
    """Record a round; its amount is converted at the rate of its date."""
    user = _require_editor(actor, organisation)
    currency = _check_currency(values.get("currency", "KRW"))
    amount = Decimal(values["amount"])
    if amount <= 0:
        raise ValidationFailed(_("The amount must be positive."))
    krw, usd = convert(amount, currency, values["date"])
    funding = FundingRound.objects.create(
        organisation=organisation, date=values["date"], round=values["round"], amount=amount,
        currency=currency, amount_krw=krw, amount_usd=usd,
        other_investors=values.get("other_investors", ""), source=values.get("source", ""),
        is_published=bool(values.get("is_published")), recorded_by=user,
    )  # fmt: skip
    funding.investors.set(investors or [])
    return funding


@transaction.atomic
def overseas_record(
    *, actor: AnyUser, organisation: Organisation, values: dict[str, Any]
) -> OverseasEntry:
    """Record an entry into a foreign market (export, branch, subsidiary, partner, pilot)."""
    user = _require_editor(actor, organisation)
    country = (values.get("country") or "").strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise ValidationFailed(
            _("The entry was not saved."),
            field_errors={"country": [_("Use the two-letter country code, e.g. US.")]},
        )
    return OverseasEntry.objects.create(
        organisation=organisation, recorded_by=user, **{**values, "country": country}
    )


@transaction.atomic
def award_record(*, actor: AnyUser, organisation: Organisation, values: dict[str, Any]) -> Award:
    """Record an award, e.g. a CES Innovation Award."""
    user = _require_editor(actor, organisation)
    if not (values.get("name") or "").strip():
        raise ValidationFailed(
            _("The award was not saved."), field_errors={"name": [_("Name the award.")]}
        )
    return Award.objects.create(organisation=organisation, recorded_by=user, **values)


@transaction.atomic
def rate_set(*, actor: AnyUser, date: dt.date, currency: str, krw: Decimal) -> ExchangeRate:
    """Store a rate (operators) and re-convert the amounts that depend on it."""
    if not is_operator(actor):
        raise PermissionDenied(_("Only operators may do this."))
    currency = _check_currency(currency)
    if krw <= 0:
        raise ValidationFailed(_("A rate must be positive."))
    rate, _created = ExchangeRate.objects.update_or_create(
        date=date, currency=currency, defaults={"krw": krw}
    )
    reconvert(date)
    return rate


def reconvert(since: dt.date) -> int:
    """Recompute converted amounts dated from `since` on (a new rate applies from its date
    until the next one); returns how many rows were looked at."""
    seen, book = 0, RateBook()
    rounds = list(FundingRound.objects.filter(date__gte=since))
    for funding in rounds:
        funding.amount_krw, funding.amount_usd = book.convert(
            funding.amount, funding.currency, funding.date
        )
    FundingRound.objects.bulk_update(rounds, ["amount_krw", "amount_usd"], batch_size=1000)
    seen += len(rounds)
    figures = Figure.objects.filter(year__gte=since.year).exclude(revenue=None, exports=None)
    for start in range(0, figures.count(), 5000):
        batch = list(figures.order_by("pk")[start : start + 5000])
        for figure in batch:
            on = dt.date(figure.year, 12, 31)
            figure.revenue_krw, figure.revenue_usd = book.convert(
                figure.revenue, figure.currency, on
            )
            figure.exports_krw, figure.exports_usd = book.convert(
                figure.exports, figure.currency, on
            )
        Figure.objects.bulk_update(
            batch, ["revenue_krw", "revenue_usd", "exports_krw", "exports_usd"], batch_size=1000
        )
        seen += len(batch)
    return seen


# --- pipelines (operators) -----------------------------------------------------------------

TRACKED_FIELDS = ("owner", "next_step", "next_step_due", "notes")


def _changes(item: Any, values: dict[str, Any]) -> dict[str, list[str]]:
    return {
        name: [str(getattr(item, name) or ""), str(value or "")]
        for name, value in values.items()
        if getattr(item, name) != value
    }


@transaction.atomic
def agreement_save(
    *, actor: AnyUser, values: dict[str, Any], parties: list[Organisation],
    agreement: Agreement | None = None,
) -> Agreement:  # fmt: skip
    """Create or change an agreement; every change goes to its history."""
    user = require_operator(actor)
    titles = {k: values.get(k, getattr(agreement, k, "")) for k in ("title_ko", "title_en")}
    missing = one_language_errors("title", titles["title_ko"], titles["title_en"])
    if missing:
        raise ValidationFailed(_("The agreement was not saved."), field_errors=missing)
    created = agreement is None
    agreement = agreement or Agreement()
    changes = {} if created else _changes(agreement, values)
    for name, value in values.items():
        setattr(agreement, name, value)
    if values.get("stage") in ("signed", "active") and not agreement.signed_on:
        agreement.signed_on = timezone.localdate()
    agreement.save()
    agreement.parties.set(parties)
    audit_record(actor=user, action="agreement_created" if created else "agreement_changed",
                 subject=agreement, scope=f"agreement:{agreement.pk}",
                 changes=changes)  # fmt: skip
    return agreement


@transaction.atomic
def lead_save(
    *, actor: AnyUser, values: dict[str, Any], lead: InvestmentLead | None = None
) -> InvestmentLead:
    """Create or change an investment lead (amount converted to KRW and USD)."""
    user = require_operator(actor)
    if not values.get("title"):
        raise ValidationFailed(
            _("The lead was not saved."), field_errors={"title": [_("Give a title.")]}
        )
    if not 0 <= int(values.get("probability", 0)) <= 100:
        raise ValidationFailed(
            _("The lead was not saved."),
            field_errors={"probability": [_("Between 0 and 100.")]},
        )
    values["currency"] = _check_currency(values.get("currency", "USD"))
    created = lead is None
    lead = lead or InvestmentLead()
    changes = {} if created else _changes(lead, values)
    for name, value in values.items():
        setattr(lead, name, value)
    lead.amount_krw, lead.amount_usd = convert(lead.amount, lead.currency, timezone.localdate())
    lead.save()
    audit_record(actor=user, action="lead_created" if created else "lead_changed", subject=lead,
                 scope=f"lead:{lead.pk}", changes=changes)  # fmt: skip
    return lead


@transaction.atomic
def lead_note(
    *, actor: AnyUser, lead: InvestmentLead, text: str, at: dt.datetime, is_meeting: bool
) -> LeadEvent:
    """Add a meeting or a note to a lead."""
    user = require_operator(actor)
    if not text.strip():
        raise ValidationFailed(_("Write the note first."), field_errors={"text": [_("Required.")]})
    return LeadEvent.objects.create(
        lead=lead, text=text.strip(), at=at, is_meeting=is_meeting, author=user
    )


@transaction.atomic
def policy_save(
    *, actor: AnyUser, values: dict[str, Any], policy: PolicyRequest | None = None
) -> PolicyRequest:
    """Create or change a policy request to a ministry."""
    user = require_operator(actor)
    if not values.get("title") or not values.get("ministry"):
        raise ValidationFailed(
            _("The request was not saved."),
            field_errors={
                k: [_("This field is required.")]
                for k in ("title", "ministry")
                if not values.get(k)
            },
        )
    created = policy is None
    policy = policy or PolicyRequest()
    changes = {} if created else _changes(policy, values)
    for name, value in values.items():
        setattr(policy, name, value)
    policy.save()
    audit_record(actor=user, action="policy_created" if created else "policy_changed",
                 subject=policy, scope=f"policy:{policy.pk}", changes=changes)  # fmt: skip
    return policy


@transaction.atomic
def document_attach(*, actor: AnyUser, target: Any, upload: UploadedFile) -> PipelineDocument:
    """Attach a document to an agreement, a lead or a policy request."""
    user = require_operator(actor)
    field = {Agreement: "agreement", InvestmentLead: "lead", PolicyRequest: "policy"}[type(target)]
    check_document(upload, field="file", allowed=PIPELINE_DOCUMENT_TYPES, max_mb=20)
    document = PipelineDocument(name=(upload.name or "document")[:200], uploaded_by=user,
                                **{field: target})  # fmt: skip
    document.file.save(upload.name or "document", upload, save=False)
    document.save()
    audit_record(actor=user, action="document_attached", subject=target,
                 scope=f"{field}:{target.pk}", name=document.name)  # fmt: skip
    return document


def remind_overdue(today: dt.date | None = None) -> int:
    """Mail each owner once per due date about next steps that are overdue; returns mails."""
    from django.utils.translation import gettext_noop

    today = today or timezone.localdate()
    sent = 0
    for model in (Agreement, InvestmentLead, PolicyRequest):
        overdue = model.objects.filter(next_step_due__lt=today, owner__isnull=False).exclude(
            reminded_for=F("next_step_due")
        )
        for item in overdue.select_related("owner"):
            if item.owner is None:
                continue
            with transaction.atomic():
                mail_on_commit(
                    [item.owner],
                    gettext_noop("A next step is overdue"),
                    "insights/email/overdue.txt",
                    {"item": item},
                )
                model.objects.filter(pk=item.pk).update(reminded_for=item.next_step_due)
            sent += 1
    return sent


@transaction.atomic
def figure_delete(*, actor: AnyUser, figure: Figure) -> None:
    """Remove an organisation's figures for a period (its members or operators)."""
    _require_editor(actor, figure.organisation)
    figure.delete()


def agreement_draft_from_outcome(
    *, actor: AnyUser, titles: tuple[str, str], kind: str, parties: list[Organisation], note: str
) -> Agreement:
    """A participant reports that a B2B meeting led to an agreement: a draft in negotiation,
    for an operator to confirm (the pipeline's other services are operators' only)."""
    user = require_user(actor)
    agreement = Agreement.objects.create(
        title_ko=titles[0][:200], title_en=titles[1][:200], kind=kind,
        stage=AgreementStage.NEGOTIATION, notes=note,
    )  # fmt: skip
    agreement.parties.set(parties)
    audit_record(actor=user, action="agreement_drafted", subject=agreement,
                 scope=f"agreement:{agreement.pk}")  # fmt: skip
    return agreement


def lead_draft_from_outcome(
    *, actor: AnyUser, title: str, company: Organisation | None, note: str
) -> InvestmentLead:
    """A participant reports that a B2B meeting led to an investment: a lead in negotiation,
    for an operator to confirm."""
    user = require_user(actor)
    lead = InvestmentLead.objects.create(
        title=title[:200], company=company, company_name=company.name_en if company else "",
        stage=LeadStage.NEGOTIATION, probability=50, notes=note,
    )  # fmt: skip
    audit_record(actor=user, action="lead_drafted", subject=lead, scope=f"lead:{lead.pk}")
    return lead
