"""Privacy (PIPA): separate consents at sign-up kept with the policy version; withdrawing
optional ones; a copy of one's data; deleting the account; retention."""

import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import login
from tests.factories import PASSWORD, make_user
from yeongilman.accounts.consents import consent_active
from yeongilman.accounts.models import Consent, Membership, User
from yeongilman.core.models import AuditEntry
from yeongilman.outbox.models import Mail


def test_sign_up_needs_the_required_consent_and_records_each_one(client, settings, db):
    form = {"email": "new@example.org", "password": PASSWORD, "language": "en"}
    refused = client.post("/en/accounts/signup/", form)
    assert refused.status_code == 200 and "This consent is needed" in refused.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()
    client.post(
        "/en/accounts/signup/", {**form, "consent_service": "on", "consent_newsletter": "on"}
    )
    user = User.objects.get(email="new@example.org")
    given = {c.purpose: c.policy_version for c in Consent.objects.filter(user=user)}
    assert given == {"service": settings.YV_PRIVACY_POLICY_VERSION,
                     "newsletter": settings.YV_PRIVACY_POLICY_VERSION}  # fmt: skip


def test_optional_consents_are_withdrawn_and_given_again_the_required_one_stays(client, member):
    login(client, member)
    client.post("/en/privacy/my-data/", {"purpose": "contact", "given": "0"})
    assert not consent_active(member, "contact")
    withdrawn = Consent.objects.get(user=member, purpose="contact")
    assert withdrawn.withdrawn_at is not None  # the record stays as proof
    client.post("/en/privacy/my-data/", {"purpose": "contact", "given": "1"})
    assert consent_active(member, "contact")
    answer = client.post("/en/privacy/my-data/", {"purpose": "service", "given": "0"}, follow=True)
    assert "delete your account" in answer.content.decode()
    assert consent_active(member, "service")
    assert AuditEntry.objects.filter(action="consent_withdrawn", actor=member).exists()


def test_partners_get_only_the_contacts_of_members_who_agreed(
    member, other_member, battery_startup, pittsburgh_lab, django_capture_on_commit_callbacks
):
    from yeongilman.accounts.consents import consent_set
    from yeongilman.partnering import services

    consent_set(user=other_member, purpose="contact", given=False)
    offer = services.opportunity_create(
        actor=other_member, owner=pittsburgh_lab, publish=True,
        values={"type": "pilot_offered", "title_en": "Pilot line", "description_en": "Open."},
    )  # fmt: skip
    interest = services.interest_send(actor=member, opportunity=offer,
                                      organisation=battery_startup, message="Hi")  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_answer(actor=other_member, interest=interest, accept=True)
    to_member = next(m for m in mail.outbox if m.to == [member.email])
    assert other_member.email not in to_member.body
    to_partner = next(m for m in mail.outbox if m.to == [other_member.email])
    assert member.email in to_partner.body  # the member agreed


def test_a_person_downloads_everything_about_them_and_no_secret(
    client, member, battery_startup, operator
):
    from yeongilman.accounts.services import api_token_issue

    api_token_issue(actor=operator, user=member, name="sync")
    login(client, member)
    data = json.loads(client.get("/en/privacy/my-data/download/?format=json").content)
    assert data["account"]["email"] == member.email
    assert "password" not in data["account"] and "calendar_token" not in data["account"]
    records = data["records"]
    assert any(r["organisation"] == battery_startup.pk for r in records["accounts.membership.user"])
    assert all("digest" not in r for r in records["accounts.apitoken.user"])
    assert {c["purpose"] for c in records["accounts.consent.user"]} == {"service", "contact"}
    book = load_workbook(
        io.BytesIO(client.get("/en/privacy/my-data/download/?format=xlsx").content)
    )
    assert [r[0] for r in book["Organisations"].iter_rows(min_row=2, values_only=True)] == [
        battery_startup.name.primary
    ]
    assert AuditEntry.objects.filter(action="data_exported", actor=member).count() == 2


def test_deleting_an_account_erases_the_person_and_keeps_records_under_a_pseudonym(
    client, member, battery_startup, django_capture_on_commit_callbacks
):
    from yeongilman.programs.models import Application

    login(client, member)
    refused = client.post("/en/privacy/my-data/delete/", {"confirm_email": "wrong@example.org"})
    assert User.objects.get(pk=member.pk).is_active
    assert refused.status_code == 302
    applications = list(Application.objects.filter(submitted_by=member))
    entries = AuditEntry.objects.filter(actor=member).count()
    assert entries > 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/privacy/my-data/delete/", {"confirm_email": member.email})
    gone = User.objects.get(pk=member.pk)
    assert gone.email.endswith("@invalid.yeongilman") and gone.full_name == ""
    assert not gone.is_active and not gone.has_usable_password()
    assert not Membership.objects.filter(user=gone).exists()
    assert not Mail.objects.filter(to_address=member.email).exists()
    assert (
        AuditEntry.objects.filter(actor=gone, actor_label=f"deleted user #{gone.pk}").count()
        >= entries
    )
    assert not AuditEntry.objects.filter(actor_label=member.email).exists()
    assert AuditEntry.objects.filter(action="account_deleted", subject_id=gone.pk).exists()
    assert list(Application.objects.filter(submitted_by=gone)) == applications
    assert client.get("/api/v1/me").json()["authenticated"] is False
    assert (
        client.post(
            "/en/accounts/login/", {"username": member.email, "password": PASSWORD}
        ).status_code
        == 200
    )


def test_a_deleted_persons_address_leaves_every_audit_entry_whatever_the_key(
    client, operator, member
):
    from yeongilman.core.audit import audit_record

    # An operator's entry that names the member under keys other than "username", nested too.
    audit_record(
        actor=operator, action="invitation_created", subject=None, scope="accounts",
        email=member.email.upper(), invited={"to": member.email, "role": "editor"},
    )  # fmt: skip
    login(client, member)
    client.post("/en/privacy/my-data/delete/", {"confirm_email": member.email})
    assert not any(
        member.email in json.dumps(entry.details).lower() for entry in AuditEntry.objects.all()
    )
    entry = AuditEntry.objects.get(action="invitation_created")
    assert entry.details == {
        "email": f"deleted user #{member.pk}",
        "invited": {"to": f"deleted user #{member.pk}", "role": "editor"},
    }
    assert entry.actor_label == operator.email  # the operator's own entry is theirs still


@pytest.mark.usefixtures("battery_startup")
def test_retention_erases_old_rejected_files_and_old_mail(settings, operator, member):
    from yeongilman.privacy.services import retention_apply

    old = Mail.objects.create(user=member, to_address=member.email, language="ko",
                              subject="s", body="b", status="sent")  # fmt: skip
    Mail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    fresh = Mail.objects.create(user=member, to_address=member.email, language="ko",
                                subject="s", body="b", status="sent")  # fmt: skip
    counts = retention_apply()
    assert counts["mails"] == 1
    assert not Mail.objects.filter(pk=old.pk).exists() and Mail.objects.filter(pk=fresh.pk).exists()
    assert AuditEntry.objects.filter(action="retention_applied").exists()
    make_user("unused@example.org")
