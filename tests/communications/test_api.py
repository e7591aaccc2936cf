"""The communications API: operators compose, preview, send and read the log; settings and
templates; participants and visitors are refused."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from tests.communications.conftest import TEXTS
from yeongilman.accounts.services import api_token_issue_from_console
from yeongilman.communications.models import EventCommsSettings, MailTemplate, Message
from yeongilman.outbox.models import Mail


def _auth(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": "Bearer " + api_token_issue_from_console(user=user, name="t")[1]}


def _post(client, url, body, user):
    return client.post(url, json.dumps(body), content_type="application/json", **_auth(user))


def test_operator_composes_previews_sends_and_reads_the_log(
    client, operator, b2b_day, pending_request, startup_user, investor_user,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    base = f"/api/v1/events/{b2b_day.pk}/messages"
    body = {"segment": "pending_requests", **TEXTS}
    preview = _post(client, base + "/preview", {**body, "language": "en"}, operator)
    assert preview.status_code == 200, preview.content
    assert preview.json()["count"] == 2
    assert preview.json()["subject"] == "About CES 2027 Pohang Pavilion B2B Day"
    created = _post(client, base, body, operator)
    assert created.status_code == 201 and created.json()["status"] == "draft"
    message_id = created.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = _post(client, f"{base}/{message_id}/send", {}, operator)
    assert sent.status_code == 200 and sent.json()["status"] in ("scheduled", "sent")
    assert Message.objects.get(pk=message_id).status == "sent"
    again = _post(client, f"{base}/{message_id}/send", {}, operator)
    assert again.status_code == 409
    log = client.get(f"{base}/{message_id}/deliveries", **_auth(operator))
    assert log.status_code == 200
    assert {(d["email"], d["language"]) for d in log.json()} == {
        (startup_user.email, "ko"), (investor_user.email, "en"),
    }  # fmt: skip
    listed = client.get(base, **_auth(operator)).json()
    assert [(m["id"], m["recipients"]) for m in listed] == [(message_id, 2)]


def test_a_message_is_scheduled_for_later(client, operator, b2b_day, registrations):
    created = _post(client, f"/api/v1/events/{b2b_day.pk}/messages", {"segment": "all", **TEXTS},
                    operator).json()  # fmt: skip
    when = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    answer = _post(
        client,
        f"/api/v1/events/{b2b_day.pk}/messages/{created['id']}/send",
        {"send_at": when.isoformat()},
        operator,
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "scheduled"
    assert not Mail.objects.filter(tag="communications.custom").exists()


def test_unknown_placeholders_answer_422_naming_them(client, operator, b2b_day):
    answer = _post(
        client,
        f"/api/v1/events/{b2b_day.pk}/messages",
        {"segment": "all", **TEXTS, "body_en": "Hi {first_name}"},
        operator,
    )
    assert answer.status_code == 422
    assert "{first_name}" in answer.json()["detail"]
    assert Message.objects.count() == 0


def test_participants_and_visitors_are_refused(client, startup_user, b2b_day, registrations):
    base = f"/api/v1/events/{b2b_day.pk}/messages"
    assert _post(client, base, {"segment": "all", **TEXTS}, startup_user).status_code == 403
    assert client.get(base).status_code == 401
    assert client.get("/api/v1/mail-templates", **_auth(startup_user)).status_code == 403
    assert Message.objects.count() == 0


def test_settings_read_and_patch(client, operator, b2b_day):
    url = f"/api/v1/events/{b2b_day.pk}/comms-settings"
    assert client.get(url, **_auth(operator)).json()["reminder_minutes_before"] == 60
    answer = client.patch(
        url, json.dumps({"expiry_enabled": True, "expire_after_days": 4,
                         "reminder_minutes_before": 30}),
        content_type="application/json", **_auth(operator),
    )  # fmt: skip
    assert answer.status_code == 200
    saved = EventCommsSettings.objects.get(event=b2b_day)
    assert (saved.expiry_enabled, saved.expire_after_days, saved.reminder_minutes_before) == (
        True, 4, 30,
    )  # fmt: skip
    wrong = client.patch(url, json.dumps({"reminder_minutes_before": 7}),
                         content_type="application/json", **_auth(operator))  # fmt: skip
    assert wrong.status_code == 422


def test_templates_are_listed_replaced_and_previewed(client, operator, b2b_day):
    listed = client.get("/api/v1/mail-templates", **_auth(operator)).json()
    assert [t["kind"] for t in listed] == ["nudge", "reminder", "expiry", "schedule_changed",
                                           "custom"]  # fmt: skip
    assert not any(t["customised"] for t in listed)
    texts = {"subject_ko": "{event} 알림", "subject_en": "{event} reminder",
             "body_ko": "{name}님", "body_en": "Dear {name}"}  # fmt: skip
    put = client.put("/api/v1/mail-templates/nudge", json.dumps(texts),
                     content_type="application/json", **_auth(operator))  # fmt: skip
    assert put.status_code == 200 and put.json()["customised"] is True
    assert MailTemplate.objects.get(kind="nudge").body_en == "Dear {name}"
    preview = _post(client, "/api/v1/mail-templates/nudge/preview", {"event": b2b_day.pk},
                    operator).json()  # fmt: skip
    assert preview["en"] == {"subject": "CES 2027 Pohang Pavilion B2B Day reminder",
                             "body": "Dear Kim Minji"}  # fmt: skip
    refused = client.put("/api/v1/mail-templates/nudge", json.dumps({**texts, "body_ko": "{x}"}),
                         content_type="application/json", **_auth(operator))  # fmt: skip
    assert refused.status_code == 422 and "{x}" in refused.json()["detail"]
    assert MailTemplate.objects.get(kind="nudge").body_ko == "{name}님"


def test_the_api_names_exactly_the_model_choices():
    from typing import get_args

    from yeongilman.communications import api
    from yeongilman.communications.models import MailKind, ReminderLead, Segment

    assert list(get_args(api.SegmentName)) == Segment.values
    assert list(get_args(api.KindName)) == MailKind.values
    assert list(get_args(api.LeadMinutes)) == ReminderLead.values
