"""Presentation slots as iCalendar entries, for the applicant's personal feed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.programs.models import PresentationSlot


def presentation_entry(slot: PresentationSlot) -> icalendar.Event:
    """The applicant's presentation before a panel, in the call's time zone, with the room or
    the video link as its place."""
    call = slot.stage.call
    zone = ZoneInfo(call.time_zone)
    entry = icalendar.Event()
    entry.add("uid", f"presentation-{slot.pk}@yeongilman-valley")
    entry.add("dtstamp", timezone.now())
    summary = _("Presentation: %(call)s (%(panel)s)") % {"call": call.title, "panel": slot.panel}
    entry.add("summary", summary.replace("\r", " ").replace("\n", " "))
    entry.add("dtstart", slot.starts_at.astimezone(zone))
    entry.add("dtend", slot.ends_at.astimezone(zone))
    place = slot.room or slot.video_link
    if place:
        entry.add("location", place)
    if slot.video_link:
        entry.add("url", slot.video_link)
        entry.add("description", slot.video_link)
    return entry
