"""Sign-up, sign-in with a sticky language, password reset, invitations and API tokens."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import PASSWORD, make_user
from yeongilman.accounts.models import Invitation, Membership, User
from yeongilman.accounts.services import invitation_accept, invitation_create
from yeongilman.core.errors import NotFound, PermissionDenied


def _url(name, lang="ko", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def test_sign_up_creates_a_visitor_account_and_signs_in(client, db):
    response = client.post(
        _url("accounts:signup"),
        {"email": "New@Example.org", "full_name": "New", "password": PASSWORD, "language": "en",
         "consent_service": "on"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"].startswith("/en/")
    user = User.objects.get(email="new@example.org")
    assert (user.language, user.is_operator, user.is_reviewer) == ("en", False, False)
    assert client.get("/api/v1/me").json()["authenticated"] is True


def test_sign_up_keeps_input_and_explains_a_weak_password(client, db):
    response = client.post(
        _url("accounts:signup", "en"),
        {"email": "x@example.org", "full_name": "Kept Name", "password": "123", "language": "ko"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kept Name" in body and "x@example.org" in body
    assert "too short" in body
    assert not User.objects.filter(email="x@example.org").exists()


def test_duplicate_email_is_refused(client, member):
    response = client.post(
        _url("accounts:signup", "en"),
        {"email": member.email, "password": PASSWORD, "language": "ko"},
    )
    assert "already exists" in response.content.decode()


def test_login_moves_to_the_users_language(client, other_member):
    response = client.post(
        _url("accounts:login", "ko"),
        {
            "username": other_member.email,
            "password": PASSWORD,
            "next": _url("directory:list", "ko"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url("directory:list", "en")
    assert client.cookies["yv_language"].value == "en"


def test_logout(client, member):
    login(client, member)
    client.post(_url("accounts:logout"))
    assert client.get("/api/v1/me").json()["authenticated"] is False


def test_password_reset_sends_a_working_link(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("accounts:password_reset", "en"), {"email": member.email})
    assert len(mail.outbox) == 1
    match = re.search(r"http://testserver(\S+)", str(mail.outbox[0].body))
    assert match
    link = match.group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-pass-77", "new_password2": "another-long-pass-77"},
    )
    assert response.status_code == 302
    logged_in = client.post(
        _url("accounts:login", "en"),
        {"username": member.email, "password": "another-long-pass-77"},
    )
    assert logged_in.status_code == 302
    assert client.get("/api/v1/me").json()["authenticated"] is True


def test_profile_saves_language(client, member):
    login(client, member)
    client.post(
        _url("accounts:profile"),
        {"full_name": "김회원", "language": "en", "time_zone": "America/New_York"},
    )
    member.refresh_from_db()
    assert (member.language, member.time_zone) == ("en", "America/New_York")


def test_operator_invites_and_invitee_joins_with_role(client, operator, battery_startup):
    invitation = invitation_create(
        actor=operator,
        email="Newbie@Example.org",
        organisation=battery_startup,
        role="editor",
        accept_url_base="http://testserver/ko/accounts/invitations",
    )
    assert invitation.email == "newbie@example.org"
    newbie = make_user("newbie@example.org")
    membership = invitation_accept(user=newbie, token=invitation.token)
    assert (membership.organisation, membership.role) == (battery_startup, "editor")
    with pytest.raises(NotFound):
        invitation_accept(user=newbie, token=invitation.token)  # used once only


def test_invitation_mail_is_sent_on_commit(
    client, operator, battery_startup, django_capture_on_commit_callbacks
):
    login(client, operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("directory:invite", slug=battery_startup.slug),
            {"email": "partner@example.org", "role": "owner"},
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["partner@example.org"]
    token = Invitation.objects.get().token
    assert f"/accounts/invitations/{token}/" in mail.outbox[0].body


def test_invitation_page_accepts_for_the_right_user(client, operator, battery_startup):
    invitation = invitation_create(
        actor=operator,
        email="joiner@example.org",
        organisation=battery_startup,
        role="owner",
        accept_url_base="http://testserver",
    )
    url = _url("accounts:invitation_accept", token=invitation.token)
    wrong = make_user("wrong@example.org")
    login(client, wrong)
    response = client.post(url)
    assert "joiner@example.org" in response.content.decode()
    assert not Membership.objects.filter(user=wrong).exists()
    client.logout()
    joiner = make_user("joiner@example.org")
    login(client, joiner)
    assert client.post(url).status_code == 302
    assert Membership.objects.get(user=joiner).role == "owner"


def test_members_cannot_invite(member, battery_startup):
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=member,
            email="x@example.org",
            organisation=battery_startup,
            role="owner",
            accept_url_base="http://testserver",
        )
    assert not Invitation.objects.exists()


def test_token_page_shows_the_raw_token_once(client, operator, member):
    login(client, operator)
    response = client.post(_url("accounts:tokens"), {"email": member.email, "name": "script"})
    match = re.search(r'id="new-token">(yv_[^<]+)<', response.content.decode())
    assert match
    raw = match.group(1)
    assert (
        client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["email"] == member.email
    )
    assert raw not in client.get(_url("accounts:tokens")).content.decode()
