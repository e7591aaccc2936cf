"""Breaks in a participant's agenda, and the `breaks` statistics of the answer.

A break is a maximal run of slots without a meeting between two of one person's meetings on
the same calendar day (in the slot's own UTC offset). Slots are taken in time order and two
slots are consecutive when no other slot lies between them, so a lunch pause between two
slots is no break by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def row_breaks(row: Sequence[int], day_of: Sequence[int]) -> int:
    """Breaks of one person from their row of meeting indices per slot (-1: free), with the
    calendar day of each slot."""
    count, day, started, idle = 0, -1, False, False
    for s, held in enumerate(row):
        if day_of[s] != day:
            day, started, idle = day_of[s], False, False
        if held >= 0:
            if started and idle:
                count += 1
            started, idle = True, False
        else:
            idle = True
    return count


@dataclass
class BreakReport:
    """Breaks per person and what the solver proved about them."""

    per_person: list[int]
    lower_bound: int = 0
    method: str = "none"  # "exact" (CP-SAT), "local" (moves of single meetings) or "none"
    max_spread: int | None = None

    @property
    def total(self) -> int:
        """Everyone's breaks together."""
        return sum(self.per_person)

    @property
    def spread(self) -> int:
        """The most breaks anyone has, less the fewest."""
        return max(self.per_person, default=0) - min(self.per_person, default=0)

    def to_json(self) -> dict[str, Any]:
        """The answer's `stats["breaks"]`."""
        high, low = max(self.per_person, default=0), min(self.per_person, default=0)
        return {
            "total": self.total,
            "max": high,
            "min": low,
            "spread": high - low,
            "lower_bound": min(self.lower_bound, self.total),
            "spread_met": self.max_spread is None or high - low <= self.max_spread,
            "method": self.method,
        }
