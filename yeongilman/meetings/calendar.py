"""A B2B meeting as an iCalendar entry (the agenda feed and files are built by events.calendar)."""

from __future__ import annotations

import icalendar

from yeongilman.events import calendar
from yeongilman.meetings.models import MeetingRequest
from yeongilman.meetings.selectors import other_side


def meeting_entry(request: MeetingRequest, viewer_registration_id: int) -> icalendar.Event:
    """A scheduled B2B meeting, named after the counterpart."""
    assert request.slot is not None
    other = other_side(request, viewer_registration_id)
    who = other.organisation.name if other.organisation else other.user
    summary = f"B2B: {who}"
    return calendar.entry(
        f"meeting-{request.pk}",
        summary,
        request.slot.starts_at,
        request.slot.ends_at,
        request.event.time_zone,
        location=f"{request.event.venue} · table {request.table}",
        description=request.message,
    )
