"""When an event takes place, written for people: one date with its hours for a day's event,
a range of dates for one that runs over several days, always in the event's own zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from yeongilman.core.zones import valid_zone
from yeongilman.directory.taxonomy import time_zone_label

if TYPE_CHECKING:
    from yeongilman.events.models import Visit


def safe_zone(zone: str, fallback: str = "UTC") -> str:
    """The zone if the zone database knows it, else the fallback (a stop's zone typed by hand
    must not break a page)."""
    return valid_zone(zone) or valid_zone(fallback) or "UTC"


def _korean() -> bool:
    return (get_language() or "").startswith("ko")


def format_day(day: date, *, with_year: bool = True) -> str:
    """'2027-01-07' in English, '2027년 1월 7일' in Korean (without the year: '1월 7일')."""
    if _korean():
        return (
            f"{day.year}년 {day.month}월 {day.day}일" if with_year else f"{day.month}월 {day.day}일"
        )
    return day.isoformat()


def _last_day(local_end: datetime) -> date:
    """The last calendar day an end touches: an end at midnight closes the day before."""
    return (local_end - timedelta(microseconds=1)).date()


def date_range(start: datetime, end: datetime, zone: str) -> str:
    """When something runs, in the zone:

    - within one day: '2027-01-07 09:00–13:00 PST (Pacific Time)';
    - shorter than a day but across midnight: '2027-01-07 22:00 – 2027-01-08 02:00 PST (…)';
    - over several days: '2027-01-07 – 2027-01-10' ('2027년 1월 7일 – 1월 10일' in Korean).
    """
    zone = safe_zone(zone)
    tz = ZoneInfo(zone)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    first, last = local_start.date(), _last_day(local_end)
    abbreviation, label = local_end.tzname() or zone, time_zone_label(zone)
    named = abbreviation if label == abbreviation else f"{abbreviation} ({label})"
    if first >= last:
        return f"{format_day(first)} {local_start:%H:%M}–{local_end:%H:%M} {named}"
    if end - start < timedelta(days=1):
        return (
            f"{format_day(first)} {local_start:%H:%M} – "
            f"{format_day(last)} {local_end:%H:%M} {named}"
        )
    if _korean():
        return f"{format_day(first)} – {format_day(last, with_year=last.year != first.year)}"
    return f"{first.isoformat()} – {last.isoformat()}"


def visit_zone(visit: Visit) -> str:
    """The zone a delegation stop is shown in: its own, else its event's."""
    own = getattr(visit, "time_zone", "") or ""
    return safe_zone(own, visit.event.time_zone) if own else safe_zone(visit.event.time_zone)


# Kinds held online: their times lead in the viewer's zone (there is no "there" to be at).
ONLINE_KINDS = frozenset({"webinar"})


@dataclass(frozen=True)
class WhenForViewer:
    """An event's time as one viewer reads it: the time that leads, and the other zone's
    beside it ("" when both zones show the same clock)."""

    lead: str
    beside: str = ""
    beside_is_viewers: bool = True

    def __str__(self) -> str:
        if not self.beside:
            return self.lead
        if self.beside_is_viewers:
            return _("%(when)s · your time: %(yours)s") % {"when": self.lead, "yours": self.beside}
        return _("%(when)s · event's time: %(theirs)s") % {"when": self.lead, "theirs": self.beside}


def _same_clock(moments: tuple[datetime, ...], one: str, other: str) -> bool:
    a, b = ZoneInfo(one), ZoneInfo(other)
    return all(m.astimezone(a).utcoffset() == m.astimezone(b).utcoffset() for m in moments)


def when_for_viewer(
    start: datetime, end: datetime, event_zone: str, viewer_zone: str, online: bool
) -> WhenForViewer:
    """In person: the event's own time first, the viewer's beside it when it differs; online:
    the viewer's time first, the event's beside it."""
    event_zone, viewer_zone = safe_zone(event_zone), safe_zone(viewer_zone, event_zone)
    own = date_range(start, end, event_zone)
    if _same_clock((start, end), event_zone, viewer_zone):
        return WhenForViewer(own)
    theirs = date_range(start, end, viewer_zone)
    if online:
        return WhenForViewer(theirs, own, beside_is_viewers=False)
    return WhenForViewer(own, theirs)


def event_when_for_viewer(event: Any, viewer_zone: str) -> WhenForViewer:
    """`when_for_viewer` for an event (its kind says whether it is held online)."""
    return when_for_viewer(
        event.starts_at, event.ends_at, event.time_zone, viewer_zone,
        online=getattr(event, "kind", "") in ONLINE_KINDS,
    )  # fmt: skip


def moment_in(moment: datetime, zone: str) -> str:
    """'2027-01-07 09:00 PST (Pacific Time)': a moment in a zone, the zone named once."""
    zone = safe_zone(zone)
    local = moment.astimezone(ZoneInfo(zone))
    abbreviation, label = local.tzname() or zone, time_zone_label(zone)
    named = abbreviation if label == abbreviation else f"{abbreviation} ({label})"
    return f"{local:%Y-%m-%d %H:%M} {named}"


def moment_for_viewer(
    moment: datetime, event_zone: str, viewer_zone: str, online: bool
) -> WhenForViewer:
    """One moment (a meeting's start) as `when_for_viewer` orders an event's time."""
    event_zone, viewer_zone = safe_zone(event_zone), safe_zone(viewer_zone, event_zone)
    own = moment_in(moment, event_zone)
    if _same_clock((moment,), event_zone, viewer_zone):
        return WhenForViewer(own)
    theirs = moment_in(moment, viewer_zone)
    if online:
        return WhenForViewer(theirs, own, beside_is_viewers=False)
    return WhenForViewer(own, theirs)
