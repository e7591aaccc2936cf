"""A meeting request's time window: which of the day's slots it may be held in. Morning and
afternoon are read on the day's own slots, in the event's time zone: a slot that starts
before 12:00 there is a morning slot, one that starts at 12:00 or later an afternoon slot."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from yeongilman.core.zones import valid_zone
from yeongilman.meetings.models import MeetingRequest, MeetingSlot, MeetingWindow

NOON = 12


def is_morning(slot: MeetingSlot, zone: str) -> bool:
    """Whether the slot starts before noon in the zone (the event's)."""
    return slot.starts_at.astimezone(ZoneInfo(valid_zone(zone) or "UTC")).hour < NOON


def slots_in_window(
    slots: Iterable[MeetingSlot], window: str, chosen: Iterable[int], zone: str
) -> list[MeetingSlot]:
    """The slots of the day a window allows, in the given order (every slot for no window)."""
    picked = set(chosen)
    if window == MeetingWindow.MORNING:
        return [s for s in slots if is_morning(s, zone)]
    if window == MeetingWindow.AFTERNOON:
        return [s for s in slots if not is_morning(s, zone)]
    if window == MeetingWindow.SLOTS:
        return [s for s in slots if s.pk in picked]
    return list(slots)


def allowed_slot_ids(
    request: MeetingRequest, slots: Iterable[MeetingSlot], zone: str
) -> list[int] | None:
    """The slot ids a request's window allows, or None when it has no window (any slot).
    `request.window_slots` is read from the prefetch cache when there is one."""
    if not request.window:
        return None
    chosen = [s.pk for s in request.window_slots.all()] if request.window == "slots" else []
    return [s.pk for s in slots_in_window(slots, request.window, chosen, zone)]
