"""Conversation endpoints: a person's conversations with unread counts, starting one about a
subject, reading and writing messages (JSON, or multipart with a document), marking read.
A conversation or subject the caller may not see answers 404, never a hint that it exists."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from yeongilman.accounts.access import require_user
from yeongilman.conversations import access, selectors, services, subjects
from yeongilman.conversations.access import Seat
from yeongilman.conversations.models import Conversation, Message, Participant
from yeongilman.conversations.schemas import (
    ConversationMessageIn,
    ConversationMessageOut,
    ConversationMessagePage,
    ConversationOut,
    ConversationPage,
    ConversationReadIn,
    ConversationReadOut,
    ConversationStartedOut,
    ConversationStartIn,
    LanguageValue,
)
from yeongilman.conversations.selectors import MessageView
from yeongilman.core.schemas import PathId, QueryId, QueryPage, QueryPageSize

router = Router(tags=["conversations"])


def _conversation_out(
    conversation: Conversation,
    participant: Participant | None,
    subject: subjects.Subject,
    side: subjects.Side,
) -> dict[str, Any]:
    """A conversation as the caller sees it (their unread count and mute)."""
    return {
        "id": conversation.pk,
        "subject": {"kind": conversation.kind, "id": conversation.subject_id,
                    "label": subjects.label(subject)},
        "counterpart": subjects.counterpart(subject, side),
        "anonymous": subject.anonymous,
        "unread": participant.unread if participant else 0,
        "muted": participant.muted if participant else False,
        "closed": conversation.closed_at is not None or not subject.writable,
        "messages": conversation.message_count,
        "last_message_at": conversation.last_message_at,
        "led_to_meeting": conversation.led_to_meeting_id,
        "led_to_agreement": conversation.led_to_agreement_id,
    }  # fmt: skip


def _message_out(view: MessageView) -> dict[str, Any]:
    message = view.message
    attachment = view.attachment
    return {
        "id": message.pk, "author": view.author, "mine": view.mine, "body": message.body,
        "language": message.language, "detected_language": message.detected_language,
        "created_at": message.created_at,
        "attachment": {
            "id": attachment.pk, "name": attachment.name, "size": attachment.size,
            "url": reverse("conversations:attachment", args=[attachment.pk]),
        } if attachment is not None else None,
        "terms": [{"text": t.text, "counterpart": t.counterpart} for t in view.terms],
        "translation": view.translation.text if view.translation else None,
        "read_by": view.read_by,
    }  # fmt: skip


def _seat_out(request: HttpRequest, pk: int) -> dict[str, Any]:
    seat = access.access_conversation(request.user, pk)
    participant = seat.participant
    return _conversation_out(seat.conversation, participant, seat.subject, seat.side)


def _one_message(request: HttpRequest, seat: Seat, message: Message) -> dict[str, Any]:
    reader = require_user(request.user)
    views, _older = selectors.messages_for(seat, reader, after=message.pk - 1, limit=1)
    return _message_out(views[0])


@router.get(
    "/conversations",
    response=ConversationPage,
    summary="My conversations, latest activity first, with unread counts",
    description="Signed-in people only (401). `unread_total` is the header's count (muted "
    "conversations left out).",
)
def conversation_list(
    request: HttpRequest, page: QueryPage = 1, page_size: QueryPageSize = 20
) -> Any:
    user = require_user(request.user)
    inbox = selectors.inbox(user, page, page_size)
    return {
        "count": inbox.count, "page": inbox.page, "page_size": page_size,
        "unread_total": inbox.unread,
        "results": [
            _conversation_out(row.conversation, row.participant, row.subject, row.side)
            for row in inbox.rows
        ],
    }  # fmt: skip


@router.post(
    "/conversations",
    response={200: ConversationStartedOut, 201: ConversationStartedOut},
    summary="Start the conversation about a subject with a first message",
    description="A subject you are on no side of answers 404. When the subject has its "
    "conversation already, the message is written there (200). 429: too many new "
    "conversations in the last hour; 403: you cannot write to them (blocked or suspended); "
    "409: the subject is closed or has nobody on the other side yet; 422: an empty or "
    "too long message (over 5,000 characters) or invalid text.",
)
def conversation_start(request: HttpRequest, payload: ConversationStartIn) -> Any:
    user = require_user(request.user)
    conversation, message, created = services.conversation_start(
        actor=user, kind=payload.subject_kind, subject_id=payload.subject_id,
        body=payload.body, language=payload.language, client_id=payload.client_id,
    )  # fmt: skip
    seat = access.access_conversation(user, conversation.pk)
    out = {"conversation": _seat_out(request, conversation.pk),
           "message": _one_message(request, seat, message)}  # fmt: skip
    return Status(201 if created else 200, out)


@router.get(
    "/conversations/{conversation_id}",
    response=ConversationOut,
    summary="One of my conversations",
)
def conversation_get(request: HttpRequest, conversation_id: PathId) -> Any:
    return _seat_out(request, conversation_id)


@router.get(
    "/conversations/{conversation_id}/messages",
    response=ConversationMessagePage,
    summary="Messages of a conversation, oldest first",
    description="Without `after`: the latest 50 (before `before` to page back); with `after`: "
    "the messages since that id (polling; an empty list when none). Reading does not mark "
    "them read: POST …/read does.",
)
def message_list(
    request: HttpRequest, conversation_id: PathId, after: QueryId | None = None,
    before: QueryId | None = None,
) -> Any:  # fmt: skip
    seat = access.access_conversation(request.user, conversation_id)
    reader = require_user(request.user)
    views, has_older = selectors.messages_for(seat, reader, after=after, before=before)
    return {"results": [_message_out(v) for v in views], "has_older": has_older}


def _posted(request: HttpRequest, seat: Seat, message: Message, created: bool) -> Any:
    return Status(201 if created else 200, _one_message(request, seat, message))


@router.post(
    "/conversations/{conversation_id}/messages",
    response={200: ConversationMessageOut, 201: ConversationMessageOut},
    summary="Write a message (JSON)",
    description="201 for a new message; 200 when the same `client_id` was sent before (the "
    "one message). 403: you cannot write to them (blocked or suspended); 409: the "
    "conversation is closed; 422: empty, over 5,000 characters, or invalid text.",
)
def message_post(
    request: HttpRequest, conversation_id: PathId, payload: ConversationMessageIn
) -> Any:
    seat = access.access_conversation(request.user, conversation_id)
    message, created = services.message_post(
        actor=request.user, conversation=seat.conversation, body=payload.body,
        language=payload.language, client_id=payload.client_id,
    )  # fmt: skip
    return _posted(request, seat, message, created)


@router.post(
    "/conversations/{conversation_id}/messages/upload",
    response={200: ConversationMessageOut, 201: ConversationMessageOut},
    summary="Write a message with a document (multipart)",
    description="Multipart fields `file` (PDF, HWP, Office, JPEG/PNG/GIF, text, CSV or ZIP, at "
    "most YV_MESSAGE_ATTACHMENT_MAX_MB), `body` (may be empty), `language`, `client_id`. A "
    "type that is not accepted, a renamed file or one too large answers 422 and nothing is "
    "kept.",
)
def message_upload(
    request: HttpRequest, conversation_id: PathId, file: File[UploadedFile],
    body: Form[str] = "", language: Form[LanguageValue] = "", client_id: Form[str] = "",
) -> Any:  # fmt: skip
    seat = access.access_conversation(request.user, conversation_id)
    message, created = services.message_post(
        actor=request.user, conversation=seat.conversation, body=body, language=language,
        client_id=client_id, upload=file,
    )  # fmt: skip
    return _posted(request, seat, message, created)


@router.post(
    "/conversations/{conversation_id}/read",
    response=ConversationReadOut,
    summary="Mark a conversation read (up to a message)",
)
def conversation_read(
    request: HttpRequest, conversation_id: PathId, payload: ConversationReadIn
) -> Any:
    seat = access.access_conversation(request.user, conversation_id)
    participant = services.conversation_read(
        actor=request.user, conversation=seat.conversation, up_to=payload.up_to
    )
    return {"unread": participant.unread, "last_read": participant.last_read_id}
