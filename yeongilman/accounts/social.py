"""Social log-in (django-allauth): existing accounts are found by the e-mail address the
provider vouches for; new people give the same consents as on the sign-up page."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.forms import SignupForm
from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.access import is_privileged
from yeongilman.accounts.consents import consents_give
from yeongilman.accounts.models import ConsentPurpose, User


class AccountAdapter(DefaultAccountAdapter):
    """After a log-in, continue in the person's own language."""

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """The home page in the user's preferred language."""
        language = getattr(request.user, "language", "") or settings.LANGUAGE_CODE
        return f"/{language}/"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """New people from a provider get the interface language they used and their consents."""

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> User:
        """The new user's name from the provider, language from the page they came from."""
        user: User = super().populate_user(request, sociallogin, data)
        name = (
            data.get("name")
            or " ".join(p for p in (data.get("first_name"), data.get("last_name")) if p)
            or data.get("username")  # Kakao's nickname
        )
        user.full_name = (name or "")[:200]
        language = translation.get_language() or settings.LANGUAGE_CODE
        user.language = language if language in dict(settings.LANGUAGES) else "ko"
        return user

    def authenticate_by_email(self, sociallogin: Any) -> tuple[Any, str] | None:
        """An existing account with the provider's address, unless it holds powers: operators,
        staff, superusers and reviewers are never entered (nor linked) through a provider's
        word about an address (Naver, for one, calls every address verified); they sign in
        with their password and connect the provider themselves."""
        found = super().authenticate_by_email(sociallogin)
        if found is not None and is_privileged(found[0]):
            return None
        return found

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> User:
        """Create the account, with the consents given on the form."""
        user: User = super().save_user(request, sociallogin, form)
        consents_give(user=user, purposes=form.consents() if form is not None else set())
        return user


class SocialSignupForm(SignupForm):
    """allauth's sign-up after a provider, with the consents of our sign-up page."""

    consent_service = forms.BooleanField(
        label=ConsentPurpose.SERVICE.label,
        error_messages={"required": _("This consent is needed for an account.")},
    )
    consent_contact = forms.BooleanField(label=ConsentPurpose.CONTACT.label, required=False)
    consent_newsletter = forms.BooleanField(label=ConsentPurpose.NEWSLETTER.label, required=False)

    def consents(self) -> set[str]:
        """The purposes ticked."""
        return {p for p in ConsentPurpose.values if self.cleaned_data.get(f"consent_{p}")}
