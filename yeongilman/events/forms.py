"""Forms of the events pages: the archive's filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yeongilman.events.models import EventKind


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
