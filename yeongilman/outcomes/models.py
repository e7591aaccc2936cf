"""Meeting outcomes: how each side says a B2B meeting went, the no-shows operators confirm,
the follow-up months later, and the links from meetings, introductions and delegation visits
to the agreements and investment leads of insights."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yeongilman.core.models import TimeStampedModel

DEFAULT_FOLLOW_UP_MONTHS = 6


class MeetingVerdict(models.TextChoices):
    HELD = "held", _("The meeting took place")
    NOT_HELD = "not_held", _("The meeting did not take place")
    NO_INTEREST = "no_interest", _("No interest")
    INFORMATIVE = "informative", _("Informative")
    COOPERATION = "cooperation", _("Cooperation possible")


# Every verdict but "did not take place" says the meeting was held.
HELD_VERDICTS = (
    MeetingVerdict.HELD,
    MeetingVerdict.NO_INTEREST,
    MeetingVerdict.INFORMATIVE,
    MeetingVerdict.COOPERATION,
)


class Feedback(TimeStampedModel):
    """One side's answer on one meeting; the row is made when the side is asked (once)."""

    meeting = models.ForeignKey(
        "meetings.MeetingRequest", on_delete=models.CASCADE, related_name="feedback"
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="meeting_feedback"
    )
    asked_at = models.DateTimeField(_("asked"), null=True, blank=True)
    verdict = models.CharField(
        _("how it went"), max_length=12, choices=MeetingVerdict.choices, blank=True
    )
    comment = models.TextField(_("comment for the operators"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "registration"], name="one_feedback_a_side")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.registration_id}: {self.verdict or '-'}"


class NoShowDecision(models.TextChoices):
    CONFIRMED = "confirmed", _("No-show confirmed")
    DISMISSED = "dismissed", _("Was there")


class NoShow(models.Model):
    """An operator's decision on a no-show candidate: a side the other says did not come."""

    meeting = models.ForeignKey(
        "meetings.MeetingRequest", on_delete=models.CASCADE, related_name="no_shows"
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="no_shows"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=NoShowDecision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        verbose_name = _("no-show")
        verbose_name_plural = _("no-shows")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "registration"], name="one_no_show_a_side")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.registration_id}: {self.decision}"


class EventOutcomeSettings(models.Model):
    """How many months after an event's meetings the follow-up is asked."""

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="outcome_settings"
    )
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow-up after (months)"), default=DEFAULT_FOLLOW_UP_MONTHS
    )

    class Meta:
        verbose_name = _("outcome settings")
        verbose_name_plural = _("outcome settings")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.follow_up_months}"


class FollowUpStatus(models.TextChoices):
    NO_CONTACT = "no_contact", _("No further contact")
    NEGOTIATION = "negotiation", _("In negotiation")
    AGREEMENT = "agreement", _("Agreement reached")


class OutcomeKind(models.TextChoices):
    """The agreements pipeline's kinds, plus an investment (which becomes an investment lead)."""

    MOU = "mou", _("MOU")
    SISTER_CITY = "sister_city", _("Sister-city agreement")
    BRANCH_OFFICE = "branch_office", _("Branch office")
    FORUM_SERIES = "forum_series", _("Joint forum series")
    OTHER = "other", _("Other agreement")
    INVESTMENT = "investment", _("Investment")


class FollowUp(TimeStampedModel):
    """One side's answer, months after a meeting, on what came of it."""

    meeting = models.ForeignKey(
        "meetings.MeetingRequest", on_delete=models.CASCADE, related_name="follow_ups"
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="follow_ups"
    )
    asked_at = models.DateTimeField(_("asked"), null=True, blank=True)
    status = models.CharField(
        _("what came of it"), max_length=12, choices=FollowUpStatus.choices, blank=True
    )
    kind = models.CharField(_("kind"), max_length=14, choices=OutcomeKind.choices, blank=True)
    note = models.TextField(_("note for the operators"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "registration"], name="one_follow_up_a_side")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.registration_id}: {self.status or '-'}"


class OutcomeLink(TimeStampedModel):
    """A meeting, an introduction or a delegation visit that led to an agreement or an
    investment lead; drafted from a follow-up (unconfirmed) or made by an operator."""

    meeting = models.ForeignKey(
        "meetings.MeetingRequest", on_delete=models.CASCADE, null=True, blank=True,
        related_name="outcome_links",
    )  # fmt: skip
    introduction = models.ForeignKey(
        "partnering.Introduction", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    visit = models.ForeignKey(
        "events.Visit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    agreement = models.ForeignKey(
        "insights.Agreement", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    lead = models.ForeignKey(
        "insights.InvestmentLead", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.SET_NULL, null=True, blank=True, related_name="links"
    )
    confirmed = models.BooleanField(_("confirmed by an operator"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outcome link")
        verbose_name_plural = _("outcome links")
        constraints = [
            # Exactly one source and exactly one target.
            models.CheckConstraint(
                condition=(
                    Q(meeting__isnull=False, introduction__isnull=True, visit__isnull=True)
                    | Q(meeting__isnull=True, introduction__isnull=False, visit__isnull=True)
                    | Q(meeting__isnull=True, introduction__isnull=True, visit__isnull=False)
                ),
                name="outcome_link_one_source",
            ),
            models.CheckConstraint(
                condition=(
                    Q(agreement__isnull=False, lead__isnull=True)
                    | Q(agreement__isnull=True, lead__isnull=False)
                ),
                name="outcome_link_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"link {self.pk}"
