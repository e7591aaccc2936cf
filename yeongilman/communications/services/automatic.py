"""Automatic mails of a B2B day: reminders before meetings, nudges for unanswered requests,
expiry, and what changed when the schedule moved."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yeongilman.accounts.models import User
from yeongilman.communications import selectors
from yeongilman.communications.models import (
    EventCommsSettings,
    MailKind,
    ReminderLead,
    Segment,
)
from yeongilman.communications.services.rendering import (
    _automatic_log,
    _deliver,
    _language,
    _moment,
    _person,
    recipient_values,
)
from yeongilman.events.models import Event
from yeongilman.meetings.models import MeetingMode, MeetingRequest, MeetingSlot, RequestStatus
from yeongilman.meetings.selectors import other_side
from yeongilman.meetings.services import meeting_request_expire

REMINDER_WINDOW = timedelta(minutes=max(ReminderLead.values))


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
