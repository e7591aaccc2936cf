"""Admin for insights: exchange rates are kept here; the rest is for corrections."""

from __future__ import annotations

from django.contrib import admin

from yeongilman.insights.models import (
    Agreement,
    Award,
    ExchangeRate,
    Figure,
    FundingRound,
    InvestmentLead,
    OverseasEntry,
    PolicyRequest,
)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["date", "currency", "krw"]
    list_filter = ["currency"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "quarter", "revenue", "currency", "employees"]
    list_filter = ["year", "is_published"]
    raw_id_fields = ["organisation", "recorded_by"]


@admin.register(FundingRound)
class FundingRoundAdmin(admin.ModelAdmin):
    list_display = ["organisation", "date", "round", "amount", "currency"]
    raw_id_fields = ["organisation", "recorded_by", "investors"]


@admin.register(OverseasEntry)
class OverseasEntryAdmin(admin.ModelAdmin):
    list_display = ["organisation", "date", "country", "kind"]
    raw_id_fields = ["organisation", "recorded_by"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "name"]
    raw_id_fields = ["organisation", "recorded_by"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title_ko", "title_en", "kind", "stage", "next_step_due"]


@admin.register(InvestmentLead)
class InvestmentLeadAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "probability", "amount", "currency", "next_step_due"]


@admin.register(PolicyRequest)
class PolicyRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "ministry", "status", "decided_on"]
