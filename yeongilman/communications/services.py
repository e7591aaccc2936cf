"""Writes of communications: compose, preview, send now or later; the automatic mails (booking
nudges, meeting reminders, request expiry, schedule changes); settings and templates.

Every mail goes through the outbox (rendered per recipient, in their language, delivered by a
task after the commit). Each recipient gets one Delivery row whose unique `key` is written in
the same transaction as the mail, so a task that runs twice, or on two workers at once, sends
each reminder, nudge or expiry notice once."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.accounts.models import User
from yeongilman.communications import placeholders, selectors
from yeongilman.communications.models import (
    Delivery,
    EventCommsSettings,
    MailKind,
    MailTemplate,
    Message,
    MessageStatus,
    ReminderLead,
    Segment,
)
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.directory.taxonomy import time_zone_label
from yeongilman.events.models import Event
from yeongilman.meetings.models import MeetingMode, MeetingRequest, MeetingSlot, RequestStatus
from yeongilman.meetings.selectors import other_side
from yeongilman.meetings.services import meeting_request_expire
from yeongilman.outbox.services import mail_address

log = logging.getLogger(__name__)

TEXT_FIELDS = ("subject_ko", "subject_en", "body_ko", "body_en")
REMINDER_WINDOW = timedelta(minutes=max(ReminderLead.values))

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


def _person(user: User) -> str:
    return user.full_name or user.email


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
    return {"name": _person(user), "event": title, "link": links[language]}


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
    recipient: str
    language: str
    subject: str
    body: str


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
    first = users.first() or me
    lang = language if language in ("ko", "en") else _language(first)
    subject, body = render_for(clean, recipient_values(event, first, lang), lang)
    return Preview(users.count(), _person(first), lang, subject, body)


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


# Automatic mails -----------------------------------------------------------------------------


def _meeting_values(
    event: Event, meeting: MeetingRequest, user: User, language: str
) -> dict[str, str]:
    other = other_side(meeting, user)
    values = recipient_values(event, user, language)
    with translation.override(language):
        values["partner"] = _person(other.user)
        values["organisation"] = str(other.organisation.name) if other.organisation else ""
        if meeting.slot is not None:
            values["time"] = _moment(meeting.slot.starts_at, user.time_zone or event.time_zone)
            values["event_time"] = _moment(meeting.slot.starts_at, event.time_zone)
        online = meeting.mode == MeetingMode.ONLINE
        values["table"] = (
            _("Table %(number)s") % {"number": meeting.table}
            if meeting.table and not online
            else ""
        )
        values["link"] = meeting.video_link if online else ""
    return values


def reminders_send(now: datetime | None = None) -> int:
    """Remind both people of each meeting that starts within its event's reminder time
    (once per meeting, time and person); returns how many mails were queued."""
    now = now or timezone.now()
    meetings = (
        MeetingRequest.objects.filter(
            status=RequestStatus.ACCEPTED,
            confirmed=True,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + REMINDER_WINDOW,
        )
        .select_related(
            "event",
            "slot",
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
        )  # fmt: skip
        .order_by("slot__starts_at", "id")
    )
    texts_of = selectors.template_texts(MailKind.REMINDER)
    settings_of: dict[int, EventCommsSettings] = {}
    sent = 0
    for meeting in meetings:
        event = meeting.event
        if event.pk not in settings_of:
            settings_of[event.pk] = selectors.comms_settings(event)
        options = settings_of[event.pk]
        assert meeting.slot is not None
        lead = timedelta(minutes=options.reminder_minutes_before)
        if not options.reminders_enabled or meeting.slot.starts_at > now + lead:
            continue
        log_row = _automatic_log(event, MailKind.REMINDER)
        stamp = f"{meeting.slot.starts_at:%Y%m%dT%H%M}"
        for side in (meeting.requester, meeting.recipient):
            user = side.user
            values = _meeting_values(event, meeting, user, _language(user))
            if _deliver(
                message=log_row, user=user, key=f"reminder:{meeting.pk}:{user.pk}:{stamp}",
                texts=texts_of, values=values,
            ):  # fmt: skip
                sent += 1
    return sent


def nudges_send(now: datetime | None = None) -> int:
    """Every N days (per event) nudge confirmed participants without any request while the
    B2B day is still ahead; once per person and period. Returns how many were queued."""
    now = now or timezone.now()
    texts = selectors.template_texts(MailKind.NUDGE)
    sent = 0
    for options in EventCommsSettings.objects.filter(
        nudges_enabled=True, event__starts_at__gt=now
    ).select_related("event"):
        event = options.event
        if not event.slots.exists():
            continue
        period = timezone.localdate(now).toordinal() // max(1, options.nudge_every_days)
        log_row = _automatic_log(event, MailKind.NUDGE)
        for user in selectors.segment_users(event, Segment.WITHOUT_REQUESTS):
            values = recipient_values(event, user, _language(user))
            if _deliver(
                message=log_row, user=user, key=f"nudge:{event.pk}:{user.pk}:{period}",
                texts=texts, values=values,
            ):  # fmt: skip
                sent += 1
    return sent


def requests_expire(now: datetime | None = None) -> int:
    """Expire meeting requests unanswered for the event's N days: the request is cancelled
    (so the pair may ask again and neither side keeps a slot or table for it) and both sides
    are told. Returns how many requests expired."""
    now = now or timezone.now()
    texts = selectors.template_texts(MailKind.EXPIRY)
    expired = 0
    for options in EventCommsSettings.objects.filter(expiry_enabled=True).select_related("event"):
        event = options.event
        cutoff = now - timedelta(days=options.expire_after_days)
        stale = (
            event.meeting_requests.filter(status=RequestStatus.REQUESTED, created_at__lt=cutoff)
            .select_related(
                "requester__user",
                "requester__organisation",
                "recipient__user",
                "recipient__organisation",
            )  # fmt: skip
            .order_by("id")
        )
        for meeting in stale:
            with transaction.atomic():
                if not meeting_request_expire(request=meeting, now=now):
                    continue
                expired += 1
                log_row = _automatic_log(event, MailKind.EXPIRY)
                for side in (meeting.requester, meeting.recipient):
                    user = side.user
                    values = _meeting_values(event, meeting, user, _language(user))
                    values["days"] = str(options.expire_after_days)
                    _deliver(
                        message=log_row, user=user, key=f"expiry:{meeting.pk}:{user.pk}",
                        texts=texts, values=values,
                    )  # fmt: skip
    return expired


def _place(slot: MeetingSlot | None, table: int | None, zone: str, online: bool) -> str:
    if slot is None:
        return _("not scheduled")
    when = _moment(slot.starts_at, zone)
    if online or not table:
        return when
    return _("%(time)s, table %(table)s") % {"time": when, "table": table}


def change_lines(
    event: Event, user: User, changes: list[tuple[MeetingRequest, MeetingSlot | None, int | None]]
) -> str:
    """One line per changed meeting of `user`: partner, old place → new place (their zone)."""
    zone = user.time_zone or event.time_zone
    lines = []
    for meeting, old_slot, old_table in changes:
        other = other_side(meeting, user)
        online = meeting.mode == MeetingMode.ONLINE
        partner = _person(other.user)
        if other.organisation:
            partner = _("%(person)s (%(organisation)s)") % {
                "person": partner,
                "organisation": other.organisation.name,
            }
        lines.append(
            _("Meeting with %(partner)s: %(old)s → %(new)s")
            % {
                "partner": partner,
                "old": _place(old_slot, old_table, zone, online),
                "new": _place(meeting.slot, meeting.table, zone, online),
            }
        )
    return "\n".join(f"- {line}" for line in lines)


def schedule_changes_notify(
    event: Event, changes: list[tuple[MeetingRequest, int | None, int | None]]
) -> int:
    """Tell each person whose meetings moved what changed (old → new time, table, partner),
    one mail per person; the meetings app calls it (its schedule_changed hook) inside the
    change's transaction.
    `changes` holds each changed meeting (already saved) with its old slot id and table."""
    if not changes or not selectors.comms_settings(event).schedule_changed_enabled:
        return 0
    slot_ids = {old for _m, old, _t in changes if old} | {m.slot_id for m, _o, _t in changes}
    slots = {s.pk: s for s in MeetingSlot.objects.filter(pk__in=slot_ids)}
    by_user: dict[int, list[tuple[MeetingRequest, MeetingSlot | None, int | None]]] = defaultdict(
        list
    )
    people: dict[int, User] = {}
    for meeting, old_slot_id, old_table in changes:
        meeting.slot = slots.get(meeting.slot_id) if meeting.slot_id else None
        for side in (meeting.requester, meeting.recipient):
            people[side.user_id] = side.user
            by_user[side.user_id].append(
                (meeting, slots.get(old_slot_id) if old_slot_id else None, old_table)
            )
    texts = selectors.template_texts(MailKind.SCHEDULE_CHANGED)
    log_row = _automatic_log(event, MailKind.SCHEDULE_CHANGED)
    batch = uuid.uuid4().hex[:12]
    for user_id, rows in by_user.items():
        user = people[user_id]
        language = _language(user)
        values = recipient_values(event, user, language)
        with translation.override(language):
            values["changes"] = change_lines(event, user, rows)
        _deliver(
            message=log_row, user=user, key=f"changed:{event.pk}:{user.pk}:{batch}",
            texts=texts, values=values, tag="events.schedule_changed",
        )  # fmt: skip
    return len(by_user)


# Settings and templates ----------------------------------------------------------------------

SETTING_LIMITS = {"nudge_every_days": (1, 30), "expire_after_days": (1, 60)}
SETTING_FIELDS = (
    "nudges_enabled", "nudge_every_days", "reminders_enabled", "reminder_minutes_before",
    "expiry_enabled", "expire_after_days", "schedule_changed_enabled",
)  # fmt: skip


@transaction.atomic
def comms_settings_update(*, actor: AnyUser, event: Event, **values: Any) -> EventCommsSettings:
    """Switch an event's automatic mails on or off and set their numbers (operators)."""
    require_operator(actor)
    options, _created = EventCommsSettings.objects.select_for_update().get_or_create(event=event)
    errors: dict[str, list[str]] = {}
    for field, value in values.items():
        if field not in SETTING_FIELDS or value is None:
            continue
        if field in SETTING_LIMITS:
            low, high = SETTING_LIMITS[field]
            if not low <= int(value) <= high:
                errors[field] = [
                    _("Use a number from %(low)s to %(high)s.") % {"low": low, "high": high}
                ]
                continue
        if field == "reminder_minutes_before" and int(value) not in ReminderLead.values:
            errors[field] = [_("Choose one of the offered reminder times.")]
            continue
        setattr(options, field, value)
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    options.save()
    return options


