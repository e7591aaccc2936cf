"""Social log-in (Google, Kakao, Naver through django-allauth), completed with allauth's own
helpers (no network): an existing account is found by the e-mail the provider vouches for and
keeps its language and roles; a new person gives the consents before an account exists."""

import pytest
from allauth.core import context
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.test import RequestFactory

from yeongilman.accounts.models import Consent, User


def _profile(provider: str, uid: str, email: str, verified: bool) -> dict:
    """The profile each provider's API answers with (the fields allauth reads)."""
    if provider == "kakao":
        return {"id": uid, "kakao_account": {"email": email, "is_email_verified": verified,
                                             "profile": {"nickname": "Kim Social"}}}  # fmt: skip
    if provider == "naver":
        return {"id": uid, "email": email, "name": "Kim Social"}
    return {"sub": uid, "email": email, "email_verified": verified, "given_name": "Kim",
            "family_name": "Social"}  # fmt: skip


def _complete(client, provider: str, uid: str, email: str, verified: bool = True):
    """What the provider's callback does once the provider answered, in the client's session."""
    request = RequestFactory().get(f"/en/accounts/social/{provider}/login/callback/")
    request.session = client.session
    request.user = AnonymousUser()
    request._messages = default_storage(request)  # type: ignore[attr-defined]
    with context.request_context(request):  # what allauth's middleware sets up
        provider_obj = get_adapter().get_provider(request, provider)
        login = provider_obj.sociallogin_from_response(
            request, _profile(provider, uid, email, verified)
        )
        response = complete_social_login(request, login)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
    return response


def test_the_log_in_page_offers_the_configured_providers(client, db):
    page = client.get("/en/accounts/login/").content.decode()
    for name in ("Google", "Kakao", "Naver"):
        assert name in page
    assert "/accounts/social/kakao/login/" in page


def test_a_verified_email_signs_in_to_the_existing_account_keeping_its_language(client, member):
    member.language = "en"
    member.save()
    response = _complete(client, "kakao", "kakao-1", member.email)
    assert response.status_code == 302 and response["Location"] == "/en/"
    me = client.get("/api/v1/me").json()
    assert me["email"] == member.email and me["is_operator"] is False
    assert SocialAccount.objects.get(provider="kakao").user == member
    member.refresh_from_db()
    assert member.language == "en"
    assert User.objects.count() == 1


@pytest.mark.parametrize("provider", ["naver", "kakao", "google"])
@pytest.mark.parametrize("power", ["is_operator", "is_staff", "is_reviewer"])
def test_an_account_with_powers_is_never_entered_nor_linked_by_a_providers_address(
    client, member, provider, power
):
    setattr(member, power, True)
    member.save()
    response = _complete(client, provider, f"{provider}-9", member.email)
    assert client.get("/api/v1/me").json().get("email") != member.email  # not signed in
    assert not SocialAccount.objects.filter(user=member).exists()
    assert response.status_code == 302 and "/accounts/social/signup/" in response["Location"]
    # The sign-up that follows cannot take the address either.
    taken = client.post(response["Location"], {"email": member.email, "consent_service": "on"})
    assert taken.status_code == 200
    assert User.objects.filter(email=member.email).count() == 1
    assert not SocialAccount.objects.exists()


def test_an_unverified_email_does_not_take_over_an_account(client, member):
    _complete(client, "google", "g-1", member.email, verified=False)
    assert not SocialAccount.objects.filter(user=member).exists()
    assert client.get("/api/v1/me").json().get("email") != member.email


def test_a_new_person_gives_the_consents_before_the_account_exists(client, db):
    response = _complete(client, "google", "g-2", "newcomer@example.kr")
    assert response.status_code == 302 and "/accounts/social/signup/" in response["Location"]
    assert not User.objects.filter(email="newcomer@example.kr").exists()
    form = client.get(response["Location"]).content.decode()
    assert "consent_service" in form and "newcomer@example.kr" in form
    refused = client.post(response["Location"], {"email": "newcomer@example.kr"})
    assert refused.status_code == 200 and not User.objects.filter(email="newcomer@example.kr")
    done = client.post(
        response["Location"],
        {"email": "newcomer@example.kr", "consent_service": "on", "consent_contact": "on"},
    )
    assert done.status_code == 302
    user = User.objects.get(email="newcomer@example.kr")
    assert user.full_name == "Kim Social" and not user.is_operator
    assert set(Consent.objects.filter(user=user).values_list("purpose", flat=True)) == {
        "service",
        "contact",
    }
    assert SocialAccount.objects.get(provider="google").user == user


def test_naver_vouches_for_its_addresses(client, member):
    _complete(client, "naver", "n-1", member.email)
    assert client.get("/api/v1/me").json()["email"] == member.email
