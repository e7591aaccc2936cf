"""Support work only: conversations by their metadata (messages are not shown here; operators
read a conversation only through a report, audited)."""

from django.contrib import admin

from yeongilman.conversations.models import Block, Conversation, Report, Suspension


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "created_at", "last_message_at", "message_count", "closed_at")
    list_filter = ("kind",)
    fields = ("kind", "created_at", "last_message_at", "message_count", "talked_at", "closed_at")
    readonly_fields = fields


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "conversation", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("conversation", "reporter", "resolved_by")


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ("id", "blocker", "organisation", "person", "created_at")
    raw_id_fields = ("blocker", "organisation", "person")


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "created_at", "lifted_at")
    raw_id_fields = ("user", "suspended_by")
