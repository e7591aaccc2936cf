"""The conversations API's inputs and answers."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from yeongilman.conversations.models import MAX_MESSAGE_LENGTH, SubjectKind
from yeongilman.core.schemas import Id, StrictIn

KindValue = Literal["interest", "meeting", "introduction", "agreement", "lead"]
assert set(KindValue.__args__) == set(SubjectKind.values)  # type: ignore[attr-defined]
LanguageValue = Literal["", "ko", "en"]


class ConversationSubjectOut(Schema):
    kind: str = Field(description="interest, meeting, introduction, agreement or lead.")
    id: int
    label: str = Field(description="What the conversation is about, in the caller's language.")


class ConversationOut(Schema):
    id: int
    subject: ConversationSubjectOut
    counterpart: str = Field(
        description="The other side's names; an anonymous opportunity's side stays "
        '"an anonymous organisation" until it accepts the interest.'
    )
    anonymous: bool
    unread: int
    muted: bool
    closed: bool = Field(description="True when no new messages may be written.")
    messages: int
    last_message_at: datetime | None
    led_to_meeting: int | None
    led_to_agreement: int | None


class ConversationPage(Schema):
    count: int
    page: int
    page_size: int
    unread_total: int = Field(description="Unread messages of conversations not muted.")
    results: list[ConversationOut]


class ConversationStartIn(StrictIn):
    subject_kind: KindValue
    subject_id: Id
    body: str = Field(min_length=1, max_length=MAX_MESSAGE_LENGTH * 2)
    language: LanguageValue = Field("", description='"" detects it from the text.')
    client_id: str = Field(
        "", max_length=64,
        description="Your key for this message: sent again, it answers the same message.",
    )  # fmt: skip


class ConversationMessageIn(StrictIn):
    body: str = Field(min_length=1, max_length=MAX_MESSAGE_LENGTH * 2)
    language: LanguageValue = Field("", description='"" detects it from the text.')
    client_id: str = Field(
        "", max_length=64,
        description="Your key for this message: sent again, it answers the same message.",
    )  # fmt: skip


class ConversationReadIn(StrictIn):
    up_to: Id | None = Field(None, description="The last message read (default: all).")


class ConversationReadOut(Schema):
    unread: int
    last_read: int


class GlossaryTermOut(Schema):
    text: str
    counterpart: str = Field(description="The term in the caller's language.")


class MessageAttachmentOut(Schema):
    id: int
    name: str
    size: int
    url: str


class ConversationMessageOut(Schema):
    id: int
    author: str
    mine: bool
    body: str = Field(description="Plain text as written (no HTML).")
    language: str = Field(description="ko or en: as detected, or as the writer corrected it.")
    detected_language: str
    created_at: datetime
    attachment: MessageAttachmentOut | None
    terms: list[GlossaryTermOut] = Field(
        description="Glossary terms of a message in the other language, with their names in "
        "the caller's language."
    )
    translation: str | None = Field(
        description="An automatic translation into the caller's language, when one was made."
    )
    read_by: list[str]


class ConversationMessagePage(Schema):
    results: list[ConversationMessageOut]
    has_older: bool


class ConversationStartedOut(Schema):
    conversation: ConversationOut
    message: ConversationMessageOut
