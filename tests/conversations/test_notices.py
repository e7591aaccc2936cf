"""E-mail about new messages: the first of a conversation at once, then digests by the
person's setting, one mail per conversation per digest, in the recipient's language; muted or
read conversations send nothing, and a mail that fails loses no message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conversations.conftest import start
from yeongilman.conversations import services
from yeongilman.conversations.models import Message, Participant
from yeongilman.outbox.models import Mail

TAG = "conversations/notice"


def _mails(user):
    return list(Mail.objects.filter(user=user, tag=TAG).order_by("id"))


def test_the_first_message_mails_at_once_in_the_recipients_language(
    member, other_member, interest, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(member, interest)
    (mail,) = _mails(other_member)
    assert mail.language == "en" and mail.subject == "New messages on Yeongilman Valley"
    assert "영일만배터리: Interest in “Battery line controllers”" in mail.body
    assert "1 unread message" in mail.body and "/en/messages/" in mail.body
    assert Participant.objects.get(user=other_member).notify_after is None
    assert _mails(member) == []  # the writer is not told of their own message


def test_later_messages_wait_for_the_hourly_digest_one_mail_for_all_conversations(
    member, other_member, interest, hidden_interest, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = start(member, interest)
    with django_capture_on_commit_callbacks(execute=True):
        second = start(member, hidden_interest, body="질문이 있어요")
    assert len(_mails(other_member)) == 2  # each first message at once
    services.message_post(actor=member, conversation=first, body="하나 더")
    services.message_post(actor=member, conversation=first, body="그리고 하나 더")
    services.message_post(actor=member, conversation=second, body="또 질문")
    assert services.notices_send(timezone.now() + timedelta(minutes=30)) == 0
    assert services.notices_send(timezone.now() + timedelta(minutes=61)) == 1
    digest = _mails(other_member)[-1]
    assert digest.body.count("/en/messages/") == 2  # each conversation once
    assert "3 unread messages" in digest.body and "2 unread messages" in digest.body
    assert services.notices_send(timezone.now() + timedelta(minutes=200)) == 0  # nothing twice


def test_a_daily_digest_waits_a_day_and_immediate_sends_every_time(member, other_member, interest):
    services.preference_set(actor=other_member, frequency="daily")
    conversation = start(member, interest)
    assert services.notices_send(timezone.now() + timedelta(hours=23)) == 0
    assert services.notices_send(timezone.now() + timedelta(hours=25)) == 1
    services.preference_set(actor=other_member, frequency="immediate")
    services.message_post(actor=member, conversation=conversation, body="급한 질문")
    assert services.notices_send() == 1


def test_muted_or_read_conversations_send_nothing(member, other_member, interest):
    services.preference_set(actor=other_member, frequency="hourly")
    conversation = start(member, interest)
    services.conversation_read(actor=other_member, conversation=conversation)
    services.message_post(actor=member, conversation=conversation, body="둘째")
    services.conversation_mute(actor=other_member, conversation=conversation, muted=True)
    services.message_post(actor=member, conversation=conversation, body="셋째")
    assert services.notices_send(timezone.now() + timedelta(hours=2)) == 0
    assert _mails(other_member) == []


def test_a_failing_mail_loses_no_message_and_is_tried_again(
    member, other_member, interest, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("SMTP templates are on fire")

    monkeypatch.setattr("yeongilman.conversations.services.notices.mail_each_on_commit", broken)
    start(member, interest)
    assert services.notices_send() == 0
    assert Message.objects.count() == 1
    assert Participant.objects.get(user=other_member).notify_after is not None
    monkeypatch.undo()
    assert services.notices_send() == 1


@pytest.mark.parametrize("frequency", ["weekly", "", None])
def test_an_unknown_frequency_is_refused(member, frequency):
    from yeongilman.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.preference_set(actor=member, frequency=frequency)
    assert services.frequency_of(member) == "default"
