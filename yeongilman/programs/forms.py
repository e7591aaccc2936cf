"""Page forms for programmes: the application form is built from the call's fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yeongilman.core.forms import BoundedDatesMixin
from yeongilman.directory.models import Industry, OrganisationKind
from yeongilman.programs.models import (
    Application,
    Call,
    Criterion,
    FieldKind,
    FormField,
    Program,
    Stage,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _form_field(field: FormField) -> forms.Field:
    label, help_text = str(field.label), str(field.help)
    common: dict[str, Any] = {"label": label, "help_text": help_text, "required": False}
    choices = [(c.get("value"), field.choice_label(c.get("value", ""))) for c in field.choices]
    attrs: dict[str, Any] = {"data-required": "1"} if field.required else {}
    if field.kind == FieldKind.LONG_TEXT:
        if field.max_chars:
            attrs["data-limit"] = field.max_chars
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5, **attrs}), **common)
    if field.kind == FieldKind.NUMBER:
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal", **attrs}),
                               **common)  # fmt: skip
    if field.kind == FieldKind.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date", **attrs}), **common)
    if field.kind == FieldKind.CHOICE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect(attrs=attrs), **common)
    if field.kind == FieldKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple(attrs=attrs), **common
        )
    if field.kind == FieldKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect(attrs=attrs), **common)
    if field.kind == FieldKind.FILE:
        accept = ",".join(f".{t}" for t in field.allowed_types)
        return forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": accept, **attrs}),
                               **common)  # fmt: skip
    if field.max_chars:
        attrs["maxlength"] = field.max_chars
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)


def application_form(
    application: Application, fields: list[FormField], data: Any = None, files: Any = None
) -> forms.Form:
    """A form with one input per live question, filled with the saved answers."""
    form = forms.Form(data=data, files=files, initial=application.answers)
    for field in fields:
        if not field.retired:
            form.fields[field.key] = _form_field(field)
            form.fields[field.key].yv_required = field.required  # type: ignore[attr-defined]
    return form


class CallForm(BoundedDatesMixin, forms.ModelForm):
    """An operator's call: texts, dates, places, eligibility, review settings."""

    eligible_kinds = forms.MultipleChoiceField(
        label=_("eligible kinds"), choices=OrganisationKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    eligible_industries = forms.ModelMultipleChoiceField(
        label=_("eligible industries"), queryset=Industry.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    eligible_cities = forms.CharField(
        label=_("eligible cities"), required=False, help_text=_("Comma-separated, e.g. Pohang")
    )
    opens_at = forms.DateTimeField(
        label=_("opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    class Meta:
        model = Call
        fields = [
            "program", "slug", "title_ko", "title_en", "description_ko", "description_en",
            "budget_krw", "places", "time_zone", "opens_at", "closes_at", "is_published",
            "eligible_kinds", "eligible_industries", "eligible_cities", "founded_from_year",
            "max_age_years", "max_employees", "reviewers_per_application", "blind_review",
            "event", "contact_name", "contact_email", "contact_phone",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.all()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["eligible_cities"] = ", ".join(self.instance.eligible_cities)

    def clean_eligible_cities(self) -> list[str]:
        """Comma-separated cities as a list."""
        raw = self.cleaned_data.get("eligible_cities") or ""
        return [c.strip() for c in raw.split(",") if c.strip()]


class FieldForm(BoundedDatesMixin, forms.ModelForm):
    """A question of the form; choices one per line as `value | Korean | English`."""

    choices_text = forms.CharField(
        label=_("choices"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: value | Korean label | English label"),
    )  # fmt: skip
    allowed_types_text = forms.CharField(
        label=_("allowed file types"), required=False, help_text=_("e.g. pdf, png, jpg")
    )

    class Meta:
        model = FormField
        fields = ["kind", "label_ko", "label_en", "help_ko", "help_en", "required", "max_chars",
                  "max_size_mb"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["choices_text"] = "\n".join(
                f"{c.get('value', '')} | {c.get('ko', '')} | {c.get('en', '')}"
                for c in self.instance.choices
            )
            self.initial["allowed_types_text"] = ", ".join(self.instance.allowed_types)

    def values(self) -> dict[str, Any]:
        """Cleaned values in the shape the services take."""
        data = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        choices = []
        for line in (self.cleaned_data.get("choices_text") or "").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if parts and parts[0]:
                parts += ["", ""]
                choices.append({"value": parts[0], "ko": parts[1] or parts[0],
                                "en": parts[2] or parts[1] or parts[0]})  # fmt: skip
        data["choices"] = choices
        data["allowed_types"] = (self.cleaned_data.get("allowed_types_text") or "").split(",")
        return data


class CriterionForm(BoundedDatesMixin, forms.ModelForm):
    """A weighted criterion of the rubric."""

    class Meta:
        model = Criterion
        fields = ["name_ko", "name_en", "guidance_ko", "guidance_en", "weight", "min_score",
                  "max_score"]  # fmt: skip


class OverrideForm(BoundedDatesMixin, forms.Form):
    """A decision by hand on one application."""

    outcome = forms.ChoiceField(
        label=_("outcome"),
        choices=[
            ("selected", _("Selected")),
            ("not_selected", _("Not selected")),
            ("pending", _("Back to the ranking")),
        ],  # fmt: skip
    )
    reason = forms.CharField(label=_("reason"), required=False, max_length=500)


class StageForm(BoundedDatesMixin, forms.ModelForm):
    """A review stage's name, reviewers, cut-off, blindness and dates (operators)."""

    blind_review = forms.NullBooleanField(
        label=_("blind review (applicant hidden)"), required=False,
        widget=forms.Select(choices=[("unknown", _("As the call says")), ("true", _("Yes")),
                                     ("false", _("No"))]),
    )  # fmt: skip
    starts_at = forms.DateTimeField(
        label=_("starts"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    ends_at = forms.DateTimeField(
        label=_("ends"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip

    class Meta:
        model = Stage
        fields = [
            "name_ko", "name_en", "reviewers_per_application", "blind_review", "cutoff",
            "cutoff_top", "cutoff_score", "starts_at", "ends_at",
        ]  # fmt: skip
