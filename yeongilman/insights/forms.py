"""Page forms for insights: figures, pipelines and the briefing report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.models import User
from yeongilman.core.forms import BoundedDatesMixin
from yeongilman.directory.models import Organisation
from yeongilman.insights.models import (
    Agreement,
    Award,
    Figure,
    FundingRound,
    InvestmentLead,
    OverseasEntry,
    PolicyRequest,
)
from yeongilman.insights.services import CURRENCIES

CURRENCY_CHOICES = [(c, c) for c in CURRENCIES]
DATE = forms.DateInput(attrs={"type": "date"})


class FigureForm(BoundedDatesMixin, forms.ModelForm):
    """A year's (or quarter's) figures of one organisation."""

    currency = forms.ChoiceField(label=_("currency"), choices=CURRENCY_CHOICES)

    class Meta:
        model = Figure
        fields = ["year", "quarter", "currency", "revenue", "exports", "employees", "patents",
                  "source", "source_date", "is_published"]  # fmt: skip
        widgets = {"source_date": DATE}


class FundingForm(BoundedDatesMixin, forms.ModelForm):
    """A funding round."""

    currency = forms.ChoiceField(label=_("currency"), choices=CURRENCY_CHOICES)

    class Meta:
        model = FundingRound
        fields = ["date", "round", "amount", "currency", "investors", "other_investors",
                  "source", "is_published"]  # fmt: skip
        widgets = {"date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investors"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind="investor"
        ).order_by("name_en")


class OverseasForm(BoundedDatesMixin, forms.ModelForm):
    """An entry into a foreign market."""

    class Meta:
        model = OverseasEntry
        fields = ["date", "country", "kind", "note", "source", "is_published"]
        widgets = {"date": DATE}


class AwardForm(forms.ModelForm):
    """An award won."""

    class Meta:
        model = Award
        fields = ["year", "name", "source", "is_published"]


def _owners() -> Any:
    return User.objects.filter(is_operator=True).order_by("email")


class AgreementForm(BoundedDatesMixin, forms.ModelForm):
    """An agreement between organisations."""

    class Meta:
        model = Agreement
        fields = ["title_ko", "title_en", "kind", "stage", "parties", "owner", "next_step",
                  "next_step_due", "signed_on", "notes"]  # fmt: skip
        widgets = {"next_step_due": DATE, "signed_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _owners()  # type: ignore[attr-defined]


class LeadForm(BoundedDatesMixin, forms.ModelForm):
    """An investment lead."""

    currency = forms.ChoiceField(label=_("currency"), choices=CURRENCY_CHOICES, initial="USD")

    class Meta:
        model = InvestmentLead
        fields = ["title", "company", "company_name", "sector", "amount", "currency", "jobs",
                  "stage", "probability", "contacts", "owner", "next_step", "next_step_due",
                  "notes"]  # fmt: skip
        widgets = {"next_step_due": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _owners()  # type: ignore[attr-defined]


class PolicyForm(BoundedDatesMixin, forms.ModelForm):
    """A request to a ministry."""

    class Meta:
        model = PolicyRequest
        fields = ["title", "ministry", "status", "submitted_on", "decided_on", "owner",
                  "next_step", "next_step_due", "notes"]  # fmt: skip
        widgets = {"submitted_on": DATE, "decided_on": DATE, "next_step_due": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _owners()  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    """A meeting or a note on a lead."""

    text = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}))
    is_meeting = forms.BooleanField(label=_("This was a meeting"), required=False)


class DocumentForm(forms.Form):
    """A document to attach."""

    file = forms.FileField(label=_("document"))


class ReportForm(forms.Form):
    """The briefing report's period, language and format."""

    year_from = forms.IntegerField(label=_("from year"), min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_("to year"), min_value=1990, max_value=2100)
    language = forms.ChoiceField(label=_("language"), choices=[("ko", "한국어"), ("en", "English")])
    format = forms.ChoiceField(label=_("format"), choices=[("pdf", "PDF"), ("xlsx", "XLSX")])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["year_from"].initial = year - 1
        self.fields["year_to"].initial = year

    def clean(self) -> dict[str, Any]:
        """The period must not run backwards."""
        data = super().clean() or {}
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.add_error("year_to", _("The period ends before it starts."))
        return data


class RateForm(BoundedDatesMixin, forms.Form):
    """A rate: how many KRW one unit of a currency is worth from a date on."""

    date = forms.DateField(label=_("date"), widget=DATE)
    currency = forms.ChoiceField(
        label=_("currency"), choices=[c for c in CURRENCY_CHOICES if c[0] != "KRW"]
    )
    krw = forms.DecimalField(label=_("KRW per unit"), max_digits=14, decimal_places=4)


class ImportForm(forms.Form):
    """A CSV or XLSX of yearly figures."""

    file = forms.FileField(label=_("CSV or XLSX file"))
