"""A person's messages under PIPA: in their data download, pseudonymised (files erased) when
they delete their account, erased after the retention period when one is set."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conversations.conftest import start
from yeongilman.conversations import selectors, services
from yeongilman.conversations.access import access_conversation
from yeongilman.conversations.models import Attachment, Conversation, Message, Participant
from yeongilman.privacy.services import account_delete, personal_data


def test_the_data_download_holds_the_persons_conversations_and_messages(
    member, other_member, interest
):
    conversation = start(member, interest, body="제 메시지입니다")
    services.message_post(actor=other_member, conversation=conversation, body="Theirs")
    records = personal_data(member)["records"]
    assert [m["text"] for m in records["conversations.messages_written"]] == ["제 메시지입니다"]
    (row,) = records["conversations.conversations"]
    assert (row["conversation"], row["messages"], row["with"]) == (
        conversation.pk, 2, "Allegheny Robotics Lab",
    )  # fmt: skip


def test_deleting_an_account_leaves_its_messages_to_the_others_as_deleted_user(
    member, other_member, interest, english
):
    conversation = start(member, interest, body="Before I go")
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    message, _new = services.message_post(actor=member, conversation=conversation, body="",
                                          upload=upload)  # fmt: skip
    stored = Attachment.objects.get().file
    assert stored.storage.exists(stored.name)
    account_delete(user=member, confirm_email="member@example.org")
    assert not stored.storage.exists(stored.name) and Attachment.objects.count() == 0
    assert Message.objects.filter(sender__isnull=False).count() == 0
    assert Message.objects.filter(sender_deleted=True).count() == 2
    assert not Participant.objects.filter(user=member).exists()
    seat = access_conversation(other_member, conversation.pk)
    view = selectors.conversation_view(seat, other_member)
    assert [(m.author, m.message.body) for m in view.messages] == [
        ("deleted user", "Before I go"), ("deleted user", ""),
    ]  # fmt: skip


def test_retention_erases_old_messages_and_empty_conversations(
    settings, member, other_member, interest, hidden_interest
):
    old = start(member, interest, body="오래된 메시지")
    recent = start(member, hidden_interest, body="지난달 메시지")
    services.message_post(actor=other_member, conversation=recent, body="Fresh")
    now = timezone.now()
    Message.objects.filter(conversation=old).update(created_at=now - timedelta(days=400))
    Message.objects.filter(body="지난달 메시지").update(created_at=now - timedelta(days=400))
    assert services.messages_retention_apply(now)["messages"] == 0  # unlimited by default
    settings.YV_RETENTION_MESSAGES_DAYS = 365
    counts = services.messages_retention_apply(now)
    assert counts == {"messages": 2, "attachments": 0, "conversations": 1}
    assert list(Conversation.objects.values_list("pk", "message_count")) == [(recent.pk, 1)]
    assert list(Message.objects.values_list("body", flat=True)) == ["Fresh"]
