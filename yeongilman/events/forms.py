"""Forms of the events pages: the archive's filters and the operators' set-up (details,
programme, a delegation's stops, exhibitors)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yeongilman.directory.models import Organisation
from yeongilman.directory.selectors import organisation_named
from yeongilman.events.models import Event, EventKind, ProgrammeSession, Visit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ArchiveFilterForm(forms.Form):
    """The archive's filters; the years offered are those with past events."""

    year = forms.TypedChoiceField(
        label=gettext_lazy("Year"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        year, kind = self.fields["year"], self.fields["kind"]
        assert isinstance(year, forms.ChoiceField) and isinstance(kind, forms.ChoiceField)
        year.choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        kind.choices = [("", _("All kinds")), *EventKind.choices]


def _moment(label: StrOrPromise, required: bool = True) -> forms.DateTimeField:
    """A date and time typed in the event's own zone (the view activates it)."""
    return forms.DateTimeField(
        label=label, required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )  # fmt: skip


class EventForm(forms.ModelForm):
    """An event's details as operators set them up; times are in the event's zone."""

    starts_at = _moment(gettext_lazy("starts"))
    ends_at = _moment(gettext_lazy("ends"))
    registration_opens_at = _moment(gettext_lazy("registration opens"), required=False)
    registration_closes_at = _moment(gettext_lazy("registration closes"), required=False)

    class Meta:
        model = Event
        fields = [
            "kind", "title_ko", "title_en", "description_ko", "description_en", "venue", "city",
            "time_zone", "starts_at", "ends_at", "capacity", "registration_opens_at",
            "registration_closes_at", "requires_approval", "is_published", "b2b_tables",
        ]  # fmt: skip
        help_texts = {
            "time_zone": gettext_lazy("The times below are in this zone."),
            "b2b_tables": gettext_lazy("B2B meeting days: tables per slot (set the slots on the "
                                       "day's manage page)."),
            "capacity": gettext_lazy("Empty: no limit."),
        }  # fmt: skip

    def clean(self) -> dict[str, object]:
        """An end after the start, said on the end (before the database's own rule)."""
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        return data


class SessionForm(forms.ModelForm):
    """A talk or panel of the programme."""

    starts_at = _moment(gettext_lazy("starts"))
    ends_at = _moment(gettext_lazy("ends"))

    class Meta:
        model = ProgrammeSession
        fields = ["title_ko", "title_en", "speakers", "room", "starts_at", "ends_at"]


class VisitForm(forms.ModelForm):
    """A stop of a delegation; its time in its own zone (the event's when left empty)."""

    starts_at = _moment(gettext_lazy("time"))
    organisation = forms.CharField(
        label=gettext_lazy("organisation visited"), required=False, max_length=200,
        help_text=gettext_lazy("Its address in the directory or its exact name (optional)."),
    )  # fmt: skip

    class Meta:
        model = Visit
        fields = ["place", "starts_at", "time_zone", "notes", "outcome"]

    field_order = ["place", "organisation", "starts_at", "time_zone", "notes", "outcome"]

    def clean_organisation(self) -> Organisation | None:
        """The organisation named (None when left empty), or the field's error."""
        text = self.cleaned_data["organisation"].strip()
        if not text:
            return None
        found = organisation_named(text)
        if found is None:
            raise forms.ValidationError(
                _("No organisation in the directory has this address or name.")
            )
        return found


class ExhibitorAddForm(forms.Form):
    """An organisation of the directory joins the pavilion, by its address or exact name."""

    organisation = forms.CharField(
        label=gettext_lazy("organisation"), max_length=200,
        help_text=gettext_lazy("Its address in the directory (as in /directory/o/…/) or its "
                               "exact name."),
    )  # fmt: skip
    booth = forms.CharField(label=gettext_lazy("booth"), max_length=40, required=False)
    hall = forms.CharField(label=gettext_lazy("hall"), max_length=60, required=False)
    zone = forms.CharField(label=gettext_lazy("zone"), max_length=60, required=False)

    def clean_organisation(self) -> Organisation:
        """The organisation named, or the field's error."""
        text = self.cleaned_data["organisation"].strip()
        found = organisation_named(text)
        if found is None:
            raise forms.ValidationError(
                _("No organisation in the directory has this address or name.")
            )
        return found
