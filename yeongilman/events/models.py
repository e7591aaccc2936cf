"""Events (forums, pavilions, delegations, B2B meeting days), registrations and B2B meetings.

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

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


class MeetingSlot(models.Model):
    """A time slot of a B2B meeting day; capacity overrides the event's tables per slot."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("tables"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")

    def __str__(self) -> str:
        return f"{self.event} {self.starts_at:%H:%M}"

    @property
    def tables(self) -> int:
        """Tables available in this slot."""
        return self.capacity if self.capacity is not None else self.event.b2b_tables


class Unavailability(models.Model):
    """A registered participant is not free in a slot."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="unavailable"
    )
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot"], name="one_unavailability_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} not free at {self.slot}"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person (at a table)")
    ONLINE = "online", _("Online (video link)")


class MeetingRequest(TimeStampedModel):
    """One participant asks another for a meeting; accepted requests get scheduled."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="received_requests"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    mode = models.CharField(
        _("how"), max_length=10, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    # Written only through the services, which accept https addresses only.
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    needs_interpreter = models.BooleanField(_("Korean–English interpretation"), default=False)
    # The scheduled place, if any; `confirmed` pins it when the scheduler runs again.
    slot = models.ForeignKey(
        MeetingSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    table = models.PositiveIntegerField(_("table"), null=True, blank=True)
    interpreter = models.ForeignKey(
        "Interpreter", on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    confirmed = models.BooleanField(_("confirmed"), default=False)
    # Slots the requester offered; the recipient may accept one of them.
    proposed_slots = models.ManyToManyField(
        MeetingSlot, blank=True, related_name="proposed_in", verbose_name=_("proposed slots")
    )
    unscheduled_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "recipient"],
                name="one_request_per_pair",
                condition=~Q(status="cancelled"),
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("recipient")), name="no_self_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Interpreter(models.Model):
    """A Korean–English interpreter of a B2B day: a limited resource, free in some slots."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="interpreters")
    name = models.CharField(_("name"), max_length=200)
    languages = models.CharField(_("languages"), max_length=100, default="ko, en")
    # No slots chosen means free in every slot of the day.
    available_slots = models.ManyToManyField(
        MeetingSlot, verbose_name=_("free in"), related_name="interpreters", blank=True
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def __str__(self) -> str:
        return self.name


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


class ExhibitorProduct(models.Model):
    """A product an exhibitor shows at their stand, in Korean and/or English."""

    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="items")
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Written only through the services (checked, cleaned, with thumbnails).
    image = models.FileField(_("image"), max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return str(self.name)

    name = Bilingual()
    description = Bilingual()


class ExhibitorDocument(TimeStampedModel):
    """A brochure (PDF) an exhibitor hands out at their stand."""

    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), max_length=200, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("exhibitor document")
        verbose_name_plural = _("exhibitor documents")

    def __str__(self) -> str:
        return self.title


class Lead(TimeStampedModel):
    """A visitor a stand's team met: one per exhibitor and visitor (a second scan updates it).
    The visitor's contact details are read at use from their consents, never copied here."""

    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="leads")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="leads")
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "registration"], name="one_lead_per_visitor"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="lead_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} → {self.exhibitor}"


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
