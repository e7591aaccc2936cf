"""B2B meeting days: slots and tables, participants' unavailable slots, meeting requests (and
the meetings they become), interpreters. The tables kept the names they had in the events app."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yeongilman.core.models import TimeStampedModel


class MeetingSlot(models.Model):
    """A time slot of a B2B meeting day; capacity overrides the event's tables per slot."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("tables"), null=True, blank=True)

    class Meta:
        db_table = "events_meetingslot"
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")

    def __str__(self) -> str:
        return f"{self.event} {self.starts_at:%H:%M}"

    @property
    def tables(self) -> int:
        """Tables available in this slot."""
        return self.capacity if self.capacity is not None else self.event.b2b_tables


class SlotUnavailability(models.Model):
    """A registered participant is not free in a slot."""

    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="unavailable"
    )
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "events_unavailability"
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


class MeetingWindow(models.TextChoices):
    """When a meeting may be held: any slot, the morning (slots that start before noon in the
    event's time zone), the afternoon (from noon) or slots the requester chose."""

    ANY = "", _("Any time of the day")
    MORNING = "morning", _("Morning (slots starting before 12:00)")
    AFTERNOON = "afternoon", _("Afternoon (slots starting at 12:00 or later)")
    SLOTS = "slots", _("Chosen slots")


class MeetingRequest(TimeStampedModel):
    """One participant asks another for a meeting; accepted requests get scheduled."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="received_requests"
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
    # The scheduler holds the meeting only in these slots (the morning, the afternoon or a
    # chosen set); `window_slots` is used only with MeetingWindow.SLOTS.
    window = models.CharField(
        _("time window"), max_length=10, choices=MeetingWindow.choices, default=MeetingWindow.ANY,
        blank=True,
    )  # fmt: skip
    window_slots = models.ManyToManyField(
        MeetingSlot, blank=True, related_name="window_of", verbose_name=_("window slots")
    )

    class Meta:
        db_table = "events_meetingrequest"
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

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="interpreters")
    name = models.CharField(_("name"), max_length=200)
    languages = models.CharField(_("languages"), max_length=100, default="ko, en")
    # No slots chosen means free in every slot of the day.
    available_slots = models.ManyToManyField(
        MeetingSlot, verbose_name=_("free in"), related_name="interpreters", blank=True
    )

    class Meta:
        db_table = "events_interpreter"
        ordering = ["name", "id"]
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def __str__(self) -> str:
        return self.name
