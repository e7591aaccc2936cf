from django.contrib import admin
from django.http import HttpRequest

from yeongilman.partnering.models import Interest, Introduction, Opportunity, SuggestionFeedback


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "owner", "type", "status", "expires_at"]
    list_filter = ["type", "status"]
    search_fields = ["title_ko", "title_en"]
    raw_id_fields = ["owner"]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "organisation", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ["first", "second", "status", "created_at"]
    list_filter = ["status"]


@admin.register(SuggestionFeedback)
class SuggestionFeedbackAdmin(admin.ModelAdmin):
    list_display = ["subject", "candidate", "verdict", "rank", "created_at"]
    list_filter = ["verdict"]

    def has_change_permission(
        self, request: HttpRequest, obj: SuggestionFeedback | None = None
    ) -> bool:
        return False  # feedback is evidence for evaluation: read-only
