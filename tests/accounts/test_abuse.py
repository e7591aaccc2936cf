"""Log-in abuse: wrong passwords lock the log-in for a while (operators unlock it); wrong API
tokens and password-reset mails are limited per client and address."""

from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import PASSWORD
from yeongilman.accounts.services import api_token_issue_from_console
from yeongilman.core.models import AuditEntry


def _login_url() -> str:
    with translation.override("en"):
        return reverse("accounts:login")


def _try(client, email: str, password: str):
    return client.post(_login_url(), {"username": email, "password": password})


def test_wrong_passwords_lock_the_log_in_and_an_operator_unlocks_it(client, member, operator):
    answers = [_try(client, member.email, "wrong-password").status_code for _i in range(5)]
    assert answers == [200, 200, 200, 200, 429]  # the fifth wrong password locks
    locked = _try(client, member.email, PASSWORD)
    assert locked.status_code == 429
    assert "locked" in locked.content.decode()
    assert client.get("/api/v1/me").json()["authenticated"] is False
    staff = login(type(client)(), operator)
    page = staff.get("/en/accounts/lockouts/").content.decode()
    assert member.email in page
    staff.post("/en/accounts/lockouts/", {"username": member.email, "ip": "127.0.0.1"})
    assert AuditEntry.objects.filter(action="login_unlocked").exists()
    assert _try(client, member.email, PASSWORD).status_code == 302
    assert client.get("/api/v1/me").json()["authenticated"] is True


def test_a_lock_is_for_that_address_and_connection_only(client, member, other_member):
    for _attempt in range(5):
        _try(client, member.email, "wrong-password")
    assert _try(client, other_member.email, PASSWORD).status_code == 302


def test_wrong_tokens_are_limited_per_client(client, settings, operator):
    settings.YV_TOKEN_FAILURE_LIMIT = 5
    _token, good = api_token_issue_from_console(user=operator, name="ok")
    for _attempt in range(5):
        assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer yv_wrong").status_code == 401
    blocked = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {good}")
    assert blocked.status_code == 429 and blocked.json()["detail"]
    other = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200 and other.json()["is_operator"]


def test_password_reset_mail_is_limited(client, member, django_capture_on_commit_callbacks):
    with translation.override("en"):
        url = reverse("accounts:password_reset")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(url, {"email": member.email}).status_code for _i in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_log_ins_tokens_roles_and_exports_join_the_audit_log(client, member, operator):
    _try(client, member.email, "wrong-password")
    _try(client, member.email, PASSWORD)
    staff = login(type(client)(), operator)
    staff.post("/en/accounts/tokens/", {"email": member.email, "name": "sync"})
    from yeongilman.accounts.models import ApiToken

    token = ApiToken.objects.get(user=member)
    staff.post("/en/accounts/tokens/", {"revoke": token.pk})
    # An operator makes the member a reviewer in the admin.
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    request = RequestFactory().post("/")
    request.user = operator
    member.is_reviewer = True
    site._registry[type(member)].save_model(request, member, form=None, change=True)
    staff.get("/en/directory/export/?format=csv")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    for action in ("login_failed", "login", "token_issued", "token_revoked", "data_exported"):
        assert action in actions
    failed = AuditEntry.objects.get(action="login_failed")
    assert failed.details["username"] == member.email and "password" not in str(failed.details)
    roles = AuditEntry.objects.filter(action="roles_changed").first()
    assert roles is not None and roles.details["changes"]["is_reviewer"] == [False, True]
