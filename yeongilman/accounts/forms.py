"""Forms for sign-up, profile, invitations and tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.models import TIME_ZONES, ConsentPurpose, MembershipRole, User
from yeongilman.outbox.services import mail_address


class SignUpForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(render_value=False), strip=False
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    consent_service = forms.BooleanField(
        label=ConsentPurpose.SERVICE.label,
        help_text=_("We keep your name, e-mail address, language and time zone to run your "
                    "account, until you delete it. Without this consent no account can be made."),
        error_messages={"required": _("This consent is needed for an account.")},
    )  # fmt: skip
    consent_contact = forms.BooleanField(
        label=ConsentPurpose.CONTACT.label, required=False,
        help_text=_("When your organisation accepts a partner's interest, the partner receives "
                    "your name and e-mail address. You may refuse; you can change it later."),
    )  # fmt: skip
    consent_newsletter = forms.BooleanField(
        label=ConsentPurpose.NEWSLETTER.label, required=False,
        help_text=_("You may refuse; you can change it later."),
    )  # fmt: skip

    def consents(self) -> set[str]:
        """The purposes ticked."""
        return {
            purpose
            for purpose in ConsentPurpose.values
            if self.cleaned_data.get(f"consent_{purpose}")
        }

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
    name_latin = forms.CharField(
        label=_("Name in Latin letters"),
        max_length=200,
        required=False,
        help_text=_("How English pages, badges and agendas write your name, e.g. Kim Min-jun."),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[("", _("(browser / event's zone)")), *TIME_ZONES],
        required=False,
    )


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


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the mail goes through the outbox in the user's language."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Render the reset mail in the account's language and queue it."""

        user = context.get("user")
        language = getattr(user, "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        mail_address(
            address=to_email,
            language=language,
            subject=subject,
            body=body,
            user=user if isinstance(user, User) else None,
            tag="accounts.password_reset",
        )
