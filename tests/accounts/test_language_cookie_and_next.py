"""The language cookie set at log-in and sign-up is the switch's cookie (SameSite=Lax, Secure
where the site is); sign-up's `next` is checked by Django's own rule, not by hand."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from yeongilman.accounts.models import User


def _sign_up(client, next_url: str):
    form = {"email": "new@example.org", "password": PASSWORD, "language": "en",
            "consent_service": "on"}  # fmt: skip
    return client.post(f"/en/accounts/signup/?next={next_url}", form)


def test_the_language_cookie_at_log_in_is_lax_and_secure_in_production(client, settings, member):
    settings.LANGUAGE_COOKIE_SECURE = True  # what config.settings.production sets
    answer = client.post("/en/accounts/login/", {"username": member.email, "password": PASSWORD})
    assert answer.status_code == 302
    cookie = answer.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["samesite"], cookie["secure"]) == ("ko", "Lax", True)


def test_the_language_cookie_at_sign_up_is_lax_and_secure_in_production(client, settings, db):
    settings.LANGUAGE_COOKIE_SECURE = True
    answer = _sign_up(client, "/en/directory/")
    cookie = answer.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["samesite"], cookie["secure"]) == ("en", "Lax", True)


@pytest.mark.parametrize(
    "next_url",
    ["/%5Cevil.example/", "https://evil.example/", "//evil.example/", "/\t/evil.example"],
)
def test_sign_up_never_sends_a_new_person_off_site(client, db, next_url):
    answer = _sign_up(client, next_url)
    assert answer.status_code == 302 and answer["Location"] == "/en/"
    assert User.objects.filter(email="new@example.org").exists()


def test_sign_up_follows_next_on_the_site(client, db):
    assert _sign_up(client, "/en/directory/")["Location"] == "/en/directory/"
