"""A B2B slot's date and start–end in one zone, short (the page names the zone once)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import template

from yeongilman.core.zones import valid_zone
from yeongilman.directory.taxonomy import time_zone_label
from yeongilman.events.models import Registration
from yeongilman.meetings.models import MeetingRequest, MeetingSlot
from yeongilman.meetings.selectors import other_side, reason_label

register = template.Library()


@register.filter
def slot_when(slot: MeetingSlot | None, zone: str) -> str:
    """'2027-01-06 12:00–12:25' in the zone."""
    if slot is None:
        return ""
    here = ZoneInfo(valid_zone(zone) or "UTC")
    start, end = slot.starts_at.astimezone(here), slot.ends_at.astimezone(here)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


@register.filter
def zone_named(zone: str) -> str:
    """'Eastern Time': the zone's name in the viewer's language, the one label style every
    line uses (no id such as 'America/New_York' beside it)."""
    return time_zone_label(zone or "")


@register.filter
def scheduler_reason(reason: str) -> str:
    """Why the scheduler left a meeting out, in the viewer's language."""
    return reason_label(reason or "")


@register.filter(name="other_side")
def other_side_filter(meeting: MeetingRequest, side: Any) -> Registration:
    """`{% with other=meeting|other_side:user %}`: the registration across the table."""
    return other_side(meeting, side)
