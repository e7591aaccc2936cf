"""Support programs: calls with eligibility and a form, applications, reviews and selection."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.models import TIME_ZONES
from yeongilman.core.i18n import Bilingual, pick
from yeongilman.core.models import TimeStampedModel
from yeongilman.core.storage import private_storage


class Program(TimeStampedModel):
    """A support programme run by an agency, e.g. overseas-expansion support."""

    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    agency = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("organising agency"),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return str(self.title)

    title = Bilingual()


class Call(TimeStampedModel):
    """One call for applications of a programme, with its eligibility rules, form and rubric."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="calls")
    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    budget_krw = models.PositiveBigIntegerField(_("budget (KRW)"), null=True, blank=True)
    places = models.PositiveIntegerField(_("places"), default=10)
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONES, default="Asia/Seoul"
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    is_published = models.BooleanField(_("published"), default=False)
    # Eligibility; an empty rule admits everyone.
    eligible_kinds = models.JSONField(_("eligible kinds"), default=list, blank=True)
    eligible_industries = models.ManyToManyField(
        "directory.Industry", blank=True, related_name="+", verbose_name=_("eligible industries")
    )
    eligible_cities = models.JSONField(_("eligible cities"), default=list, blank=True)
    founded_from_year = models.PositiveSmallIntegerField(
        _("founded in or after"), null=True, blank=True
    )
    max_age_years = models.PositiveSmallIntegerField(
        _("at most this many years old"), null=True, blank=True
    )
    max_employees = models.PositiveIntegerField(_("at most employees"), null=True, blank=True)
    # Review and selection.
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3
    )
    blind_review = models.BooleanField(_("blind review (applicant hidden)"), default=False)
    industry_quotas = models.JSONField(_("most places per industry"), default=dict, blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("selected organisations exhibit at"),
    )
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    # An operator may close a call before its deadline, always with a reason (recorded); the
    # results are published only after the deadline or such a closing.
    closed_early_at = models.DateTimeField(_("closed early"), null=True, blank=True)
    close_early_reason = models.TextField(_("reason for closing early"), blank=True)
    # Published although some reviews were missing: why (empty when every review was in).
    reviews_waived_reason = models.TextField(_("reason for publishing without every review"),
                                             blank=True)  # fmt: skip
    # The named person applicants may ask (shown on the call page).
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    # Receipt numbers are issued from this counter under the call's row lock.
    receipts_issued = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="call_closes_after"
            )
        ]

    def __str__(self) -> str:
        return str(self.title)

    title = Bilingual()

    description = Bilingual()

    def is_open(self, now: Any = None) -> bool:
        """True between opening and closing (to the second), unless closed early."""
        now = now or timezone.now()
        return (
            self.is_published
            and self.opens_at <= now < self.closes_at
            and self.closed_early_at is None
        )


class CutOff(models.TextChoices):
    TOP = "top", _("The best-ranked N")
    SCORE = "score", _("A raw score of at least")
    NONE = "none", _("Decided by hand")


