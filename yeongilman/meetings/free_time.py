"""A participant's free time on a B2B day as merged blocks, and the breaks it makes.

A break (the scheduler's word) is a maximal run of the day's slots without a meeting lying
between two of the person's meetings on the same date; slots are taken in time order, so a
lunch pause between two slots is no free block by itself. An agenda shows each break as one
"Free 10:40–11:40" line, never one line per empty slot."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from yeongilman.core.zones import valid_zone
from yeongilman.meetings.models import MeetingSlot


@dataclass(frozen=True)
class FreeBlock:
    """Consecutive empty slots between two meetings: from the first one's start to the last
    one's end."""

    starts_at: datetime
    ends_at: datetime
    slots: int


def free_blocks(slots: Sequence[MeetingSlot], busy: Iterable[int], zone: str) -> list[FreeBlock]:
    """The person's breaks on the day's `slots`, given the ids of the slots they meet in; a
    date is read in `zone` (the event's)."""
    here = ZoneInfo(valid_zone(zone) or "UTC")
    taken = set(busy)
    blocks: list[FreeBlock] = []
    day = None
    started = False
    run: list[MeetingSlot] = []
    for slot in sorted(slots, key=lambda s: (s.starts_at, s.pk)):
        date = slot.starts_at.astimezone(here).date()
        if date != day:
            day, started, run = date, False, []
        if slot.pk in taken:
            if started and run:
                blocks.append(FreeBlock(run[0].starts_at, run[-1].ends_at, len(run)))
            started, run = True, []
        elif started:
            run.append(slot)
    return blocks


@dataclass(frozen=True)
class BreakSummary:
    """Breaks of a day's participants: the total, the most and fewest anyone has (everyone
    counts; fewer than two meetings is no break) and who has the most."""

    total: int
    most: int
    fewest: int
    worst: int | None  # the registration with the most breaks (None: nobody has one)

    @property
    def spread(self) -> int:
        """The most breaks anyone has, less the fewest."""
        return self.most - self.fewest


def break_summary(per_person: dict[int, int]) -> BreakSummary:
    """The summary of breaks per registration id (the first in id order wins a tie)."""
    if not per_person:
        return BreakSummary(0, 0, 0, None)
    most = max(per_person.values())
    worst = min(pk for pk, n in per_person.items() if n == most) if most else None
    return BreakSummary(sum(per_person.values()), most, min(per_person.values()), worst)
