"""Insights: organisations' figures (with money in its own currency and converted), and the
pipelines the city tracks: agreements, investment leads and policy requests."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yeongilman.core.i18n import Bilingual
from yeongilman.core.models import TimeStampedModel
from yeongilman.core.storage import private_storage


def _money(label: Any = None, *, editable: bool = True) -> Any:
    # Typed as Any: django-stubs cannot see nullability through a helper.
    return models.DecimalField(
        label, max_digits=20, decimal_places=2, null=True, blank=True, editable=editable
    )


class ExchangeRate(models.Model):
    """How many KRW one unit of a currency was worth from a date on."""

    date = models.DateField(_("date"))
    currency = models.CharField(_("currency"), max_length=3)
    krw = models.DecimalField(_("KRW per unit"), max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["-date", "currency"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [models.UniqueConstraint(fields=["date", "currency"], name="one_rate_a_day")]

    def __str__(self) -> str:
        return f"{self.date} {self.currency} {self.krw}"


class Recorded(TimeStampedModel):
    """Where a figure came from and who entered it; only published ones are public."""

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        abstract = True


class Figure(Recorded):
    """An organisation's figures for a year (quarter 0) or one quarter of it."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="KRW")
    revenue = _money(_("revenue"))
    exports = _money(_("exports"))
    revenue_krw = _money(editable=False)
    revenue_usd = _money(editable=False)
    exports_krw = _money(editable=False)
    exports_usd = _money(editable=False)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    patents = models.PositiveIntegerField(_("patents"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"], name="one_figure_per_period"
            ),
            models.CheckConstraint(condition=models.Q(quarter__lte=4), name="quarter_0_to_4"),
        ]
        # Covering the yearly totals, so a dashboard reads the index, not 500,000 rows.
        indexes = [
            models.Index(
                fields=[
                    "quarter",
                    "year",
                    "organisation",
                    "is_published",
                    "employees",
                    "revenue_krw",
                    "exports_krw",
                ],
                name="figure_totals",
            )  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}Q{self.quarter}"


class RoundKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    SEED = "seed", _("Seed")
    PRE_A = "pre_a", _("Pre-series A")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    LATER = "later", _("Series C or later")
    STRATEGIC = "strategic", _("Strategic investment")


class FundingRound(Recorded):
    """Money raised: round, amount in its currency (converted at the rate of its date)."""

    date = models.DateField(_("date"))
    round = models.CharField(_("round"), max_length=12, choices=RoundKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="KRW")
    amount_krw = _money(editable=False)
    amount_usd = _money(editable=False)
    investors = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="+", verbose_name=_("investors")
    )
    other_investors = models.CharField(_("other investors"), max_length=300, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        indexes = [models.Index(fields=["date"], name="funding_date")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.round} {self.date}"


class EntryKind(models.TextChoices):
    EXPORT = "export", _("First export")
    BRANCH = "branch", _("Branch office")
    SUBSIDIARY = "subsidiary", _("Subsidiary")
    PARTNERSHIP = "partnership", _("Local partnership")
    PILOT = "pilot", _("Pilot or PoC")


class OverseasEntry(Recorded):
    """An organisation's entry into a foreign market."""

    date = models.DateField(_("date"))
    country = models.CharField(_("country"), max_length=2)
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("overseas entry")
        verbose_name_plural = _("overseas entries")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.country} {self.date}"


class Award(Recorded):
    """An award won, e.g. a CES Innovation Award."""

    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("award"), max_length=200)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class AgreementKind(models.TextChoices):
    MOU = "mou", _("MOU")
    SISTER_CITY = "sister_city", _("Sister-city agreement")
    BRANCH_OFFICE = "branch_office", _("Branch office")
    FORUM_SERIES = "forum_series", _("Joint forum series")
    OTHER = "other", _("Other agreement")


class AgreementStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    CONTACT = "contact", _("Contact")
    NEGOTIATION = "negotiation", _("Negotiation")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Tracked(TimeStampedModel):
    """Something the city pursues: an owner and a next step with a due date."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("owner"),
    )  # fmt: skip
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Agreement(Tracked):
    """A partnership or agreement between organisations, followed through its stages."""

    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=14, choices=AgreementKind.choices)
    stage = models.CharField(
        _("stage"), max_length=12, choices=AgreementStage.choices, default="idea"
    )
    parties = models.ManyToManyField(
        "directory.Organisation", related_name="agreements", verbose_name=_("parties")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        ordering = ["next_step_due", "-updated_at"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return str(self.title)

    title = Bilingual()


class LeadStage(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTACTED = "contacted", _("Contacted")
    SITE_VISIT = "site_visit", _("Site visit")
    NEGOTIATION = "negotiation", _("Negotiation")
    MOU = "mou", _("MOU signed")
    INVESTED = "invested", _("Investment decided")
    LOST = "lost", _("Lost")


class InvestmentLead(Tracked):
    """An investment the city courts (e.g. a battery plant), from lead to decision."""

    title = models.CharField(_("title"), max_length=200)
    company = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("company in the directory"),
    )  # fmt: skip
    company_name = models.CharField(_("company"), max_length=200, blank=True)
    sector = models.ForeignKey(
        "directory.Industry", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("sector"),
    )  # fmt: skip
    amount = _money(_("investment"))
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    amount_krw = _money(editable=False)
    amount_usd = _money(editable=False)
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=12, choices=LeadStage.choices, default="lead")
    probability = models.PositiveSmallIntegerField(_("probability (%)"), default=10)
    contacts = models.TextField(_("contacts"), blank=True)

    class Meta:
        ordering = ["next_step_due", "-updated_at"]
        verbose_name = _("investment lead")
        verbose_name_plural = _("investment leads")
        constraints = [
            models.CheckConstraint(condition=models.Q(probability__lte=100), name="probability_pct")
        ]

    def __str__(self) -> str:
        return self.title


class LeadEvent(models.Model):
    """A meeting or note on an investment lead."""

    lead = models.ForeignKey(InvestmentLead, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"))
    is_meeting = models.BooleanField(_("meeting"), default=False)
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lead note")
        verbose_name_plural = _("lead notes")

    def __str__(self) -> str:
        return f"{self.lead_id} {self.at:%Y-%m-%d}"


class PolicyStatus(models.TextChoices):
    DRAFTING = "drafting", _("Drafting")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")


class PolicyRequest(Tracked):
    """A request to central government, e.g. a special-zone designation."""

    title = models.CharField(_("title"), max_length=200)
    ministry = models.CharField(_("ministry"), max_length=200)
    status = models.CharField(
        _("status"), max_length=14, choices=PolicyStatus.choices, default="drafting"
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("policy request")
        verbose_name_plural = _("policy requests")

    def __str__(self) -> str:
        return self.title


def _document_path(instance: PipelineDocument, filename: str) -> str:
    return f"pipelines/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()[:10]}"


class PipelineDocument(TimeStampedModel):
    """A document of an agreement, a lead or a policy request (operators only)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    lead = models.ForeignKey(
        InvestmentLead, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    policy = models.ForeignKey(
        PolicyRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    file = models.FileField(storage=private_storage, upload_to=_document_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.name
