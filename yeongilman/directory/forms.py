"""Forms for organisation and person profiles, directory filters and imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yeongilman.core.i18n import one_language_errors
from yeongilman.core.images import ACCEPT
from yeongilman.directory.models import Industry, Organisation, Person
from yeongilman.directory.taxonomy import country_choices


class CountryChoiceField(forms.ChoiceField):
    """A country picked from its names; a code sent in any case ("kr") is read as KR."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).strip().upper()


class IndustryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def picture_field(label: Any) -> forms.FileField:
    """A file input for a picture: the services check it (type, bytes, pixels)."""
    return forms.FileField(
        label=label, required=False, widget=forms.FileInput(attrs={"accept": ACCEPT})
    )


class PicturesMixin:
    """Upload and remove checkboxes for a form's pictures; `pictures()` gives the services
    what changed: a file to set, None to remove, nothing for a picture left alone."""

    picture_names: tuple[str, ...] = ()
    picture_help: dict[str, Any] = {}
    cleaned_data: dict[str, Any]
    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The limit is a setting, so the help is written when the form is made.
        limit = gettext("JPEG, PNG or WebP, up to %(megabytes)s MB.") % {
            "megabytes": f"{settings.YV_IMAGE_MAX_BYTES / 1024 / 1024:g}"
        }
        for name in self.picture_names:
            before = self.picture_help.get(name)
            self.fields[name].help_text = f"{before} {limit}" if before else limit

    def pictures(self) -> dict[str, Any]:
        """What the edit does to each picture."""
        changes: dict[str, Any] = {}
        for name in self.picture_names:
            upload = self.cleaned_data.get(name)
            if upload:
                changes[name] = upload
            elif self.cleaned_data.get(f"remove_{name}"):
                changes[name] = None
        return changes


class OrganisationForm(PicturesMixin, forms.ModelForm):
    """Create or edit a profile; industries are picked from the taxonomy."""

    industries = IndustryChoiceField(
        queryset=Industry.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Industries"),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separate tags with commas, for example: LFP, recycling, CES 2024."),
    )
    country = CountryChoiceField(label=_("Country"), choices=())
    # The profile's version when the form was opened: saving over a newer one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    logo = picture_field(_("Logo"))
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    cover = picture_field(_("Cover image"))
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)
    picture_names = ("logo", "cover")
    picture_help = {
        "logo": _("A square logo looks best."),
        "cover": _("A wide picture, cut to three times as wide as it is high."),
    }

    class Meta:
        model = Organisation
        fields = [
            "kind", "name_ko", "name_en", "description_ko", "description_en", "industries",
            "stage", "city", "country", "founded_year", "employees", "website",
            "business_number", "tags", "is_published", "cover_alt_ko", "cover_alt_en",
        ]  # fmt: skip
        widgets = {
            "description_ko": forms.Textarea(attrs={"rows": 5, "lang": "ko"}),
            "description_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "name_ko": forms.TextInput(attrs={"lang": "ko"}),
            "name_en": forms.TextInput(attrs={"lang": "en"}),
            "cover_alt_ko": forms.TextInput(attrs={"lang": "ko"}),
            "cover_alt_en": forms.TextInput(attrs={"lang": "en"}),
        }
        help_texts = {
            "cover_alt_ko": _("What the picture shows, for people who cannot see it."),
            "cover_alt_en": _("What the picture shows, for people who cannot see it."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = ", ".join(self.instance.tags)
            self.initial["version"] = self.instance.version
        # Every country by name in the viewer's language, the ecosystem's own first.
        country = self.fields["country"]
        assert isinstance(country, CountryChoiceField)
        country.choices = country_choices()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field, messages in one_language_errors(
            "name", cleaned.get("name_ko"), cleaned.get("name_en")
        ).items():
            for message in messages:
                self.add_error(field, message)
        return cleaned

    def service_values(self) -> dict[str, Any]:
        """The cleaned values in the shape the services take."""
        skip = {"industries", "version", "logo", "remove_logo", "cover", "remove_cover"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def expected_version(self) -> int | None:
        """The version the edit was made from (None: a new profile)."""
        return self.cleaned_data.get("version")

    def show_current_version(self, version: int) -> None:
        """After a refused stale save: keep what was typed; saving again goes over `version`."""
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict on a bound form
        data["version"] = str(version)
        self.data = data

    def industry_codes(self) -> list[str]:
        """Codes of the chosen industries."""
        return [i.code for i in self.cleaned_data.get("industries") or []]


class PersonForm(PicturesMixin, forms.ModelForm):
    """A person's details, consents and photo (shown only with their consent)."""

    photo = picture_field(_("Photo"))
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    picture_names = ("photo",)
    picture_help = {"photo": _("Shown only if the person agreed to it.")}

    class Meta:
        model = Person
        fields = [
            "name_ko", "name_latin", "title", "email", "phone", "contact_consent", "photo_consent",
        ]  # fmt: skip

    def service_values(self) -> dict[str, Any]:
        """The cleaned values in the shape the services take."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("photo", "remove_photo")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("name_ko") and not cleaned.get("name_latin"):
            self.add_error("name_ko", _("Give a name in Korean or in Latin letters."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("UTF-8 CSV or an Excel workbook; the first row holds the column names."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would change without saving"), required=False, initial=False
    )
