"""The answer for a placement: tables numbered per slot, and why the rest was left out."""

from __future__ import annotations

import time

from yeongilman.scheduling.model import (
    INTERPRETERS_BOOKED,
    NO_INTERPRETER,
    NO_SLOT_IN_WINDOW,
    Assignment,
    Schedule,
    Unscheduled,
)
from yeongilman.scheduling.solver_state import State

NO_COMMON_SLOT = "no common free slot"
NO_ROOM = "participants' schedules or the tables were full"
LIMIT_REACHED = "a participant reached their limit of meetings per day or in a row"


def schedule_of(
    state: State, unscheduled: dict[int, str], started: float, upper_bound: float | None
) -> Schedule:
    """The answer for the state's placement: tables numbered per slot, reasons for the rest."""
    assignments: list[Assignment] = []
    fixed_tables: dict[int, set[int]] = {s: set() for s in range(state.n_slots)}
    for m, meeting in enumerate(state.meetings):
        if state.slot_of[m] >= 0 and meeting.fixed_table is not None and state.fixed[m] >= 0:
            fixed_tables[state.slot_of[m]].add(meeting.fixed_table)
    next_table = dict.fromkeys(range(state.n_slots), 1)
    by_slot: dict[int, list[int]] = {s: [] for s in range(state.n_slots)}
    for m in range(len(state.meetings)):
        if state.slot_of[m] >= 0:
            by_slot[state.slot_of[m]].append(m)
    for s in range(state.n_slots):
        interpreters = iter(state.instance.interpreters_in(state.slot_ids[s]))
        for m in by_slot[s]:
            meeting = state.meetings[m]
            table: int | None
            if meeting.online:
                table = None
            elif state.fixed[m] >= 0 and meeting.fixed_table is not None:
                table = meeting.fixed_table
            else:
                while next_table[s] in fixed_tables[s]:
                    next_table[s] += 1
                table = next_table[s]
                next_table[s] += 1
            interpreter = next(interpreters) if meeting.needs_interpreter else None
            assignments.append(Assignment(meeting.id, state.slot_ids[s], table, interpreter))
    slot_rank = {sid: i for i, sid in enumerate(state.slot_ids)}
    # In-person meetings by table, then the online ones (no table) in the order placed.
    last = len(state.meetings) + max(state.cap, default=0) + 1
    assignments.sort(key=lambda a: (slot_rank[a.slot], last if a.table is None else a.table))
    missing = [
        Unscheduled(meeting.id, unscheduled.get(m) or _why_not(state, m))
        for m, meeting in enumerate(state.meetings)
        if state.slot_of[m] < 0
    ]
    total = sum(state.prio[m] for m in range(len(state.meetings)) if state.slot_of[m] >= 0)
    without = sum(1 for p in range(len(state.part_ids)) if state.requests[p] and not state.held[p])
    gaps = sum(idle_gaps(state, p) for p in range(len(state.part_ids)))
    return Schedule(
        assignments=assignments,
        unscheduled=missing,
        priority_total=total,
        upper_bound=total if upper_bound is None else max(total, upper_bound),
        seconds=time.perf_counter() - started,
        participants_without_meeting=without,
        idle_gaps=gaps,
        extended=state.instance.uses_extensions,
        online=frozenset(m.id for m in state.meetings if m.online),
    )


def no_slot_reason(state: State, m: int) -> str:
    """Why a meeting has no slot at all: no interpreter, its window, or no shared free slot."""
    if state.base_allowed[m]:
        return NO_INTERPRETER
    return NO_SLOT_IN_WINDOW if state.shared[m] else NO_COMMON_SLOT


def _why_not(state: State, m: int) -> str:
    """Why a meeting with shared slots was left out: an interpreter was lacking where it would
    otherwise have fitted, a person's limit stood in the way, or the day was simply full."""
    for s in state.slots_of(state.base_allowed[m]):
        if state.conflicts(m, s) or (not state.online[m] and state.load[s] >= state.cap[s]):
            continue
        if state.interp[m] and state.iload[s] >= state.icap[s]:
            return INTERPRETERS_BOOKED
        if not state.limits_ok(m, s):
            return LIMIT_REACHED
    return NO_ROOM


def idle_gaps(state: State, p: int) -> int:
    """Free slots between a person's first and last meeting (the old secondary measure)."""
    row = state.busy[p]
    used = [s for s in range(state.n_slots) if row[s] >= 0]
    if len(used) < 2:
        return 0
    return (used[-1] - used[0] + 1) - len(used)
