"""Organiser communications endpoints (operators): an event's messages (compose, preview, send
now or at a time, the delivery log), its automatic-mail settings, and the mail templates."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from yeongilman.accounts.access import require_operator
from yeongilman.communications import selectors, services
from yeongilman.communications.models import Message, Segment
from yeongilman.communications.placeholders import PLACEHOLDERS
from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import (
    TEXT_LENGTH,
    TITLE_LENGTH,
    Flag,
    Moment,
    Omittable,
    PathId,
    StrictIn,
)
from yeongilman.events.models import Event
from yeongilman.events.selectors import events_for

router = Router(tags=["communications"])

# Spelled out for the OpenAPI document and mypy; tests compare them with the model choices.
SegmentName = Literal[
    "all", "confirmed", "without_requests", "pending_requests", "empty_profile", "exhibitors",
    "no_shows",
]  # fmt: skip
KindName = Literal["nudge", "reminder", "expiry", "schedule_changed", "custom"]
LeadMinutes = Literal[30, 60, 180, 1440]


class TextsIn(StrictIn):
    subject_ko: str = Field("", max_length=TITLE_LENGTH)
    subject_en: str = Field("", max_length=TITLE_LENGTH)
    body_ko: str = Field("", max_length=TEXT_LENGTH)
    body_en: str = Field("", max_length=TEXT_LENGTH)


class MessageIn(TextsIn):
    segment: SegmentName = Field(description="Who receives it: " + ", ".join(Segment.values))


class PreviewIn(MessageIn):
    language: Literal["", "ko", "en"] = Field(
        "", description="The language to render; empty: the first recipient's own."
    )


class SendIn(StrictIn):
    send_at: Moment | None = Field(
        None, description="When to send (with its zone); empty or past: now."
    )


class MessageOut(Schema):
    id: int
    kind: str = Field(description="custom for operators' messages; automatic kinds log theirs.")
    segment: str
    subject_ko: str
    subject_en: str
    body_ko: str
    body_en: str
    status: str = Field(description="draft, scheduled, sending, sent or cancelled.")
    send_at: datetime | None
    sent_at: datetime | None
    recipients: int = Field(description="Deliveries made so far.")


class PreviewOut(Schema):
    count: int = Field(description="How many people the message goes to.")
    recipient: str = Field(description="Whose mail is shown; empty when the segment is empty.")
    language: str
    subject: str
    body: str
    look_alikes: list[str] = Field(
        default_factory=list,
        description="Text written like a placeholder that is not one ({{ name }}): sent as is.",
    )


class DeliveryOut(Schema):
    id: int
    user: int
    email: str
    language: str
    status: str = Field(description="The mail's: queued, sending, sent or failed.")
    attempts: int
    sent_at: datetime | None
    created_at: datetime


class SettingsOut(Schema):
    nudges_enabled: bool
    nudge_every_days: int
    reminders_enabled: bool
    reminder_minutes_before: int
    expiry_enabled: bool
    expire_after_days: int
    schedule_changed_enabled: bool


class SettingsPatch(StrictIn):
    """Switches and periods to change; a field left out stays as it is (never null)."""

    nudges_enabled: Flag = Omittable()
    nudge_every_days: int = Omittable(ge=1, le=30)
    reminders_enabled: Flag = Omittable()
    reminder_minutes_before: LeadMinutes = Omittable()
    expiry_enabled: Flag = Omittable()
    expire_after_days: int = Omittable(ge=1, le=60)
    schedule_changed_enabled: Flag = Omittable()


class TemplateOut(Schema):
    kind: str
    subject_ko: str
    subject_en: str
    body_ko: str
    body_en: str
    customised: bool = Field(description="False while the built-in text is used.")
    placeholders: list[str]


class TemplatePreviewIn(StrictIn):
    texts: TextsIn | None = Field(None, description="Unsaved texts to preview; empty: saved.")
    event: int | None = Field(None, ge=1, description="An event to fill {event} and {link}.")


class RenderedOut(Schema):
    subject: str
    body: str


class TemplatePreviewOut(Schema):
    ko: RenderedOut
    en: RenderedOut


def _event(request: HttpRequest, event_id: int) -> Event:
    require_operator(request.user)
    event = events_for(request.user).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event."))
    return event


def _message(event: Event, message_id: int) -> Message:
    message = selectors.event_messages(event).filter(pk=message_id).first()
    if message is None:
        raise NotFound(_("No such message."))
    return message


def _message_out(message: Message) -> dict[str, Any]:
    fields = ("id", "kind", "segment", "status", "send_at", "sent_at", *services.TEXT_FIELDS)
    out = {f: getattr(message, f) for f in fields}
    out["recipients"] = getattr(message, "recipients", None) or message.deliveries.count()
    return out


def _template_out(kind: str, texts: dict[str, str], customised: bool) -> dict[str, Any]:
    return {"kind": kind, **texts, "customised": customised,
            "placeholders": sorted(PLACEHOLDERS)}  # fmt: skip


@router.get(
    "/events/{event_id}/messages",
    response=list[MessageOut],
    summary="An event's messages, newest first (operators)",
)
def list_messages(request: HttpRequest, event_id: PathId) -> Any:
    event = _event(request, event_id)
    return [_message_out(m) for m in selectors.event_messages(event)[:200]]


@router.post(
    "/events/{event_id}/messages",
    response={201: MessageOut},
    summary="Compose a draft message to a segment of an event (operators)",
    description="One text per language; each recipient gets theirs (the other where one is "
    "empty). Unknown placeholders are refused with 422 naming them.",
)
def create_message(request: HttpRequest, event_id: PathId, payload: MessageIn) -> Any:
    event = _event(request, event_id)
    texts = payload.dict(include=set(services.TEXT_FIELDS))
    message = services.message_create(
        actor=request.user, event=event, segment=payload.segment, texts=texts
    )
    return Status(201, _message_out(message))


@router.post(
    "/events/{event_id}/messages/preview",
    response=PreviewOut,
    summary="Count a message's recipients and render it for one of them (operators)",
)
def preview_message(request: HttpRequest, event_id: PathId, payload: PreviewIn) -> Any:
    event = _event(request, event_id)
    texts = payload.dict(include=set(services.TEXT_FIELDS))
    return services.message_preview(
        actor=request.user, event=event, segment=payload.segment, texts=texts,
        language=payload.language,
    )  # fmt: skip


@router.post(
    "/events/{event_id}/messages/{message_id}/send",
    response=MessageOut,
    summary="Send a draft now or schedule it (operators)",
    description="A message that is not a draft answers 409.",
)
def send_message(
    request: HttpRequest, event_id: PathId, message_id: PathId, payload: SendIn
) -> Any:
    event = _event(request, event_id)
    message = services.message_send(
        actor=request.user, message=_message(event, message_id), send_at=payload.send_at
    )
    return _message_out(message)


@router.get(
    "/events/{event_id}/messages/{message_id}/deliveries",
    response=list[DeliveryOut],
    summary="Who a message went to and each delivery's status (operators)",
)
def list_deliveries(request: HttpRequest, event_id: PathId, message_id: PathId) -> Any:
    message = _message(_event(request, event_id), message_id)
    return [
        {
            "id": d.pk,
            "user": d.user_id,
            "email": d.user.email,
            "language": d.language,
            "status": d.mail.status if d.mail else "",
            "attempts": d.mail.attempts if d.mail else 0,
            "sent_at": d.mail.sent_at if d.mail else None,
            "created_at": d.created_at,
        }  # fmt: skip
        for d in selectors.message_deliveries(message)[:5000]
    ]


@router.get(
    "/events/{event_id}/comms-settings",
    response=SettingsOut,
    summary="An event's automatic mails: which are on, and their numbers (operators)",
)
def get_settings(request: HttpRequest, event_id: PathId) -> Any:
    return selectors.comms_settings(_event(request, event_id))


@router.patch(
    "/events/{event_id}/comms-settings",
    response=SettingsOut,
    summary="Switch an event's automatic mails and set their numbers (operators)",
)
def patch_settings(request: HttpRequest, event_id: PathId, payload: SettingsPatch) -> Any:
    event = _event(request, event_id)
    return services.comms_settings_update(
        actor=request.user, event=event, **payload.dict(exclude_unset=True)
    )


@router.get(
    "/mail-templates",
    response=list[TemplateOut],
    summary="The texts of each kind of mail, both languages (operators)",
)
def list_templates(request: HttpRequest) -> Any:
    require_operator(request.user)
    return [_template_out(kind, texts, saved) for kind, texts, saved in selectors.all_templates()]


@router.put(
    "/mail-templates/{kind}",
    response=TemplateOut,
    summary="Replace a kind's texts, both languages (operators)",
    description="Only the listed placeholders are allowed; others answer 422 naming them.",
)
def put_template(request: HttpRequest, kind: KindName, payload: TextsIn) -> Any:
    require_operator(request.user)
    services.template_save(actor=request.user, kind=kind, texts=payload.dict())
    return _template_out(kind, selectors.template_texts(kind), True)


@router.post(
    "/mail-templates/{kind}/preview",
    response=TemplatePreviewOut,
    summary="A kind's texts filled with sample values, per language (operators)",
)
def preview_template(request: HttpRequest, kind: KindName, payload: TemplatePreviewIn) -> Any:
    require_operator(request.user)
    event = _event(request, payload.event) if payload.event else None
    texts = payload.texts.dict() if payload.texts is not None else None
    return services.template_preview(actor=request.user, kind=kind, texts=texts, event=event)
