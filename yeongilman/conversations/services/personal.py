"""A person's messages under PIPA: in their data download, pseudonymised when they delete
their account, and erased after the retention period when a site sets one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from yeongilman.accounts.models import User
from yeongilman.conversations import subjects
from yeongilman.conversations.models import (
    Attachment,
    Block,
    Conversation,
    Message,
    Participant,
    Preference,
    Report,
)
from yeongilman.core.audit import audit_record

RETENTION_BATCH = 5000


def _erase_attachments(attachments: Any) -> int:
    erased = 0
    for attachment in attachments.iterator():
        attachment.file.delete(save=False)
        attachment.delete()
        erased += 1
    return erased


@transaction.atomic
def messages_forget(user: User) -> dict[str, int]:
    """For a deleted account: its messages stay in the others' conversations under "deleted
    user" (no name, no link to the account), its files are erased, its seats, drafts, blocks
    and setting go, and its reports stay without the reporter."""
    files = _erase_attachments(Attachment.objects.filter(message__sender=user))
    messages = Message.objects.filter(sender=user).update(
        sender=None, sender_deleted=True, client_id=""
    )
    seats, _by_model = Participant.objects.filter(user=user).delete()
    blocks, _by_model = Block.objects.filter(blocker=user).delete()
    Block.objects.filter(person=user).delete()
    Preference.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).update(reporter=None)
    Conversation.objects.filter(started_by=user).update(started_by=None)
    return {"messages": messages, "attachments": files, "seats": seats, "blocks": blocks}


def _attachment_name(message: Message) -> str:
    attachment = getattr(message, "attachment", None)  # a missing one raises AttributeError
    return attachment.name if attachment is not None else ""


def messages_export(user: User) -> dict[str, list[dict[str, Any]]]:
    """What the person's data download holds of conversations: each conversation they take
    part in (what it is about, when, how many messages) and every message they wrote."""
    seats = list(
        Participant.objects.filter(user=user)
        .select_related("conversation")
        .order_by("conversation_id")
    )
    subjects.attach_subjects(seat.conversation for seat in seats)
    conversations = []
    for seat in seats:
        conversation = seat.conversation
        subject = subjects.subject_of(conversation)
        conversations.append({
            "conversation": conversation.pk, "about": subjects.label(subject),
            "kind": conversation.kind,
            "with": subjects.counterpart(subject, subject.side(seat.side)),
            "started_at": conversation.created_at.isoformat(),
            "messages": conversation.message_count, "muted": seat.muted, "draft": seat.draft,
        })  # fmt: skip
    messages = [
        {
            "conversation": m.conversation_id,
            "message": m.pk,
            "sent_at": m.created_at.isoformat(),
            "language": m.language,
            "text": m.body,
            "attachment": _attachment_name(m),
        }  # fmt: skip
        for m in Message.objects.filter(sender=user).select_related("attachment").order_by("pk")
    ]
    blocks = [
        {
            "organisation": str(b.organisation or ""),
            "person": str(b.person or ""),
            "since": b.created_at.isoformat(),
        }  # fmt: skip
        for b in Block.objects.filter(blocker=user).select_related("organisation", "person")
    ]
    return {
        "conversations.conversations": conversations,
        "conversations.messages_written": messages,
        "conversations.blocks": blocks,
    }


def personal_records(user: User, records: dict[str, list[dict[str, Any]]]) -> None:
    """Hook receiver (privacy.personal_data_collecting): add the conversations' part of the
    person's data download (the lists that have rows)."""
    records.update({label: rows for label, rows in messages_export(user).items() if rows})


def messages_retention_apply(now: datetime | None = None) -> dict[str, int]:
    """Erase messages older than YV_RETENTION_MESSAGES_DAYS (0: keep them) with their files;
    a conversation left without messages goes too. Returns the counts; audited when any."""
    days = settings.YV_RETENTION_MESSAGES_DAYS
    if days <= 0:
        return {"messages": 0, "attachments": 0, "conversations": 0}
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = Message.objects.filter(created_at__lt=cutoff)
    counts = {"messages": 0, "attachments": 0, "conversations": 0}
    while True:
        with transaction.atomic():
            ids = list(old.order_by("pk").values_list("pk", flat=True)[:RETENTION_BATCH])
            if not ids:
                break
            counts["attachments"] += _erase_attachments(
                Attachment.objects.filter(message_id__in=ids)
            )
            touched = set(
                Message.objects.filter(pk__in=ids).values_list("conversation_id", flat=True)
            )
            deleted, _by_model = Message.objects.filter(pk__in=ids).delete()
            counts["messages"] += len(ids)
            remaining = (
                Message.objects.filter(conversation_id__in=touched)
                .values("conversation_id")
                .annotate(n=Count("id"))
            )
            left = {row["conversation_id"]: row["n"] for row in remaining}
            empty = [c for c in touched if c not in left]
            counts["conversations"] += (
                Conversation.objects.filter(pk__in=empty)
                .delete()[1]
                .get("conversations.Conversation", 0)
            )
            for conversation_id, count in left.items():
                Conversation.objects.filter(pk=conversation_id).update(message_count=count)
    if counts["messages"]:
        audit_record(actor=None, action="retention_applied", subject=None, scope="privacy",
                     **{f"message_{k}": v for k, v in counts.items()})  # fmt: skip
    return counts
