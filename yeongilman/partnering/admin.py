from django.contrib import admin

from yeongilman.partnering.models import Interest, Introduction, Opportunity


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
