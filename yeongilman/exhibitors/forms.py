"""Forms of the stand portal: the stand's profile, products, brochures, leads, the floor plan
and an exhibitor's product picture."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from yeongilman.core.forms import BoundedDatesMixin
from yeongilman.core.images import ACCEPT


class StandForm(forms.Form):
    """Where the stand is and what it is about, in both languages."""

    booth = forms.CharField(label=gettext_lazy("Booth number"), max_length=40, required=False)
    hall = forms.CharField(label=gettext_lazy("Hall"), max_length=60, required=False)
    zone = forms.CharField(label=gettext_lazy("Zone"), max_length=60, required=False)
    description_ko = forms.CharField(
        label=gettext_lazy("Stand description (Korean)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ko"}),
    )
    description_en = forms.CharField(
        label=gettext_lazy("Stand description (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )


class ProductForm(forms.Form):
    """A product with its name and description in Korean and/or English, and a picture."""

    name_ko = forms.CharField(
        label=gettext_lazy("Name (Korean)"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )  # fmt: skip
    name_en = forms.CharField(
        label=gettext_lazy("Name (English)"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"lang": "en"}),
    )  # fmt: skip
    description_ko = forms.CharField(
        label=gettext_lazy("Description (Korean)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "ko"}),
    )  # fmt: skip
    description_en = forms.CharField(
        label=gettext_lazy("Description (English)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
    )  # fmt: skip
    image = forms.FileField(
        label=gettext_lazy("Picture"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=gettext_lazy("JPEG, PNG or WebP. The product's name describes it."),
    )
    remove_image = forms.BooleanField(label=gettext_lazy("Remove the picture"), required=False)


class DocumentForm(forms.Form):
    """A brochure to hand out."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=gettext_lazy("Brochure (PDF, at most 10 MB)"),
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )


class LeadForm(BoundedDatesMixin, forms.Form):
    """A visitor met at the stand: by badge code or from the participants, with notes."""

    code = forms.CharField(
        label=gettext_lazy("Badge code"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Scan the badge with a scanner or type the code printed on it."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    registration = forms.TypedChoiceField(
        label=gettext_lazy("Or choose the participant"), required=False, coerce=int,
        empty_value=None,
    )  # fmt: skip
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Rating"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *((n, str(n)) for n in range(1, 6))],
    )
    tags = forms.CharField(
        label=gettext_lazy("Tags"), required=False, max_length=400,
        help_text=gettext_lazy("Separate tags with commas."),
    )  # fmt: skip
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_on = forms.DateField(
        label=gettext_lazy("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: object, candidates: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["registration"].choices = [("", "—"), *candidates]  # type: ignore[attr-defined]


class FloorPlanForm(forms.Form):
    """The exhibition's floor plan and its description for people who cannot see it."""

    image = forms.FileField(
        label=gettext_lazy("Floor plan"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    floor_plan_alt_ko = forms.CharField(
        label=gettext_lazy("Description of the plan (Korean)"), max_length=300, required=False
    )
    floor_plan_alt_en = forms.CharField(
        label=gettext_lazy("Description of the plan (English)"), max_length=300, required=False
    )
    remove = forms.BooleanField(label=gettext_lazy("Remove the floor plan"), required=False)


class ExhibitorImageForm(forms.Form):
    """An exhibitor's product image: upload one, or remove the one shown."""

    image = forms.FileField(
        label=gettext_lazy("Product image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    remove = forms.BooleanField(label=gettext_lazy("Remove the product image"), required=False)
