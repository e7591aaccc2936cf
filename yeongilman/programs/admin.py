"""Admin for programmes (operators use the pages; the admin is for corrections)."""

from __future__ import annotations

from django.contrib import admin

from yeongilman.programs.models import (
    Application,
    Call,
    CallReviewer,
    Conflict,
    Criterion,
    FormField,
    Program,
    Review,
)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_ko", "title_en", "agency"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class CallReviewerInline(admin.TabularInline):
    model = CallReviewer
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_ko", "title_en", "opens_at", "closes_at", "is_published"]
    list_filter = ["is_published", "program"]
    inlines = [CriterionInline, CallReviewerInline]


@admin.register(FormField)
class FormFieldAdmin(admin.ModelAdmin):
    list_display = ["call", "position", "key", "kind", "required", "retired"]
    list_filter = ["call"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["call", "organisation", "status", "outcome", "submitted_at"]
    list_filter = ["call", "status", "outcome"]
    raw_id_fields = ["organisation", "created_by", "submitted_by"]
    readonly_fields = ["status", "outcome", "outcome_reason", "submitted_at", "withdrawn_at"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "submitted_at"]
    raw_id_fields = ["application", "reviewer"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "organisation", "created_at"]
    raw_id_fields = ["reviewer", "organisation"]
