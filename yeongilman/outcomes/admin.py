"""Admin for meeting outcomes: for corrections; the pages are where outcomes are recorded."""

from __future__ import annotations

from django.contrib import admin

from yeongilman.outcomes.models import EventOutcomeSettings, Feedback, FollowUp, NoShow, OutcomeLink


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "registration", "verdict", "asked_at", "answered_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["meeting", "registration"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["meeting", "registration", "status", "kind", "answered_at"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["meeting", "registration"]


@admin.register(NoShow)
class NoShowAdmin(admin.ModelAdmin):
    list_display = ["meeting", "registration", "decision", "decided_by", "decided_at"]
    raw_id_fields = ["meeting", "registration", "decided_by"]


@admin.register(OutcomeLink)
class OutcomeLinkAdmin(admin.ModelAdmin):
    list_display = ["pk", "meeting", "introduction", "visit", "agreement", "lead", "confirmed"]
    list_filter = ["confirmed"]
    raw_id_fields = ["meeting", "introduction", "visit", "agreement", "lead", "follow_up",
                     "confirmed_by"]  # fmt: skip


@admin.register(EventOutcomeSettings)
class EventOutcomeSettingsAdmin(admin.ModelAdmin):
    list_display = ["event", "follow_up_months"]