class Stage(models.Model):
    """An ordered review stage of a call (e.g. document review, presentation, final), with
    its own reviewer pool, rubric, reviewers per application, cut-off, blindness and dates.
    Settings left empty follow the call's. Rows of pools, criteria, reviews and applications
    without a stage belong to the call's first stage (rows written before stages existed)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    name_ko = models.CharField(_("name (Korean)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), null=True, blank=True
    )
    blind_review = models.BooleanField(_("blind review (applicant hidden)"), null=True, blank=True)
    cutoff = models.CharField(
        _("cut-off"), max_length=8, choices=CutOff.choices, default=CutOff.TOP
    )
    cutoff_top = models.PositiveIntegerField(_("how many advance"), null=True, blank=True)
    cutoff_score = models.FloatField(_("lowest raw score that advances (0-100)"), null=True,
                                     blank=True)  # fmt: skip
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    advanced_at = models.DateTimeField(_("advanced"), null=True, blank=True)
    # Applicants stopped by this stage may appeal until then (empty: no appeals).
    appeals_close_at = models.DateTimeField(_("appeals close"), null=True, blank=True)

    class Meta:
        ordering = ["call_id", "position", "id"]
        verbose_name = _("review stage")
        verbose_name_plural = _("review stages")
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="one_stage_per_position")
        ]

    def __str__(self) -> str:
        return str(self.name)

    name = Bilingual()

    @property
    def per_application(self) -> int:
        """Reviewers per application (the call's number unless the stage sets its own)."""
        if self.reviewers_per_application is not None:
            return self.reviewers_per_application
        return self.call.reviewers_per_application

    @property
    def is_blind(self) -> bool:
        """Whether reviewers of this stage see the applicant (the call's setting by default)."""
        return self.call.blind_review if self.blind_review is None else self.blind_review


class FieldKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes/no")
    FILE = "file", _("File upload")


class FormField(models.Model):
    """One question of a call's form. Once applications exist a field is only ever extended
    (labels, more choices, higher limits) or retired, so no answer is lost."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=FieldKind.choices)
    label_ko = models.CharField(_("label (Korean)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    help_ko = models.CharField(_("help (Korean)"), max_length=400, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=400, blank=True)
    required = models.BooleanField(_("required"), default=False)
    max_chars = models.PositiveIntegerField(_("character limit"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    allowed_types = models.JSONField(_("allowed file types"), default=list, blank=True)
    max_size_mb = models.PositiveSmallIntegerField(_("size limit (MB)"), default=10)
    retired = models.BooleanField(_("retired"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        constraints = [models.UniqueConstraint(fields=["call", "key"], name="one_field_key")]

    def __str__(self) -> str:
        return str(self.label)

    label = Bilingual()

    help = Bilingual()

    def choice_label(self, value: str) -> str:
        """A choice's label in the viewer's language (the value when unknown)."""
        for choice in self.choices:
            if choice.get("value") == value:
                return str(pick(choice.get("ko", ""), choice.get("en", ""))) or value
        return value


class Criterion(models.Model):
    """A weighted criterion of a call's rubric."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, null=True, blank=True, related_name="criteria",
        verbose_name=_("stage"),
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    guidance_ko = models.TextField(_("guidance (Korean)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    min_score = models.SmallIntegerField(_("lowest score"), default=0)
    max_score = models.SmallIntegerField(_("highest score"), default=10)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return str(self.name)

    name = Bilingual()

    guidance = Bilingual()


class CallReviewer(models.Model):
    """A reviewer in a call's pool, with the industries they know (preferred in assignment)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewer_pool")
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, null=True, blank=True, related_name="pool",
        verbose_name=_("stage"),
    )  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    expertise = models.JSONField(_("expertise (industry codes)"), default=list, blank=True)

    class Meta:
        verbose_name = _("reviewer of a call")
        verbose_name_plural = _("reviewers of a call")
        constraints = [
            models.UniqueConstraint(fields=["call", "stage", "user"], name="one_pool_entry")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.call}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


class Application(TimeStampedModel):
    """An organisation's application to a call; answers keyed by form field key."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="applications"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default="draft"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The publication of the results made the organisation an exhibitor of the call's event
    # (taken back if the selection is reversed).
    made_exhibitor = models.BooleanField(default=False, editable=False)
    outcome = models.CharField(
        _("outcome"), max_length=14, choices=Outcome.choices, default="pending"
    )
    outcome_reason = models.TextField(_("reason for a decision by hand"), blank=True)
    # The stage it is in now (empty: the first); it moves on when a stage is advanced.
    stage = models.ForeignKey(
        Stage, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications",
        verbose_name=_("stage"),
    )  # fmt: skip
    receipt_number = models.CharField(_("receipt number"), max_length=20, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"], name="one_application_per_call"
            ),
            models.UniqueConstraint(
                fields=["call", "receipt_number"],
                condition=~models.Q(receipt_number=""),
                name="one_receipt_number_per_call",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.call}"


def _upload_path(instance: ApplicationFile, filename: str) -> str:
    # A random name: neither the organisation nor the original file name can be guessed.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"applications/{instance.application.call_id}/{uuid.uuid4().hex}{suffix}"


class ApplicationFile(TimeStampedModel):
    """A file answering a file-upload field; one per field (a new upload replaces it)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    field_key = models.SlugField(max_length=40)
    file = models.FileField(storage=private_storage, upload_to=_upload_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        constraints = [
            models.UniqueConstraint(fields=["application", "field_key"], name="one_file_per_field")
        ]

    def __str__(self) -> str:
        return self.original_name


class Review(TimeStampedModel):
    """An assignment of a reviewer to an application, and their scores once given."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, null=True, blank=True, related_name="reviews",
        verbose_name=_("stage"),
    )  # fmt: skip
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["application_id", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "stage"], name="one_review_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} / {self.application}"


class StageDecision(TimeStampedModel):
    """Whether an application passed a stage: decided by hand (with the reason) before the
    stage is advanced, or by the ranking and cut-off when it is."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="decisions")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_decisions"
    )
    advances = models.BooleanField(_("advances"))
    reason = models.TextField(_("reason for a decision by hand"), blank=True)

    class Meta:
        ordering = ["stage__position", "application_id"]
        verbose_name = _("stage decision")
        verbose_name_plural = _("stage decisions")
        constraints = [
            models.UniqueConstraint(fields=["stage", "application"], name="one_stage_decision")
        ]

    def __str__(self) -> str:
        return f"{self.application} @ {self.stage}"

    @property
    def by_hand(self) -> bool:
        """Decided by an operator (who had to give a reason)."""
        return bool(self.reason)


class Conflict(TimeStampedModel):
    """A reviewer's declared conflict of interest with an organisation."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "organisation"], name="one_conflict")
        ]


class ReviewerProfile(TimeStampedModel):
    """A reviewer's expertise, kept across calls; the assignment prefers matching industries."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    expertise = models.JSONField(_("expertise (industry codes)"), default=list, blank=True)

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return str(self.user)


class Panel(TimeStampedModel):
    """A presentation panel of a stage; its members are reviewers of that stage."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="panels")
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="panels", verbose_name=_("members")
    )

    class Meta:
        ordering = ["stage_id", "name", "id"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        constraints = [models.UniqueConstraint(fields=["stage", "name"], name="one_panel_name")]

    def __str__(self) -> str:
        return self.name


class PresentationSlot(TimeStampedModel):
    """A time before a panel, in a room or by video link, and the applicant scheduled in it."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="slots")
    # The panel's stage, kept here so one slot per application and stage is a constraint.
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="presentation_slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    video_link = models.URLField(_("video link"), max_length=300, blank=True)
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="presentation_slots", verbose_name=_("applicant"),
    )  # fmt: skip

    class Meta:
        ordering = ["starts_at", "panel_id"]
        verbose_name = _("presentation slot")
        verbose_name_plural = _("presentation slots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after"
            ),
            models.UniqueConstraint(fields=["panel", "starts_at"], name="one_panel_slot_per_start"),
            models.UniqueConstraint(
                fields=["stage", "application"],
                condition=models.Q(application__isnull=False),
                name="one_presentation_per_stage",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.panel} {self.starts_at:%Y-%m-%d %H:%M}"


class Unavailability(models.Model):
    """A time a panel member or an applicant cannot present or sit in a stage's presentations."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="unavailability")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("unavailable time")
        verbose_name_plural = _("unavailable times")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) ^ models.Q(application__isnull=True),
                name="unavailable_one_of_user_or_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Rejected")


class Appeal(TimeStampedModel):
    """An applicant's appeal against a stage's result; an operator upholds or rejects it."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="appeals")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="appeals")
    text = models.TextField(_("grounds of the appeal"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(fields=["stage", "application"], name="one_appeal_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.application} @ {self.stage}"


def _appeal_path(instance: AppealFile, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"appeals/{instance.appeal.stage_id}/{uuid.uuid4().hex}{suffix}"


class AppealFile(TimeStampedModel):
    """A file given with an appeal (PDF, HWP or a picture)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(storage=private_storage, upload_to=_appeal_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("appeal file")
        verbose_name_plural = _("appeal files")

    def __str__(self) -> str:
        return self.original_name
