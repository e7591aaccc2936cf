"""Partnering: opportunities (offers and requests), expressions of interest, introductions
brokered by operators, the stored vectors of the match index, and feedback on suggestions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yeongilman.core.i18n import Bilingual
from yeongilman.core.models import TimeStampedModel
from yeongilman.directory.models import Industry, Organisation


class OpportunityType(models.TextChoices):
    """The Enterprise Europe Network typology plus investment and pilot offers/requests."""

    TECHNOLOGY_OFFER = "technology_offer", _("Technology offer")
    TECHNOLOGY_REQUEST = "technology_request", _("Technology request")
    BUSINESS_OFFER = "business_offer", _("Business offer")
    BUSINESS_REQUEST = "business_request", _("Business request")
    RD_COOPERATION = "rd_cooperation", _("R&D cooperation request")
    INVESTMENT_SOUGHT = "investment_sought", _("Investment sought")
    INVESTMENT_OFFERED = "investment_offered", _("Investment offered")
    PILOT_SOUGHT = "pilot_sought", _("Pilot or test-bed sought")
    PILOT_OFFERED = "pilot_offered", _("Pilot or test-bed offered")


# type → (side, topic): an offer of a topic matches a request of the same topic.
TYPE_DIRECTION: dict[str, tuple[str, str]] = {
    OpportunityType.TECHNOLOGY_OFFER: ("offers", "technology"),
    OpportunityType.TECHNOLOGY_REQUEST: ("seeks", "technology"),
    OpportunityType.BUSINESS_OFFER: ("offers", "business"),
    OpportunityType.BUSINESS_REQUEST: ("seeks", "business"),
    OpportunityType.RD_COOPERATION: ("seeks", "rd"),
    OpportunityType.INVESTMENT_SOUGHT: ("seeks", "investment"),
    OpportunityType.INVESTMENT_OFFERED: ("offers", "investment"),
    OpportunityType.PILOT_SOUGHT: ("seeks", "pilot"),
    OpportunityType.PILOT_OFFERED: ("offers", "pilot"),
}


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Opportunity(TimeStampedModel):
    """An offer or request an organisation publishes to find partners."""

    owner = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="opportunities",
        verbose_name=_("organisation"),
    )  # fmt: skip
    type = models.CharField(_("type"), max_length=30, choices=OpportunityType.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    industries = models.ManyToManyField(
        Industry, blank=True, related_name="opportunities", verbose_name=_("industries")
    )
    target_countries = models.JSONField(_("target countries"), default=list, blank=True)
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
    )  # fmt: skip
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    renewal_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_anonymous = models.BooleanField(
        _("publish anonymously"), default=False,
        help_text=_("Your organisation stays hidden until you accept an expression of interest."),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [models.Index(fields=["status", "expires_at"], name="opp_status_expiry")]

    def __str__(self) -> str:
        return str(self.title)

    title = Bilingual()

    description = Bilingual()

    @property
    def is_live(self) -> bool:
        """Published and not past its expiry."""
        return self.status == OpportunityStatus.PUBLISHED and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class InterestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Interest(TimeStampedModel):
    """An expression of interest in an opportunity, sent on behalf of an organisation."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="interests_sent",
        verbose_name=_("organisation"),
    )  # fmt: skip
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=20, choices=InterestStatus.choices, default=InterestStatus.PENDING
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    def __str__(self) -> str:
        return f"{self.organisation} → {self.opportunity}"

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="one_interest_per_organisation"
            )
        ]


class IntroductionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    MET = "met", _("Met")


class Introduction(TimeStampedModel):
    """An introduction an operator brokers between two organisations, with its outcome."""

    first = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    second = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("partner")
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=IntroductionStatus.choices,
        default=IntroductionStatus.REQUESTED,
    )  # fmt: skip
    outcome = models.TextField(_("outcome"), blank=True)

    def __str__(self) -> str:
        return f"{self.first} ↔ {self.second}"

    class Meta:
        ordering = ["-created_at"]
