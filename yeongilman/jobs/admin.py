from django.contrib import admin
from django.http import HttpRequest

from yeongilman.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs are read here; they change only through the job services."""

    list_display = ("id", "kind", "status", "scope", "started_by", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("scope", "error")
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
