from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.models import TIME_ZONES
from yeongilman.events.dates import safe_zone
from yeongilman.events.models import (
    Event,
    Exhibitor,
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


class VisitForm(forms.ModelForm):
    """A delegation stop whose time is entered and shown in its own zone (blank: the
    event's), not the admin's."""

    time_zone = forms.ChoiceField(
        label=_("time zone"),
        required=False,
        choices=[("", _("The event's time zone")), *TIME_ZONES],
        help_text=_("Where the stop is; its time is entered and shown in this zone."),
    )

    class Meta:
        model = Visit
        fields = ["organisation", "place", "starts_at", "time_zone", "notes", "outcome"]

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        if self.instance.pk and self.instance.starts_at:
            zone = ZoneInfo(self._zone(self.instance.time_zone))
            # A naive wall-clock time is shown as it is (not moved to the admin's zone).
            self.initial["starts_at"] = self.instance.starts_at.astimezone(zone).replace(
                tzinfo=None
            )

    def _zone(self, own: str) -> str:
        event_zone = self.event.time_zone if self.event is not None else ""
        return safe_zone(own, event_zone or timezone.get_current_timezone_name())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        moment = data.get("starts_at")
        if moment is not None:
            wall = timezone.localtime(moment).replace(tzinfo=None)
            data["starts_at"] = wall.replace(tzinfo=ZoneInfo(self._zone(data.get("time_zone", ""))))
        return data


class VisitFormSet(BaseInlineFormSet):
    """Hands each stop's form its event, whose zone a stop without one uses."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        kwargs["event"] = self.instance
        return kwargs


class VisitInline(admin.TabularInline):
    model = Visit
    form = VisitForm
    formset = VisitFormSet
    extra = 0
    autocomplete_fields = ["organisation"]


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
