"""Organisers' messages to a segment of an event: compose, preview, send now or at a time,
cancel, and deliver from the task queue."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.communications import placeholders, selectors
from yeongilman.communications.models import (
    MailKind,
    Message,
    MessageStatus,
    Segment,
)
from yeongilman.communications.services.rendering import (
    _deliver,
    _language,
    _person,
    recipient_values,
    render_for,
)
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.events.models import Event

TEXT_FIELDS = ("subject_ko", "subject_en", "body_ko", "body_en")

log = logging.getLogger(__name__)


def _check_message_texts(texts: dict[str, str]) -> None:
    errors = one_language_errors("subject", texts["subject_ko"], texts["subject_en"])
    errors |= one_language_errors("body", texts["body_ko"], texts["body_en"])
    for lang in ("ko", "en"):
        if bool(texts[f"subject_{lang}"].strip()) != bool(texts[f"body_{lang}"].strip()):
            errors.setdefault(f"body_{lang}", []).append(
                _("Write both the subject and the text of a language, or neither.")
            )
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    placeholders.check_texts(texts)


@transaction.atomic
def message_create(*, actor: AnyUser, event: Event, segment: str, texts: dict[str, str]) -> Message:
    """A draft message to a segment of the event, in Korean and/or English (operators)."""
    user = require_operator(actor)
    if segment not in Segment.values:
        raise ValidationFailed(
            _("Choose who receives the message."), field_errors={"segment": [_("Unknown segment.")]}
        )
    clean = {f: (texts.get(f) or "").strip() for f in TEXT_FIELDS}
    _check_message_texts(clean)
    return Message.objects.create(
        event=event, kind=MailKind.CUSTOM, segment=segment, created_by=user, **clean
    )


@dataclass(frozen=True)
class Preview:
    """How many people a message reaches, and what one of them receives."""

    count: int
    recipient: str  # empty when nobody is in the segment (the text is shown with no one's data)
    language: str
    subject: str
    body: str
    # Things written like placeholders that are not ones ("{{ name }}" prints as "{ name }").
    look_alikes: tuple[str, ...] = ()


def message_preview(
    *, actor: AnyUser, event: Event, segment: str, texts: dict[str, str], language: str = ""
) -> Preview:
    """The count of recipients and the mail of the first of them (in `language` if given)."""
    me = require_operator(actor)
    if segment not in Segment.values:
        raise ValidationFailed(_("Choose who receives the message."))
    clean = {f: (texts.get(f) or "").strip() for f in TEXT_FIELDS}
    placeholders.check_texts(clean)
    users = selectors.segment_users(event, segment)
    first = users.first()
    look_alikes = tuple(
        dict.fromkeys(found for text in clean.values() for found in placeholders.look_alikes(text))
    )
    if first is None:
        # Nobody to show it to: the event's values, {name} left as written (not the operator).
        lang = language if language in ("ko", "en") else _language(me)
        values = {**recipient_values(event, me, lang), "name": "{name}"}
        subject, body = render_for(clean, values, lang)
        return Preview(0, "", lang, subject, body, look_alikes)
    lang = language if language in ("ko", "en") else _language(first)
    subject, body = render_for(clean, recipient_values(event, first, lang), lang)
    return Preview(users.count(), _person(first), lang, subject, body, look_alikes)


def _enqueue_send(message_id: int, run_after: datetime | None) -> None:
    from yeongilman.communications.tasks import send_message

    task = send_message
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the every-minute sweep sends it when it is due
        task = task.using(run_after=run_after)
    try:
        task.enqueue(message_id)
    except Exception:  # the queue is down: the every-minute sweep picks it up
        log.exception("could not queue message %s", message_id)


@transaction.atomic
def message_send(*, actor: AnyUser, message: Message, send_at: datetime | None = None) -> Message:
    """Send a draft now, or at `send_at` (a task that runs after it); a message goes once."""
    require_operator(actor)
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.kind != MailKind.CUSTOM or message.status != MessageStatus.DRAFT:
        raise Conflict(_("Only a draft message can be sent or scheduled."))
    if send_at is not None and timezone.is_naive(send_at):
        raise ValidationFailed(
            _("Give the sending time with its time zone."),
            field_errors={"send_at": [_("Give the sending time with its time zone.")]},
        )
    now = timezone.now()
    later = send_at is not None and send_at > now
    message.status = MessageStatus.SCHEDULED
    message.send_at = send_at if later else now
    message.save(update_fields=["status", "send_at", "updated_at"])
    run_after = message.send_at if later else None
    transaction.on_commit(lambda: _enqueue_send(message.pk, run_after))
    return message


@transaction.atomic
def message_cancel(*, actor: AnyUser, message: Message) -> Message:
    """Cancel a scheduled message before it goes out (or discard a draft)."""
    require_operator(actor)
    done = Message.objects.filter(
        pk=message.pk,
        kind=MailKind.CUSTOM,
        status__in=[MessageStatus.DRAFT, MessageStatus.SCHEDULED],
    ).update(status=MessageStatus.CANCELLED, updated_at=timezone.now())
    if not done:
        raise Conflict(_("This message is already being sent or was sent."))
    message.refresh_from_db()
    return message


def message_deliver(message_id: int, now: datetime | None = None) -> int:
    """Send a due scheduled message to its segment (claimed once, so a second run or worker
    sends nothing more); returns how many mails were queued."""
    now = now or timezone.now()
    claimed = Message.objects.filter(
        pk=message_id, status=MessageStatus.SCHEDULED, send_at__lte=now
    ).update(status=MessageStatus.SENDING, updated_at=now)
    if not claimed:
        return 0
    message = Message.objects.select_related("event").get(pk=message_id)
    texts = {f: getattr(message, f) for f in TEXT_FIELDS}
    sent = 0
    for user in selectors.segment_users(message.event, message.segment).iterator():
        with transaction.atomic():
            values = recipient_values(message.event, user, _language(user))
            if _deliver(
                message=message, user=user, key=f"message:{message.pk}:{user.pk}",
                texts=texts, values=values,
            ):  # fmt: skip
                sent += 1
    Message.objects.filter(pk=message_id).update(status=MessageStatus.SENT, sent_at=timezone.now())
    return sent


def messages_due(now: datetime | None = None) -> int:
    """Send every scheduled message that is due (its deferred task was lost, or the backend
    cannot defer), and resume those whose sending worker died; returns how many were sent."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=int(settings.YV_JOB_LEASE_SECONDS) * 5)
    # Deliveries already made are skipped by their keys, so resuming never sends twice.
    Message.objects.filter(status=MessageStatus.SENDING, updated_at__lt=stale).update(
        status=MessageStatus.SCHEDULED
    )
    due = Message.objects.filter(status=MessageStatus.SCHEDULED, send_at__lte=now)
    ids = list(due.order_by("send_at").values_list("pk", flat=True)[:100])
    for message_id in ids:
        message_deliver(message_id, now=now)
    return len(ids)
