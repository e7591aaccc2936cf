from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from yeongilman.events.models import (
    Event,
    Exhibitor,
    MeetingRequest,
    MeetingSlot,
    ProgrammeSession,
    Registration,
    RegistrationStatus,
    Visit,
)
from yeongilman.events.services import registration_approve


class SessionInline(admin.TabularInline):
    model = ProgrammeSession
    extra = 0


class ExhibitorInline(admin.TabularInline):
    model = Exhibitor
    extra = 0
    autocomplete_fields = ["organisation"]


class VisitInline(admin.TabularInline):
    model = Visit
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title_ko", "title_en", "kind", "starts_at", "time_zone", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title_ko", "title_en"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [SessionInline, ExhibitorInline, VisitInline]
    filter_horizontal = ["organisers"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "organisation", "status", "created_at"]
    list_filter = ["status", "event"]
    actions = ["approve"]

    @admin.action(description=_("Approve selected registrations"))
    def approve(self, request, queryset):
        for registration in queryset.filter(status=RegistrationStatus.PENDING):
            registration_approve(actor=request.user, registration=registration)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["event", "requester", "recipient", "status", "slot", "table", "confirmed"]
    list_filter = ["status", "event"]
    readonly_fields = ["slot", "table", "confirmed", "unscheduled_reason"]


admin.site.register(MeetingSlot)
