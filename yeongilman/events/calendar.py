"""iCalendar (RFC 5545) exports: a person's agenda and an event's programme."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.events.dates import visit_zone
from yeongilman.events.models import Event, ProgrammeSession, Visit

PRODID = "-//Yeongilman Valley//Events//EN"


def _text(value: str) -> str:
    """Text for a property: every line break as one LF, which the library escapes as \\n (a
    CR left in would end the content line and let the text write a line of its own)."""
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", icalendar.vText(_text(name)))  # an X- property is not escaped by itself
    return cal


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def entry(
    uid: str, summary: str, start: datetime, end: datetime, zone: str, **extra: str
) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", f"{uid}@yeongilman-valley")
    entry.add("dtstamp", timezone.now())
    entry.add("summary", _text(summary))
    entry.add("dtstart", _local(start, zone))
    entry.add("dtend", _local(end, zone))
    for key, value in extra.items():
        if value:
            entry.add(key, _text(value))
    return entry


def event_entry(event: Event) -> icalendar.Event:
    """The event itself, in its own time zone."""
    place = ", ".join(p for p in (event.venue, event.city) if p)
    return entry(
        f"event-{event.pk}",
        str(event.title),
        event.starts_at,
        event.ends_at,
        event.time_zone,
        location=place,
        description=str(event.description),
        # A calendar that subscribed to the event strikes it out (RFC 5545 STATUS).
        status="CANCELLED" if event.cancelled_at else "",
    )


def session_entry(session: ProgrammeSession) -> icalendar.Event:
    """A programme session."""
    return entry(
        f"session-{session.pk}",
        str(session.title),
        session.starts_at,
        session.ends_at,
        session.event.time_zone,
        location=session.room,
        description=session.speakers,
    )


def visit_entry(visit: Visit) -> icalendar.Event:
    """A delegation stop at its time in its own zone (a trip crosses zones); a stop records
    when it starts only, so the entry has no end (RFC 5545: it ends when it starts)."""
    entry = icalendar.Event()
    entry.add("uid", f"visit-{visit.pk}@yeongilman-valley")
    entry.add("dtstamp", timezone.now())
    who = visit.organisation.name if visit.organisation else ""
    entry.add("summary", _text(" · ".join(str(p) for p in (who, visit.place) if p) or _("Visit")))
    entry.add("dtstart", _local(visit.starts_at, visit_zone(visit)))
    if visit.place:
        entry.add("location", _text(visit.place))
    if visit.notes:
        entry.add("description", _text(visit.notes))
    return entry


def build(name: str, entries: Iterable[icalendar.Event]) -> bytes:
    """A complete calendar with the VTIMEZONE blocks its entries need."""
    cal = _calendar(name)
    for entry in entries:
        cal.add_component(entry)
    cal.add_missing_timezones()
    return cal.to_ical()
