"""The per-person limits of a B2B day (meetings per day, back-to-back meetings in a row) for a
meeting booked by hand: the rule the scheduler keeps (`scheduling.model`), for one person."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from zoneinfo import ZoneInfo

from yeongilman.meetings.models import MeetingSlot


def _joined(before: MeetingSlot, after: MeetingSlot) -> bool:
    """Back to back: the break between them is shorter than a slot."""
    return after.starts_at - before.ends_at < before.ends_at - before.starts_at


def within_limits(
    slots: Sequence[MeetingSlot],
    taken: Collection[int],
    slot: MeetingSlot,
    *,
    zone: str,
    per_day: int | None,
    in_a_row: int | None,
) -> bool:
    """Whether a person who meets in the `taken` slots (ids) may also meet in `slot`: at most
    `per_day` meetings on the slot's date in the event's zone, and at most `in_a_row` meetings
    back to back around it."""
    busy = set(taken) | {slot.pk}
    if per_day:
        here = ZoneInfo(zone)
        day = slot.starts_at.astimezone(here).date()
        on_the_day = sum(
            1 for s in slots if s.pk in busy and s.starts_at.astimezone(here).date() == day
        )
        if on_the_day > per_day:
            return False
    if in_a_row:
        ordered = sorted(slots, key=lambda s: (s.starts_at, s.pk))
        at = next(i for i, s in enumerate(ordered) if s.pk == slot.pk)
        first = last = at
        while (
            first > 0
            and ordered[first - 1].pk in busy
            and _joined(ordered[first - 1], ordered[first])
        ):
            first -= 1
        while (
            last + 1 < len(ordered)
            and ordered[last + 1].pk in busy
            and _joined(ordered[last], ordered[last + 1])
        ):
            last += 1
        if last - first + 1 > in_a_row:
            return False
    return True
