"""Admin for agreements (operators use the pages; the admin is for corrections)."""

from __future__ import annotations

from django.contrib import admin

from yeongilman.grants.models import Agreement, AgreementDocument, LetterTemplate, Milestone


class DocumentInline(admin.TabularInline):
    model = AgreementDocument
    extra = 0
    fields = ["position", "name_ko", "name_en", "original_name", "uploaded_at"]
    readonly_fields = ["original_name", "uploaded_at"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["organisation", "call", "status", "amount_krw", "starts_on", "ends_on"]
    list_filter = ["status", "call"]
    inlines = [DocumentInline, MilestoneInline]
    raw_id_fields = ["application", "organisation", "call"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["call", "kind"]
