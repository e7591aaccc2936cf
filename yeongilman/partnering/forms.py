"""Forms for opportunities, expressions of interest and introductions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yeongilman.core.forms import BoundedDatesMixin
from yeongilman.directory.forms import IndustryChoiceField
from yeongilman.directory.models import Industry, Organisation
from yeongilman.directory.taxonomy import country_choices
from yeongilman.partnering.models import IntroductionStatus, Opportunity


class OpportunityForm(BoundedDatesMixin, forms.ModelForm):
    """Create or edit an opportunity; the service validates and saves it."""

    industries = IndustryChoiceField(
        queryset=Industry.objects.all(), to_field_name="code", required=False,
        widget=forms.CheckboxSelectMultiple, label=_("Industries"),
    )  # fmt: skip
    target_countries = forms.MultipleChoiceField(
        label=_("Target countries"), required=False, choices=(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several; none means any country."),
    )  # fmt: skip
    expires_at = forms.DateTimeField(
        label=_("Expires"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Left empty, an opportunity stays open for 180 days once published."),
    )  # fmt: skip

    class Meta:
        model = Opportunity
        fields = [
            "type", "title_ko", "title_en", "description_ko", "description_en", "industries",
            "target_countries", "stage", "expires_at", "is_anonymous",
        ]  # fmt: skip
        widgets = {
            "description_ko": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = self.fields["target_countries"]
        assert isinstance(countries, forms.MultipleChoiceField)
        countries.choices = country_choices()
        if self.instance.pk and not self.is_bound:
            self.initial["target_countries"] = list(self.instance.target_countries or [])

    def clean_target_countries(self) -> list[str]:
        return [str(c) for c in self.cleaned_data.get("target_countries") or []]


class InterestForm(BoundedDatesMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("On behalf of")
    )
    message = forms.CharField(
        label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
            choices = list(organisations[:2])
            if len(choices) == 1:  # one organisation: nothing to choose
                self.fields["organisation"].initial = choices[0].pk
                self.fields["organisation"].empty_label = None  # type: ignore[attr-defined]


class IntroductionForm(BoundedDatesMixin, forms.Form):
    first = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name_en"), label=_("Organisation")
    )
    second = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name_en"), label=_("Partner")
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IntroductionUpdateForm(BoundedDatesMixin, forms.Form):
    status = forms.ChoiceField(choices=IntroductionStatus.choices, label=_("Status"))
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
