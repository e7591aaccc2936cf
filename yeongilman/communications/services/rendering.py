"""How an organiser's or an automatic mail is rendered and delivered: each recipient's
language, placeholders, the delivery log row and its key (sent once)."""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from yeongilman.accounts.models import User
from yeongilman.communications import placeholders
from yeongilman.communications.models import (
    Delivery,
    Message,
    MessageStatus,
)
from yeongilman.directory.taxonomy import time_zone_label
from yeongilman.events.models import Event
from yeongilman.outbox.services import mail_address

log = logging.getLogger(__name__)


# Rendering ---------------------------------------------------------------------------------


def _language(user: User) -> str:
    return user.language if user.language in ("ko", "en") else settings.LANGUAGE_CODE


def _pick(texts: dict[str, str], part: str, language: str) -> str:
    other = "en" if language == "ko" else "ko"
    return texts.get(f"{part}_{language}", "").strip() or texts.get(f"{part}_{other}", "").strip()


def _moment(moment: datetime, zone: str) -> str:
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(zone or "UTC"))
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({time_zone_label(zone)})"


def _person(user: User, language: str | None = None) -> str:
    # The name as the mail's reader writes it: in Latin letters in an English mail.
    return user.display_name(language)


def _event_link(event: Event, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "meetings:b2b" if event.slots.exists() else "events:detail", args=[event.slug]
        )
    return f"{settings.YV_SITE_URL.rstrip('/')}{path}"


def recipient_values(event: Event, user: User, language: str) -> dict[str, str]:
    """The placeholders every mail of an event knows for one recipient."""
    with translation.override(language):
        title = str(event.title)
    # One look-up of the event's page per event and language, not per recipient.
    links: dict[str, str] = event.__dict__.setdefault("_comms_links", {})
    if language not in links:
        links[language] = _event_link(event, language)
    return {"name": _person(user, language), "event": title, "link": links[language]}


def render_for(texts: dict[str, str], values: dict[str, str], language: str) -> tuple[str, str]:
    """Subject and body in `language` (the other language where that side is empty)."""
    subject = placeholders.render(_pick(texts, "subject", language), values)
    body = placeholders.render(_pick(texts, "body", language), values)
    return " ".join(subject.split())[:255], body


def _deliver(
    *,
    message: Message,
    user: User,
    key: str,
    texts: dict[str, str],
    values: dict[str, str],
    tag: str = "",
) -> Delivery | None:
    """Queue one recipient's mail unless `key` went out already (then None)."""
    language = _language(user)
    subject, body = render_for(texts, values, language)
    with transaction.atomic():
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    message=message, user=user, language=language, key=key
                )
        except IntegrityError:  # sent before, or by a worker running the same task now
            return None
        mail = mail_address(
            address=user.email,
            language=language,
            subject=subject,
            body=body,
            user=user,
            tag=tag or f"communications.{message.kind}",
        )
        delivery.mail = mail
        delivery.save(update_fields=["mail"])
    return delivery


def _automatic_log(event: Event, kind: str) -> Message:
    """The one message row that logs an event's automatic mails of a kind."""
    message, _created = Message.objects.get_or_create(
        event=event, kind=kind, defaults={"status": MessageStatus.SENT}
    )
    return message


# Messages to a segment -----------------------------------------------------------------------


# Automatic mails -----------------------------------------------------------------------------


# Settings and templates ----------------------------------------------------------------------
