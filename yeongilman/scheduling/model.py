"""The scheduling problem in plain data: slots, participants, meetings, and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime
    end: datetime
    capacity: int  # tables in this slot, numbered 1..capacity


@dataclass(frozen=True)
class Participant:
    id: str
    available: frozenset[str] | None  # slot ids; None means every slot


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[str, ...]
    priority: float = 1.0
    fixed_slot: str | None = None
    fixed_table: int | None = None


@dataclass(frozen=True)
class Instance:
    """A validated instance; slots are in time order."""

    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class Assignment:
    meeting: str
    slot: str
    table: int


@dataclass(frozen=True)
class Unscheduled:
    meeting: str
    reason: str


@dataclass
class Schedule:
    """The solver's answer: every meeting is in exactly one of the two lists."""

    assignments: list[Assignment]
    unscheduled: list[Unscheduled]
    priority_total: float
    upper_bound: float
    seconds: float
    participants_without_meeting: int = 0
    idle_gaps: int = 0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The CLI's output format (the public contract)."""
        return {
            "assignments": [
                {"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in self.assignments
            ],
            "unscheduled": [{"meeting": u.meeting, "reason": u.reason} for u in self.unscheduled],
            "stats": {
                "scheduled": len(self.assignments),
                "priority_total": _number(self.priority_total),
                "upper_bound": _number(self.upper_bound),
                "seconds": round(self.seconds, 3),
            },
        }


def _number(value: float) -> float | int:
    """Whole numbers print as integers (2, not 2.0)."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded
