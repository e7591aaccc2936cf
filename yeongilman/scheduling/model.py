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
    max_per_day: int | None = None  # meetings on one calendar day (in the slot's own offset)
    max_in_a_row: int | None = None  # back-to-back meetings before a free slot is due


@dataclass(frozen=True)
class Interpreter:
    id: str
    available: frozenset[str] | None  # slot ids; None means every slot


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[str, ...]
    priority: float = 1.0
    fixed_slot: str | None = None
    fixed_table: int | None = None
    online: bool = False  # held by video link: takes no table
    needs_interpreter: bool = False  # takes one interpreter free in its slot
    window: frozenset[str] | None = None  # `allowed_slots`: slot ids; None means every slot


@dataclass(frozen=True)
class Agenda:
    """The instance's `agenda`: how participants' days are judged after the priority total."""

    minimise_breaks: bool = True
    max_break_spread: int | None = None  # most breaks of anyone minus fewest; None: no limit


@dataclass(frozen=True)
class Instance:
    """A validated instance; slots are in time order."""

    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    interpreters: tuple[Interpreter, ...] = ()
    agenda: Agenda | None = None  # given: the answer reports breaks, and minimises them

    @property
    def uses_extensions(self) -> bool:
        """Whether the instance uses online meetings, interpreters or per-person limits; the
        answer then carries the fields that describe them (older instances: the old shape)."""
        return (
            bool(self.interpreters)
            or any(m.online or m.needs_interpreter for m in self.meetings)
            or any(p.max_per_day or p.max_in_a_row for p in self.participants)
        )

    def interpreters_in(self, slot_id: str) -> list[str]:
        """The interpreters free in a slot, by id."""
        return sorted(
            i.id for i in self.interpreters if i.available is None or slot_id in i.available
        )

    def back_to_back(self) -> list[bool]:
        """For each slot after the first: does it follow the previous one without a break as
        long as a slot? (Such a break is the free slot the per-person limit asks for.)"""
        linked = []
        for before, after in zip(self.slots, self.slots[1:], strict=False):
            linked.append(after.start - before.end < before.end - before.start)
        return linked


@dataclass(frozen=True)
class Assignment:
    meeting: str
    slot: str
    table: int | None  # None for an online meeting
    interpreter: str | None = None


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
    extended: bool = False  # the instance used online meetings, interpreters or limits
    online: frozenset[str] = frozenset()  # ids of the online meetings
    proven_optimal: bool = False  # the search proved no schedule holds more priority
    breaks: dict[str, Any] | None = None  # stats["breaks"], for an instance with an agenda

    def to_json(self) -> dict[str, Any]:
        """The CLI's output format (the public contract). An instance without the optional
        extensions gets exactly the original shape; with them, an assignment also says
        `"online": true` (and `"table": null`) or names its `"interpreter"`, and the stats
        count online and interpreted meetings and those lost for want of an interpreter."""
        stats: dict[str, Any] = {
            "scheduled": len(self.assignments),
            "priority_total": _number(self.priority_total),
            "upper_bound": _number(self.upper_bound),
            "seconds": round(self.seconds, 3),
        }
        if self.extended:
            stats["online"] = sum(1 for a in self.assignments if a.meeting in self.online)
            stats["interpreted"] = sum(1 for a in self.assignments if a.interpreter)
            stats["lost_for_interpreter"] = sum(
                1 for u in self.unscheduled if u.reason in INTERPRETER_REASONS
            )
        if self.breaks is not None:
            stats["breaks"] = dict(self.breaks)
        return {
            "assignments": [self._assignment(a) for a in self.assignments],
            "unscheduled": [{"meeting": u.meeting, "reason": u.reason} for u in self.unscheduled],
            "stats": stats,
        }

    def _assignment(self, a: Assignment) -> dict[str, Any]:
        row: dict[str, Any] = {"meeting": a.meeting, "slot": a.slot, "table": a.table}
        if a.meeting in self.online:
            row["online"] = True
        if a.interpreter is not None:
            row["interpreter"] = a.interpreter
        return row


NO_INTERPRETER = "no interpreter is available in a common free slot"
INTERPRETERS_BOOKED = "every interpreter free in a common slot was booked"
INTERPRETER_REASONS = (NO_INTERPRETER, INTERPRETERS_BOOKED)
NO_SLOT_IN_WINDOW = "no common free slot within its allowed_slots"
FIXED_OUTSIDE_WINDOW = "its fixed slot is not one of its allowed_slots"


def _number(value: float) -> float | int:
    """Whole numbers print as integers (2, not 2.0)."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded
