"""Read-mostly admin views of communications (operators work on the pages and the API)."""

from __future__ import annotations

from django.contrib import admin

from yeongilman.communications.models import Delivery, EventCommsSettings, MailTemplate, Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("event", "kind", "segment", "status", "send_at", "sent_at")
    list_filter = ("kind", "status")
    readonly_fields = ("created_by", "sent_at")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("key", "user", "language", "created_at")
    search_fields = ("key", "user__email")
    readonly_fields = ("message", "user", "mail", "language", "key")


admin.site.register(EventCommsSettings)
admin.site.register(MailTemplate)
