"""On site: who works the check-in desk, who was admitted where and when, and every refused scan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CheckInStaff(models.Model):
    """A user an operator named to check people in at one event."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_in_duties"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("check-in staff")
        verbose_name_plural = _("check-in staff")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_staff_entry_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event_id}"


class CheckInMethod(models.TextChoices):
    SCAN = "scan", _("Scanned")
    TYPED = "typed", _("Typed")
    WALK_IN = "walk_in", _("Walk-in")


class CheckIn(models.Model):
    """A registration admitted at the entrance (no session) or at one programme session. One row
    per place: a second scan finds it; an earlier scan replayed later moves its time back."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="check_ins"
    )
    session = models.ForeignKey(
        "events.ProgrammeSession",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="check_ins",
    )
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    method = models.CharField(_("how"), max_length=10, choices=CheckInMethod.choices)
    # The scanning page's own id for the scan, so a replayed queue is recognised.
    client_scan_id = models.CharField(max_length=64, blank=True)
    # What a walk-in typed as their organisation when it is not in the directory.
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["checked_in_at", "id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(session__isnull=True),
                name="one_entrance_check_in",
            ),
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=Q(session__isnull=False),
                name="one_session_check_in",
            ),
        ]
        indexes = [models.Index(fields=["event", "session"], name="check_in_by_place")]

    def __str__(self) -> str:
        return f"{self.registration_id} at {self.checked_in_at:%Y-%m-%d %H:%M}"


class AttemptOutcome(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    ALREADY = "already", _("Already checked in")
    INVALID = "invalid", _("Tampered or foreign code")
    UNKNOWN = "unknown", _("No such registration")
    OTHER_EVENT = "other_event", _("Code of another event")
    NOT_CONFIRMED = "not_confirmed", _("Registration not confirmed")


class CheckInAttempt(models.Model):
    """A scan the desk refused (tampered, foreign, another event's, not confirmed): kept so
    operators can see what was tried, by whom and when."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=16, choices=AttemptOutcome.choices)
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("refused check-in")
        verbose_name_plural = _("refused check-ins")

    def __str__(self) -> str:
        return f"{self.outcome}: {self.code[:20]}"


class SessionSignup(models.Model):
    """A confirmed participant's place at one programme session of their event: what the
    session's desk counts as registered and their agenda lists."""

    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="session_signups"
    )
    session = models.ForeignKey(
        "events.ProgrammeSession", on_delete=models.CASCADE, related_name="signups"
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("session sign-up")
        verbose_name_plural = _("session sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_signup_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} → session {self.session_id}"
