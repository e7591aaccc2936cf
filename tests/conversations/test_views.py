"""The pages: the header's unread count, the inbox, writing (a refused message stays in the
form), polling, the draft, starting about a subject, the operators' reports (reading is
audited) and the attachment's download."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.conversations.conftest import start
from yeongilman.conversations import services
from yeongilman.conversations.models import Conversation, Message, Participant
from yeongilman.core.models import AuditEntry


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def test_the_header_counts_unread_messages_and_the_inbox_lists_them(
    client, member, other_member, interest
):
    start(member, interest)
    login(client, other_member)
    page = client.get(_url("conversations:inbox")).content.decode()
    assert 'class="messages-link"' in page and '<span class="unread-count"' in page
    assert "Interest in “Battery line controllers”" in page and "영일만배터리" in page


def test_the_header_count_follows_new_messages_without_a_reload(
    client, member, other_member, interest
):
    conversation = start(member, interest)
    login(client, other_member)
    page = client.get(_url("conversations:inbox")).content.decode()
    badge = _url("conversations:unread")
    assert f'hx-get="{badge}?n=1"' in page and 'hx-trigger="every 60s"' in page
    # Nothing new: the page stays as it is.
    assert client.get(badge + "?n=1").status_code == 204
    services.message_post(actor=member, conversation=conversation, body="새 소식")
    changed = client.get(badge + "?n=1")
    html = changed.content.decode()
    assert changed.status_code == 200 and '<span class="unread-count"' in html
    assert ">2</span>" in html and f'hx-get="{badge}?n=2"' in html
    client.logout()
    assert client.get(badge + "?n=0").status_code == 302  # signed out: to the log-in page


def test_writing_on_the_page_and_a_refused_message_stays_in_the_form(client, member, interest):
    conversation = start(member, interest)
    login(client, member)
    url = _url("conversations:detail", conversation.pk)
    sent = client.post(url, {"body": "두 번째 메시지", "client_id": "p1"})
    assert sent.status_code == 302 and Message.objects.count() == 2
    again = client.post(url, {"body": "두 번째 메시지", "client_id": "p1"})  # double click
    assert again.status_code == 302 and Message.objects.count() == 2
    refused = client.post(url, {"body": "x" * 5001, "client_id": "p2"})
    assert refused.status_code == 422 and Message.objects.count() == 2
    page = refused.content.decode()
    assert "at most 5,000 characters" in page and "x" * 5001 in page
    bad_file = client.post(url, {"body": "see", "file": SimpleUploadedFile("a.exe", b"MZ")})
    assert bad_file.status_code == 422 and "not accepted here" in bad_file.content.decode()


def test_polling_answers_nothing_new_then_the_new_messages_read(
    client, member, other_member, interest
):
    conversation = start(member, interest)
    last = conversation.last_message_id
    login(client, other_member)
    poll = _url("conversations:poll", conversation.pk) + f"?after={last}"
    assert client.get(poll).status_code == 204
    services.message_post(actor=member, conversation=conversation, body="새 소식")
    answer = client.get(poll)
    assert answer.status_code == 200 and "새 소식" in answer.content.decode()
    assert 'hx-trigger="every 10s"' in answer.content.decode()
    assert Participant.objects.get(user=other_member).unread == 0


def test_the_draft_survives_a_reload(client, member, interest):
    conversation = start(member, interest)
    login(client, member)
    client.post(_url("conversations:draft", conversation.pk), {"body": "쓰다 만 답장"})
    page = client.get(_url("conversations:detail", conversation.pk)).content.decode()
    assert ">쓰다 만 답장</textarea>" in page


def test_starting_about_a_subject_on_the_page(client, member, interest):
    login(client, member)
    listed = client.get(_url("conversations:start")).content.decode()
    compose = _url("conversations:compose", "interest", interest.pk)
    assert compose in listed
    created = client.post(compose, {"body": "질문 있습니다", "client_id": "c1"})
    conversation = Conversation.objects.get()
    assert created.url == _url("conversations:detail", conversation.pk)
    assert client.get(compose).url == _url("conversations:detail", conversation.pk)
    assert client.get(_url("conversations:compose", "planet", 1)).status_code == 404


@override_settings(YV_CONVERSATIONS_PER_HOUR=0)
def test_the_rate_limit_is_a_message_on_the_page(client, member, interest):
    login(client, member)
    answer = client.post(_url("conversations:compose", "interest", interest.pk),
                         {"body": "질문"})  # fmt: skip
    assert answer.status_code == 429 and "please wait" in answer.content.decode()
    assert Conversation.objects.count() == 0


def test_operators_read_a_reported_conversation_only_and_every_reading_is_recorded(
    client, operator, member, interest
):
    conversation = start(member, interest)
    login(client, operator)
    assert client.get(_url("conversations:detail", conversation.pk)).status_code == 404
    report = services.report_create(actor=member, conversation=conversation, reason="Rude")
    assert "Rude" in client.get(_url("conversations:reports")).content.decode()
    page = client.get(_url("conversations:report", report.pk)).content.decode()
    assert "안녕하세요, 질문이 있습니다." in page
    assert AuditEntry.objects.filter(action="reported_conversation_read").count() == 1
    client.post(_url("conversations:resolve", report.pk), {"action": "close"})
    conversation.refresh_from_db()
    assert conversation.closed_at is not None


def test_an_attachment_is_for_the_conversations_people(
    client, member, other_member, operator, interest
):
    conversation = start(member, interest)
    message, _new = services.message_post(
        actor=member, conversation=conversation, body="",
        upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
    )  # fmt: skip
    url = _url("conversations:attachment", message.attachment.pk)
    login(client, other_member)
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 plan"
    login(client, operator)
    assert client.get(url).status_code == 404


def test_operators_see_who_is_suspended_and_let_them_write_again(
    client, operator, member, other_member, interest
):
    from yeongilman.conversations.models import Suspension

    conversation = start(member, interest)
    suspension = services.suspension_add(actor=operator, user=member, reason="Spam links")
    lift = _url("conversations:lift", suspension.pk)
    login(client, other_member)  # not an operator: refused, the suspension holds
    assert client.post(lift).status_code == 403
    assert Suspension.objects.get(pk=suspension.pk).lifted_at is None
    login(client, operator)
    page = client.get(_url("conversations:reports")).content.decode()
    assert "Spam links" in page and f'action="{lift}"' in page
    assert client.post(lift).status_code == 302
    assert Suspension.objects.get(pk=suspension.pk).lifted_at is not None
    assert "Nobody is suspended." in client.get(_url("conversations:reports")).content.decode()
    services.message_post(actor=member, conversation=conversation, body="다시 쓸 수 있습니다")
    assert conversation.messages.count() == 2
    entry = AuditEntry.objects.filter(action="messaging_suspension_lifted").get()
    assert entry.actor_id == operator.pk


def test_report_times_are_shown_in_the_viewers_zone(client, operator, member, interest):
    conversation = start(member, interest)
    report = services.report_create(actor=member, conversation=conversation, reason="Spam")
    login(client, operator)
    page = client.get(_url("conversations:reports")).content.decode()
    seoul = report.created_at.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M")
    assert f"{seoul} KST" in page and " UTC<" not in page
