"""Operators' pages: compose with preview, send now and schedule, the log, settings, templates."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from tests.communications.conftest import TEXTS
from tests.conftest import login
from yeongilman.communications.models import EventCommsSettings, MailTemplate, Message
from yeongilman.outbox.models import Mail


def _url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"communications:{name}", kwargs=kwargs)


def test_compose_previews_without_sending(client, operator, b2b_day, registrations):
    login(client, operator)
    mails_before = Mail.objects.count()
    answer = client.post(
        _url("compose", slug=b2b_day.slug), {"segment": "confirmed", "action": "preview", **TEXTS}
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "2 people receive this message." in html
    assert "김회원님, 내일 뵙겠습니다." in html
    assert Message.objects.count() == 0 and Mail.objects.count() == mails_before


def test_compose_sends_now_and_the_log_shows_each_recipient(
    client, operator, b2b_day, registrations, investor_user, django_capture_on_commit_callbacks
):
    login(client, operator)
    url = _url("compose", slug=b2b_day.slug)
    # "Send now" first asks: to how many, and that it cannot be called back; nothing is sent.
    asked = client.post(url, {"segment": "confirmed", "action": "send", **TEXTS})
    html = asked.content.decode()
    assert asked.status_code == 200 and 'id="confirm-send"' in html
    assert "Send this message to 2 people now?" in html and "2 people receive this message." in html
    assert not Message.objects.exists()
    # A number that no longer holds (the segment changed meanwhile) asks again.
    again = client.post(url, {"segment": "confirmed", "action": "send", "confirmed": "5", **TEXTS})
    assert 'id="confirm-send"' in again.content.decode() and not Message.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            url, {"segment": "confirmed", "action": "send", "confirmed": "2", **TEXTS}
        )
    message = Message.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == _url("message", slug=b2b_day.slug, message_id=message.pk)
    assert message.status == "sent"
    page = client.get(answer["Location"]).content.decode()
    assert investor_user.email in page and "member@example.org" in page
    log = client.get(_url("messages", slug=b2b_day.slug)).content.decode()
    assert "{event} 안내" in log  # the subject as written


def test_compose_schedules_in_the_operators_zone(client, operator, b2b_day, registrations):
    operator.time_zone = "Asia/Seoul"
    operator.save()
    login(client, operator)
    answer = client.post(
        _url("compose", slug=b2b_day.slug),
        {"segment": "all", "action": "schedule", "send_at": "2030-05-01T09:30", **TEXTS},
    )
    assert answer.status_code == 302
    message = Message.objects.get()
    assert message.status == "scheduled"
    assert message.send_at is not None
    assert message.send_at.isoformat() == "2030-05-01T00:30:00+00:00"


def test_schedule_without_a_time_and_unknown_placeholders_are_explained(client, operator, b2b_day):
    login(client, operator)
    url = _url("compose", slug=b2b_day.slug)
    no_time = client.post(url, {"segment": "all", "action": "schedule", **TEXTS})
    assert "Choose when to send the message." in no_time.content.decode()
    unknown = client.post(url, {"segment": "all", "action": "send", **TEXTS, "body_en": "{foo}"})
    assert "{foo}" in unknown.content.decode()
    assert Message.objects.count() == 0


def test_settings_page_saves_the_switches(client, operator, b2b_day):
    login(client, operator)
    answer = client.post(
        _url("settings", slug=b2b_day.slug),
        {"reminders_enabled": "on", "reminder_minutes_before": "30", "nudge_every_days": "2",
         "expiry_enabled": "on", "expire_after_days": "3"},
    )  # fmt: skip
    assert answer.status_code == 302
    saved = EventCommsSettings.objects.get(event=b2b_day)
    assert (saved.reminder_minutes_before, saved.expiry_enabled, saved.nudges_enabled) == (
        30, True, False,
    )  # fmt: skip


def test_template_page_previews_and_saves(client, operator):
    login(client, operator)
    url = _url("template_edit", kind="reminder")
    texts = {"subject_ko": "알림", "subject_en": "Soon", "body_ko": "{name}님",
             "body_en": "Hi {name} at {table}"}  # fmt: skip
    preview = client.post(url, {**texts, "action": "preview"}).content.decode()
    assert "Hi Kim Minji at Table 3" in preview
    assert not MailTemplate.objects.exists()
    assert client.post(url, {**texts, "action": "save"}).status_code == 302
    assert MailTemplate.objects.get(kind="reminder").body_en == "Hi {name} at {table}"
    assert client.get(_url("templates")).status_code == 200


def test_participants_cannot_open_the_pages(client, startup_user, b2b_day, registrations):
    login(client, startup_user)
    for url in (_url("compose", slug=b2b_day.slug), _url("messages", slug=b2b_day.slug),
                _url("settings", slug=b2b_day.slug), _url("templates")):  # fmt: skip
        assert client.get(url).status_code == 403
    answer = client.post(_url("compose", slug=b2b_day.slug), {"segment": "all", "action": "send",
                                                               **TEXTS})  # fmt: skip
    assert answer.status_code == 403
    assert Message.objects.count() == 0
