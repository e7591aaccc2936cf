"""Forms for sign-up, profile, invitations and tokens."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.models import TIME_ZONES, MembershipRole, User


class SignUpForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(render_value=False), strip=False
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(str(password), candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONES)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class TokenForm(forms.Form):
    email = forms.EmailField(label=_("User's e-mail address"))
    name = forms.CharField(label=_("Token name"), max_length=100)

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise forms.ValidationError(_("No user has this e-mail address."))
        return user