def _check_template_texts(texts: dict[str, str]) -> dict[str, str]:
    clean = {f: (texts.get(f) or "").strip() for f in TEXT_FIELDS}
    missing = {
        f: [_("This text is needed in both languages.")] for f, text in clean.items() if not text
    }
    if missing:
        raise ValidationFailed(next(iter(missing.values()))[0], field_errors=missing)
    placeholders.check_texts(clean)
    return clean


@transaction.atomic
def template_save(*, actor: AnyUser, kind: str, texts: dict[str, str]) -> MailTemplate:
    """Save the operators' texts of a kind of mail, both languages (unknown placeholders are
    refused, naming them)."""
    require_operator(actor)
    if kind not in MailKind.values:
        raise ValidationFailed(_("There is no such kind of mail."))
    clean = _check_template_texts(texts)
    template, _created = MailTemplate.objects.update_or_create(kind=kind, defaults=clean)
    return template


SAMPLE = {
    "name": "Kim Minji",
    "partner": "Alex Morgan",
    "organisation": "Pittsburgh Robotics Lab",
    "table": "3",
    "days": "7",
}


def template_preview(
    *, actor: AnyUser, kind: str, texts: dict[str, str] | None = None, event: Event | None = None
) -> dict[str, dict[str, str]]:
    """A kind's texts (given, or the saved ones) filled with sample values, per language."""
    require_operator(actor)
    if kind not in MailKind.values:
        raise ValidationFailed(_("There is no such kind of mail."))
    chosen = _check_template_texts(texts) if texts is not None else selectors.template_texts(kind)
    now = timezone.now().replace(second=0, microsecond=0)
    zone = event.time_zone if event else "Asia/Seoul"
    out = {}
    for language in ("ko", "en"):
        with translation.override(language):
            values = dict(SAMPLE)
            values["event"] = str(event.title) if event else _("Sample event")
            values["link"] = _event_link(event, language) if event else settings.YV_SITE_URL
            values["time"] = values["event_time"] = _moment(now, zone)
            values["table"] = _("Table %(number)s") % {"number": 3}
            if kind == MailKind.REMINDER:
                values["link"] = ""  # the sample meeting is at a table, not a video call
            values["changes"] = "- " + _("Meeting with %(partner)s: %(old)s → %(new)s") % {
                "partner": SAMPLE["partner"], "old": _moment(now, zone),
                "new": _moment(now + timedelta(hours=1), zone),
            }  # fmt: skip
            subject, body = render_for(chosen, values, language)
        out[language] = {"subject": subject, "body": body}
    return out
