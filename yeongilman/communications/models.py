"""Organiser communications: messages to a segment of an event, automatic mails (nudges,
reminders, expiry, schedule changes) with their per-event switches, editable templates, and one
delivery row per recipient (its status is the outbox mail's)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yeongilman.core.models import TimeStampedModel


class MailKind(models.TextChoices):
    NUDGE = "nudge", _("Booking nudge")
    REMINDER = "reminder", _("Meeting reminder")
    EXPIRY = "expiry", _("Request expired")
    SCHEDULE_CHANGED = "schedule_changed", _("Schedule changed")
    CUSTOM = "custom", _("Message from the organisers")


class Segment(models.TextChoices):
    ALL = "all", _("Everyone registered")
    CONFIRMED = "confirmed", _("Confirmed participants")
    WITHOUT_REQUESTS = "without_requests", _("Confirmed, without meeting requests")
    PENDING_REQUESTS = "pending_requests", _("With requests waiting for an answer")
    EMPTY_PROFILE = "empty_profile", _("With an empty profile")
    EXHIBITORS = "exhibitors", _("Exhibitors")
    NO_SHOWS = "no_shows", _("No-shows")


class ReminderLead(models.IntegerChoices):
    MINUTES_30 = 30, _("30 minutes before")
    HOUR = 60, _("1 hour before")
    HOURS_3 = 180, _("3 hours before")
    DAY = 1440, _("1 day before")


class EventCommsSettings(models.Model):
    """Which automatic mails an event sends, and when (an event without a row uses the
    defaults: reminders and schedule changes on, nudges and expiry off)."""

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="comms_settings"
    )
    nudges_enabled = models.BooleanField(_("nudge participants without requests"), default=False)
    nudge_every_days = models.PositiveSmallIntegerField(_("nudge every (days)"), default=3)
    reminders_enabled = models.BooleanField(_("remind before each meeting"), default=True)
    reminder_minutes_before = models.PositiveIntegerField(
        _("reminder time"), choices=ReminderLead.choices, default=ReminderLead.HOUR
    )
    expiry_enabled = models.BooleanField(_("expire unanswered requests"), default=False)
    expire_after_days = models.PositiveSmallIntegerField(_("expire after (days)"), default=7)
    schedule_changed_enabled = models.BooleanField(
        _("tell people when their schedule changes"), default=True
    )

    class Meta:
        verbose_name = _("event communication settings")
        verbose_name_plural = _("event communication settings")

    def __str__(self) -> str:
        return f"{self.event_id}"


class MailTemplate(TimeStampedModel):
    """The operators' text of one kind of mail in both languages ({placeholders} allowed)."""

    kind = models.CharField(_("kind"), max_length=20, choices=MailKind.choices, unique=True)
    subject_ko = models.CharField(_("subject (Korean)"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_ko = models.TextField(_("text (Korean)"))
    body_en = models.TextField(_("text (English)"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")

    def __str__(self) -> str:
        return self.kind


class MessageStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class Message(TimeStampedModel):
    """One message of an event: an operator's to a segment, or the log of one automatic kind
    (one row per event and kind, its deliveries added as they go out)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(
        _("kind"), max_length=20, choices=MailKind.choices, default=MailKind.CUSTOM
    )
    segment = models.CharField(_("recipients"), max_length=20, choices=Segment.choices, blank=True)
    subject_ko = models.CharField(_("subject (Korean)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_ko = models.TextField(_("text (Korean)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.DRAFT
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "kind"],
                condition=~Q(kind="custom"),
                name="one_automatic_log_per_event_and_kind",
            )
        ]
        indexes = [models.Index(fields=["status", "send_at"], name="message_due")]

    def __str__(self) -> str:
        return self.subject_en or self.subject_ko or self.kind


class Delivery(models.Model):
    """One recipient of a message; `key` makes each automatic mail go out once (a reminder per
    meeting, time and person) however often or in parallel the task runs."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mail = models.ForeignKey(
        "outbox.Mail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=5)
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return self.key
