"""Writes of the operator's B2B manage page: replacing the day's set-up (slots and tables)
only once the operator has agreed to unschedule the meetings it would take out of their slots."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import Conflict
from yeongilman.events.models import Event
from yeongilman.meetings.manage_selectors import booked_meetings
from yeongilman.meetings.models import MeetingRequest, MeetingSlot
from yeongilman.meetings.services import schedule_changed, slots_define


def unschedule_warning(count: int) -> str:
    """What the operator agrees to: 'I understand that 3 booked meetings will be unscheduled.'"""
    return ngettext(
        "I understand that %(count)d booked meeting will be unscheduled.",
        "I understand that %(count)d booked meetings will be unscheduled.",
        count,
    ) % {"count": count}


@transaction.atomic
def slots_replace(
    *,
    actor: AnyUser,
    event: Event,
    first_start: datetime,
    minutes: int,
    count: int,
    gap_minutes: int,
    tables: int,
    unschedule_booked: int | None = None,
) -> list[MeetingSlot]:
    """Replace the day's slots and tables (as `slots_define`). When accepted meetings hold a
    slot, nothing changes unless `unschedule_booked` is their number (what the operator saw
    and agreed to): then they are unscheduled (no slot, table or interpreter; no longer
    pinned), both sides are told, and the new slots are made. A different number is a
    Conflict naming the current one, so a booking made meanwhile is never lost unseen."""
    require_operator(actor)
    lock_for_change(event)
    # Hold the day's slots too: a booking into one (which holds its slot) finishes first and
    # is counted here, or waits and then finds its slot gone.
    list(event.slots.select_for_update().values_list("pk", flat=True))
    booked = booked_meetings(event)
    if booked and unschedule_booked != len(booked):
        message = ngettext(
            "%(count)d booked meeting would be unscheduled: confirm to replace the slots.",
            "%(count)d booked meetings would be unscheduled: confirm to replace the slots.",
            len(booked),
        ) % {"count": len(booked)}
        raise Conflict(
            message,
            field_errors={"unschedule_booked": [message]},
            extra={"booked": len(booked)},
        )
    _unschedule(event, booked)
    return slots_define(
        actor=actor,
        event=event,
        first_start=first_start,
        minutes=minutes,
        count=count,
        gap_minutes=gap_minutes,
        tables=tables,
    )


def _unschedule(event: Event, meetings: list[MeetingRequest]) -> None:
    """Take meetings out of their slots (kept accepted for the next run) and tell both sides,
    while the old slots still exist for the mail's "before"."""
    # A pin without a slot pins nothing; it would only make slots_define refuse.
    event.meeting_requests.filter(confirmed=True, slot__isnull=True).update(confirmed=False)
    if not meetings:
        return
    changes: list[tuple[MeetingRequest, int | None, int | None]] = []
    for meeting in meetings:
        changes.append((meeting, meeting.slot_id, meeting.table))
        meeting.slot, meeting.table, meeting.interpreter = None, None, None
        meeting.confirmed = False
        meeting.unscheduled_reason = ""
        meeting.save(
            update_fields=[
                "slot", "table", "interpreter", "confirmed", "unscheduled_reason", "updated_at"
            ]
        )  # fmt: skip
    schedule_changed(event, changes)


def saved_message(unscheduled: int) -> str:
    """What the page says after saving a set-up (and how many meetings lost their slot)."""
    if not unscheduled:
        return _("The slots were saved.")
    return ngettext(
        "The slots were saved; %(count)d meeting was unscheduled: run the scheduler again.",
        "The slots were saved; %(count)d meetings were unscheduled: run the scheduler again.",
        unscheduled,
    ) % {"count": unscheduled}
