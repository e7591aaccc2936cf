"""A B2B day's slots as a grid for one viewer: grouped by the date in the viewer's zone, each
slot's start–end there and, when it differs, in the event's own zone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from django.utils import formats

from yeongilman.core.zones import valid_zone
from yeongilman.meetings.models import MeetingSlot


@dataclass
class SlotRow:
    """One slot: its times in the viewer's zone, and in the event's when those differ."""

    slot: MeetingSlot
    clock: str  # "09:00–09:25" in the viewer's zone
    event_clock: str  # the same in the event's zone ("" when it reads the same)
    event_day: str  # the event's date when it is not the viewer's ("" otherwise)
    unavailable: bool
    booked_with: str = ""  # who the viewer meets in this slot, if anyone


@dataclass
class SlotDay:
    """The slots that fall on one date of the viewer's calendar."""

    day: date
    rows: list[SlotRow] = field(default_factory=list)


def _clock(slot: MeetingSlot, zone: ZoneInfo) -> str:
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    return f"{start:%H:%M}–{end:%H:%M}"


def slot_days(
    slots: Iterable[MeetingSlot],
    *,
    zone: str,
    event_zone: str,
    unavailable: Iterable[int] = (),
    only_free: bool = False,
    booked: Mapping[int, str] | None = None,
) -> list[SlotDay]:
    """The slots in time order under one heading per date of the viewer's zone; with
    `only_free`, the slots marked unavailable are left out (what a requester may propose);
    `booked` names the partner the viewer meets in a slot."""
    here = ZoneInfo(valid_zone(zone) or "UTC")
    there = ZoneInfo(valid_zone(event_zone) or "UTC")
    blocked = set(unavailable)
    days: list[SlotDay] = []
    for slot in sorted(slots, key=lambda s: (s.starts_at, s.pk)):
        if only_free and slot.pk in blocked:
            continue
        local = slot.starts_at.astimezone(here)
        remote = slot.starts_at.astimezone(there)
        same = local.replace(tzinfo=None) == remote.replace(tzinfo=None)
        row = SlotRow(
            slot=slot,
            clock=_clock(slot, here),
            event_clock="" if same else _clock(slot, there),
            event_day=""
            if same or remote.date() == local.date()
            else formats.date_format(remote.date(), "MONTH_DAY_FORMAT"),
            unavailable=slot.pk in blocked,
            booked_with=(booked or {}).get(slot.pk, ""),
        )
        if not days or days[-1].day != local.date():
            days.append(SlotDay(local.date()))
        days[-1].rows.append(row)
    return days
