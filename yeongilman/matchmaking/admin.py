from django.contrib import admin
from django.http import HttpRequest

from yeongilman.matchmaking.models import SuggestionFeedback


@admin.register(SuggestionFeedback)
class SuggestionFeedbackAdmin(admin.ModelAdmin):
    list_display = ["subject", "candidate", "verdict", "rank", "created_at"]
    list_filter = ["verdict"]

    def has_change_permission(
        self, request: HttpRequest, obj: SuggestionFeedback | None = None
    ) -> bool:
        return False  # feedback is evidence for evaluation: read-only
