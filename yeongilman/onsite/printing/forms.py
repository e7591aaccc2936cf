"""The printing page's form: what to print, for whom, on which label."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yeongilman.onsite.printing.data import LABELS, WHAT


class PrintingForm(forms.Form):
    """What to print for the whole event, and on which labels."""

    what = forms.ChoiceField(label=_("File"), choices=list(WHAT.items()))
    label = forms.ChoiceField(
        label=_("Badge size"),
        choices=[(k, v.name) for k, v in LABELS.items()],
        initial="a6",
        required=False,
    )
