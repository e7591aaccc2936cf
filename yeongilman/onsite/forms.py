"""Forms of the check-in desk: a walk-in's registration and the event's check-in staff."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class WalkInForm(forms.Form):
    """Someone without a registration, registered and checked in at the desk."""

    full_name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"), max_length=200, required=False
    )


class StaffForm(forms.Form):
    """An account to name as check-in staff of the event."""

    email = forms.EmailField(label=gettext_lazy("Their account's e-mail address"), max_length=254)
