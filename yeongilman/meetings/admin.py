"""Admin for support work on B2B days: slots and requests (set-up belongs on the event's pages)."""

from django.contrib import admin

from yeongilman.meetings.models import MeetingRequest, MeetingSlot


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["event", "requester", "recipient", "status", "slot", "table", "confirmed"]
    list_filter = ["status", "event"]
    readonly_fields = ["slot", "table", "confirmed", "unscheduled_reason"]


admin.site.register(MeetingSlot)
