"""Events (forums, pavilions, delegations, B2B meeting days), registrations, programme
sessions, exhibitors and delegation visits. B2B meetings live in the meetings app, the stand
portal's products, brochures and leads in the exhibitors app.

Every time is stored in UTC; each event names its own time zone for display.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.models import TIME_ZONES
from yeongilman.core.i18n import Bilingual
from yeongilman.core.models import TimeStampedModel


class EventKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    EXHIBITION = "exhibition", _("Exhibition or pavilion")
    DELEGATION = "delegation", _("Delegation trip")
    B2B = "b2b", _("B2B meeting day")
    WEBINAR = "webinar", _("Webinar")


class Event(TimeStampedModel):
    """Something the ecosystem holds or attends, in its own time zone."""

    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONES, default="Asia/Seoul"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    organisers = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("organisers"),
        related_name="organised_events",
        blank=True,
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    requires_approval = models.BooleanField(_("operators approve registrations"), default=False)
    is_published = models.BooleanField(_("published"), default=False)
    b2b_tables = models.PositiveIntegerField(_("tables per slot"), default=0)
    # The exhibition's floor plan with booth numbers (written only through the services).
    floor_plan = models.FileField(_("floor plan"), max_length=200, blank=True, editable=False)
    floor_plan_alt_ko = models.CharField(
        _("floor plan description (Korean)"), max_length=300, blank=True
    )
    floor_plan_alt_en = models.CharField(
        _("floor plan description (English)"), max_length=300, blank=True
    )
    # Per-person limits the scheduler keeps (empty: no limit).
    max_meetings_per_day = models.PositiveSmallIntegerField(
        _("most meetings per person per day"), null=True, blank=True
    )
    max_in_a_row = models.PositiveSmallIntegerField(
        _("a free slot after this many meetings in a row"), null=True, blank=True
    )
    # Called off by an operator (events.services.event_cancel), with the reason they gave.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("why it was cancelled"), blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    title = Bilingual()

    description = Bilingual()

    floor_plan_alt = Bilingual()


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(TimeStampedModel):
    """A person's place at an event, optionally on behalf of an organisation."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    # The short check-in code typed at the desk (events.codes.short_code_for issues it on first
    # use); the signed code in the QR stays the one a scanner reads.
    short_code = models.CharField(
        _("short check-in code"), max_length=8, blank=True, default="", editable=False
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person"),
            models.UniqueConstraint(
                fields=["event", "short_code"],
                condition=~models.Q(short_code=""),
                name="one_short_code_per_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


class ProgrammeSession(models.Model):
    """A talk or panel in an event's programme."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")

    def __str__(self) -> str:
        return str(self.title)

    title = Bilingual()


class Exhibitor(models.Model):
    """An organisation exhibiting at a pavilion or exhibition."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="exhibitions"
    )
    booth = models.CharField(_("booth"), max_length=40, blank=True)
    hall = models.CharField(_("hall"), max_length=60, blank=True)
    zone = models.CharField(_("zone"), max_length=60, blank=True)
    description_ko = models.TextField(_("stand description (Korean)"), blank=True)
    description_en = models.TextField(_("stand description (English)"), blank=True)
    products = models.CharField(_("showcased products"), max_length=300, blank=True)
    # Written only through the services (checked, cleaned, with thumbnails).
    product_image = models.FileField(_("product image"), max_length=200, blank=True, editable=False)
    award = models.CharField(_("award"), max_length=200, blank=True)
    # Who staffs the stand (members of the organisation): they may capture leads.
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("stand team"), related_name="stands", blank=True
    )
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["booth", "id"]
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="one_exhibitor_entry")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.event}"

    description = Bilingual()


class Visit(models.Model):
    """A stop on a delegation trip's itinerary."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="visits")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("time"))
    # The stop's own zone (a delegation crosses zones); empty: the event's.
    time_zone = models.CharField(_("time zone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.place or self.organisation} ({self.starts_at:%Y-%m-%d})"
