"""Show stored UTC times in a named time zone, with the zone written out."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats

from yeongilman.core.zones import valid_zone
from yeongilman.directory.taxonomy import time_zone_label
from yeongilman.events import dates

register = template.Library()


@register.filter
def in_zone(moment: datetime | None, zone: str) -> str:
    """'2027-01-06 09:00 PST (Pacific Time)', the zone named in the viewer's language."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(valid_zone(zone) or "UTC"))
    stamp = formats.date_format(local, "Y-m-d H:i")
    shown, label = f"{stamp} {local.tzname()}", time_zone_label(zone)
    return shown if label == local.tzname() else f"{shown} ({label})"


@register.filter
def clock_in_zone(moment: datetime | None, zone: str) -> str:
    """'09:00' in the zone."""
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(valid_zone(zone) or "UTC")).strftime("%H:%M")


@register.filter
def day_clock_in_zone(moment: datetime | None, zone: str) -> str:
    """'01-07 09:00' in the zone: a slot on a day that may run past midnight."""
    if moment is None:
        return ""
    return formats.date_format(moment.astimezone(ZoneInfo(valid_zone(zone) or "UTC")), "m-d H:i")


@register.filter
def event_dates(event: object) -> str:
    """When an event runs, in its own zone: one date with hours, or a range of dates
    (`yeongilman.events.dates.date_range`)."""
    start, end = getattr(event, "starts_at", None), getattr(event, "ends_at", None)
    if start is None or end is None:
        return ""
    return dates.date_range(start, end, getattr(event, "time_zone", "") or "UTC")


@register.filter
def event_when(event: object, viewer_zone: str) -> str:
    """When an event runs, for this viewer: in person, the event's own time first and the
    viewer's beside it when it differs; online (webinars), the viewer's first."""
    if getattr(event, "starts_at", None) is None or getattr(event, "ends_at", None) is None:
        return ""
    return str(dates.event_when_for_viewer(event, viewer_zone or ""))


@register.filter
def meeting_when(meeting: object, viewer_zone: str) -> str:
    """A meeting's start for this viewer: at a table, the event's time first and the viewer's
    beside it; online, the viewer's first."""
    slot, event = getattr(meeting, "slot", None), getattr(meeting, "event", None)
    if slot is None or event is None:
        return ""
    online = getattr(meeting, "mode", "") == "online"
    return str(dates.moment_for_viewer(slot.starts_at, event.time_zone, viewer_zone, online))


@register.filter
def stop_zone(visit: object) -> str:
    """A delegation stop's own zone (blank: its event's)."""
    return dates.visit_zone(visit)  # type: ignore[arg-type]
