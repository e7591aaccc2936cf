"""After selection: the agreement (협약) with a selected applicant, the documents it needs
signed, its milestones with planned disbursements, the reports on them and their evaluation,
and the letters operators write for a call."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yeongilman.core.i18n import Bilingual
from yeongilman.core.models import TimeStampedModel
from yeongilman.core.storage import private_storage


class AgreementStatus(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", _("Sent for signing")
    SIGNED = "signed", _("Signed")
    CANCELLED = "cancelled", _("Cancelled")


class Agreement(TimeStampedModel):
    """The agreement with one selected application: amount, period and conditions."""

    application = models.OneToOneField(
        "programs.Application", on_delete=models.CASCADE, related_name="agreement"
    )
    # Copied from the application so lists per call and per company need no join through it.
    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="agreements")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="grant_agreements"
    )
    amount_krw = models.PositiveBigIntegerField(_("amount (KRW)"))
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    sign_by = models.DateField(_("documents due"), null=True, blank=True)
    conditions_ko = models.TextField(_("conditions (Korean)"), blank=True)
    conditions_en = models.TextField(_("conditions (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default="drafted"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Set by a "stop" evaluation: no further reports or disbursements.
    stopped_at = models.DateTimeField(_("support stopped"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Reviewers who may evaluate this agreement's reports besides operators.
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="evaluated_agreements",
        verbose_name=_("evaluators"),
    )
    # The day the last reminder about missing documents went out (one per interval).
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["call_id", "organisation_id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="agreement_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} / {self.call}"

    conditions = Bilingual()


def _document_path(instance: AgreementDocument, filename: str) -> str:
    # A random name, as for application files: nothing guessable.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}{suffix}"


class AgreementDocument(TimeStampedModel):
    """A document the operator requires, and the company's signed copy (a PDF) once uploaded."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    file = models.FileField(
        storage=private_storage, upload_to=_document_path, max_length=200, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")

    def __str__(self) -> str:
        return str(self.name)

    name = Bilingual()

    @property
    def is_uploaded(self) -> bool:
        """Whether the signed copy is there."""
        return bool(self.file)


class EvaluationKind(models.TextChoices):
    NONE = "none", _("No evaluation")
    MIDTERM = "midterm", _("Mid-term evaluation")
    FINAL = "final", _("Final evaluation")


class Milestone(TimeStampedModel):
    """A step of the agreement with its due date and the disbursement planned for it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    due_on = models.DateField(_("due"))
    amount_krw = models.PositiveBigIntegerField(_("planned disbursement (KRW)"), default=0)
    evaluation = models.CharField(
        _("evaluation"), max_length=8, choices=EvaluationKind.choices, default="none"
    )
    disbursed_krw = models.PositiveBigIntegerField(_("disbursed (KRW)"), null=True, blank=True)
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)

    class Meta:
        ordering = ["agreement_id", "due_on", "position", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return str(self.title)

    title = Bilingual()


class Verdict(models.TextChoices):
    PASS = "pass", _("Pass")
    CONDITIONAL = "conditional", _("Conditional pass")
    STOP = "stop", _("Stop")


def _report_path(instance: MilestoneReport, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"agreements/reports/{uuid.uuid4().hex}{suffix}"


class MilestoneReport(TimeStampedModel):
    """The company's report on a milestone: text, figures (which also go to insights) and an
    optional file; then the evaluation when the milestone has one."""

    milestone = models.OneToOneField(Milestone, on_delete=models.CASCADE, related_name="report")
    text = models.TextField(_("report"))
    revenue_krw = models.PositiveBigIntegerField(
        _("revenue so far this year (KRW)"), null=True, blank=True
    )
    employees = models.PositiveIntegerField(_("employees now"), null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    investment_krw = models.PositiveBigIntegerField(
        _("investment raised (KRW)"), null=True, blank=True
    )
    investment_round = models.CharField(_("investment round"), max_length=12, blank=True)
    # The insights rows this report wrote, so a resubmission replaces rather than adds.
    funding = models.ForeignKey(
        "insights.FundingRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    file = models.FileField(
        storage=private_storage, upload_to=_report_path, max_length=200, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices, blank=True)
    verdict_note = models.TextField(_("evaluation note"), blank=True)
    evaluated_at = models.DateTimeField(_("evaluated"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("milestone report")
        verbose_name_plural = _("milestone reports")

    def __str__(self) -> str:
        return f"{self.milestone}"


class LetterKind(models.TextChoices):
    RESULT = "result", _("Result letter")
    AGREEMENT = "agreement", _("Agreement letter")


class LetterTemplate(TimeStampedModel):
    """A call's letter in both languages, with whitelisted {placeholders}."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("kind"), max_length=10, choices=LetterKind.choices)
    subject_ko = models.CharField(_("subject (Korean)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_ko = models.TextField(_("text (Korean)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [models.UniqueConstraint(fields=["call", "kind"], name="one_letter_per_kind")]

    def __str__(self) -> str:
        return f"{self.call} {self.kind}"
