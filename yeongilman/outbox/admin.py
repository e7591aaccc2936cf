from django.contrib import admin
from django.http import HttpRequest

from yeongilman.outbox.models import Mail


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    """Sent and pending mail, read-only: what went out, to whom, and whether it arrived."""

    list_display = ("created_at", "to_address", "subject", "tag", "status", "attempts")
    list_filter = ("status", "tag", "language")
    search_fields = ("to_address", "subject")
    readonly_fields = [f.name for f in Mail._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
