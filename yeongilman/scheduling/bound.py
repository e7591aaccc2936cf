"""Upper bounds and exact answers with HiGHS: the LP relaxation and the full MIP."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import highspy
import numpy as np

from yeongilman.scheduling.model import Instance


def meeting_slot_sets(instance: Instance) -> Iterator[tuple[int, list[int]]]:
    """For each meeting index, the slots its participants share within its `allowed_slots`
    (fixed: its one slot; needing an interpreter: only slots where one is free), in order."""
    slot_ids = [s.id for s in instance.slots]
    index = {sid: i for i, sid in enumerate(slot_ids)}
    every = frozenset(range(len(slot_ids)))
    avail = {
        p.id: every if p.available is None else frozenset(index[s] for s in p.available)
        for p in instance.participants
    }
    interpreted = {i for i, slot in enumerate(instance.slots) if instance.interpreters_in(slot.id)}
    for m, meeting in enumerate(instance.meetings):
        common = set(every)
        for p in meeting.participants:
            common &= avail[p]
        if meeting.window is not None:
            common &= {index[s] for s in meeting.window}
        if meeting.fixed_slot is not None:
            common &= {index[meeting.fixed_slot]}
        if meeting.needs_interpreter:
            common &= interpreted
        yield m, sorted(common)


def meeting_slot_pairs(instance: Instance) -> list[tuple[int, int]]:
    """(meeting, slot) indices for every slot a meeting's participants share (fixed: one slot);
    these are the variables x[m, s] of the LP and the MIP."""
    return [(m, s) for m, slots in meeting_slot_sets(instance) for s in slots]


def variable_count(instance: Instance) -> int:
    """How many (meeting, slot) variables the exact LP and MIP would have."""
    return sum(len(slots) for _m, slots in meeting_slot_sets(instance))


_banner_shown = False


def new_highs() -> highspy.Highs:
    """A silent HiGHS instance. HiGHS prints a banner to standard output when the first one
    is made; that would corrupt the CLI's JSON, so the first one is made with stdout on stderr."""
    global _banner_shown
    if not _banner_shown:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            os.dup2(2, 1)
            h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _banner_shown = True
    else:
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


def _model(instance: Instance, integer: bool) -> tuple[highspy.Highs, list[tuple[int, int]]]:
    columns = meeting_slot_pairs(instance)
    n_slots = len(instance.slots)
    n_meetings = len(instance.meetings)
    part_index = {p.id: i for i, p in enumerate(instance.participants)}

    # Rows: one per meeting (held at most once), per participant and slot, per slot (tables).
    def meeting_row(m: int) -> int:
        return m

    def person_row(p: int, s: int) -> int:
        return n_meetings + p * n_slots + s

    def table_row(s: int) -> int:
        return n_meetings + len(part_index) * n_slots + s

    n_rows = n_meetings + len(part_index) * n_slots + n_slots
    # The optional rules add rows after these (an instance without them: the original model).
    extra = _ExtraRows(instance, n_rows)
    starts, indices = [0], []
    for m, s in columns:
        meeting = instance.meetings[m]
        rows = [meeting_row(m)] if meeting.online else [meeting_row(m), table_row(s)]
        rows += [person_row(part_index[p], s) for p in meeting.participants]
        rows += extra.rows(m, s)
        indices.extend(sorted(rows))
        starts.append(len(indices))
    n_rows = extra.next_row
    h = new_highs()
    lower = np.zeros(n_rows)
    upper = np.ones(n_rows)
    for s, slot in enumerate(instance.slots):
        upper[table_row(s)] = slot.capacity
    for row, bound in extra.upper.items():
        upper[row] = bound
    h.addRows(
        n_rows,
        lower - np.inf,
        upper,
        0,
        np.array([], dtype=np.int32),
        np.array([], dtype=np.int32),
        np.array([]),
    )
    n_cols = len(columns)
    costs = np.array([-instance.meetings[m].priority for m, _s in columns], dtype=float)
    h.addCols(
        n_cols,
        costs,
        np.zeros(n_cols),
        np.ones(n_cols),
        len(indices),
        np.array(starts[:-1], dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.ones(len(indices)),
    )
    if integer and n_cols:
        h.changeColsIntegrality(
            n_cols,
            np.arange(n_cols, dtype=np.int32),
            np.full(n_cols, highspy.HighsVarType.kInteger),
        )
    return h, columns


class _ExtraRows:
    """Rows for the optional rules: interpreters per slot; per person, meetings per day and,
    for a limit of K in a row, at most K meetings in every K + 1 back-to-back slots."""

    def __init__(self, instance: Instance, first_row: int) -> None:
        self.instance = instance
        self.next_row = first_row
        self.upper: dict[int, float] = {}
        self._keys: dict[tuple[object, ...], int] = {}
        self.day_of = [slot.start.date() for slot in instance.slots]
        self.people = {p.id: p for p in instance.participants}
        self.linked = [False, *instance.back_to_back()]  # slot s follows s - 1 without a break
        self.interpreters = [len(instance.interpreters_in(slot.id)) for slot in instance.slots]

    def _row(self, key: tuple[object, ...], bound: float) -> int:
        row = self._keys.get(key)
        if row is None:
            row = self._keys[key] = self.next_row
            self.upper[row] = bound
            self.next_row += 1
        return row

    def _window(self, first: int, k: int) -> bool:
        """Slots first .. first + k exist and follow one another without a break."""
        last = first + k
        return last < len(self.linked) and all(self.linked[first + 1 : last + 1])

    def rows(self, m: int, s: int) -> list[int]:
        """The extra rows that variable x[m, s] appears in."""
        meeting = self.instance.meetings[m]
        found = []
        if meeting.needs_interpreter:
            found.append(self._row(("interpreters", s), self.interpreters[s]))
        for pid in meeting.participants:
            person = self.people[pid]
            if person.max_per_day is not None:
                found.append(self._row(("day", pid, self.day_of[s]), person.max_per_day))
            k = person.max_in_a_row
            if k is not None:
                found += [
                    self._row(("row", pid, first), k)
                    for first in range(max(0, s - k), s + 1)
                    if self._window(first, k)
                ]
        return found


def lp_upper_bound(instance: Instance, time_limit: float = 600.0) -> float:
    """The LP relaxation's optimum: no schedule can hold more total priority.

    If HiGHS stops before proving optimality, the trivial bound (every meeting that has a
    common slot) is returned instead, which is still valid.
    """
    h, columns = _model(instance, integer=False)
    if not columns:
        return 0.0
    h.setOptionValue("time_limit", float(time_limit))
    if instance.uses_extensions:
        # The rows for limits make the simplex stall (120 s unsolved on the benchmark's hybrid
        # day); the interior-point method with crossover solves it in about 15 s.
        h.setOptionValue("solver", "ipm")
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return float(sum(instance.meetings[m].priority for m in {m for m, _s in columns}))
    return -float(h.getInfo().objective_function_value)


def aggregated_upper_bound(instance: Instance, time_limit: float = 10.0) -> float:
    """A quick, looser LP bound: each person holds at most one meeting per slot they share
    with a counterpart, and the day holds at most its tables; slots are not told apart."""
    usable: list[int] = []
    part_index = {p.id: i for i, p in enumerate(instance.participants)}
    reach: dict[int, set[int]] = {}
    for m, slots in meeting_slot_sets(instance):
        if not slots:
            continue
        usable.append(m)
        for pid in instance.meetings[m].participants:
            reach.setdefault(part_index[pid], set()).update(slots)
    if not usable:
        return 0.0
    people = sorted(reach)
    row_of = {p: r for r, p in enumerate(people)}
    total_row = len(people)
    interpreted = any(instance.meetings[m].needs_interpreter for m in usable)
    h = new_highs()
    h.setOptionValue("time_limit", float(time_limit))
    bounds = [_person_cap(instance, p, reach[p]) for p in people]
    bounds.append(sum(s.capacity for s in instance.slots))
    if interpreted:  # all interpreted meetings share the interpreters' free slots
        bounds.append(sum(len(instance.interpreters_in(s.id)) for s in instance.slots))
    upper = np.array(bounds, dtype=float)
    h.addRows(
        len(upper),
        np.full(len(upper), -np.inf),
        upper,
        0,
        np.array([], dtype=np.int32),
        np.array([], dtype=np.int32),
        np.array([]),
    )
    starts: list[int] = []
    indices: list[int] = []
    for m in usable:
        starts.append(len(indices))
        meeting = instance.meetings[m]
        rows = sorted(row_of[part_index[pid]] for pid in meeting.participants)
        rows += [] if meeting.online else [total_row]
        rows += [total_row + 1] if meeting.needs_interpreter else []
        indices.extend(rows)
    h.addCols(
        len(usable),
        np.array([-instance.meetings[m].priority for m in usable]),
        np.zeros(len(usable)),
        np.ones(len(usable)),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.ones(len(indices)),
    )
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return float(sum(instance.meetings[m].priority for m in usable))
    return -float(h.getInfo().objective_function_value)


def _person_cap(instance: Instance, person: int, reach: set[int]) -> int:
    """How many meetings one person can hold at most: one per slot they can use, and no more
    than their limit per day on any day."""
    limit = instance.participants[person].max_per_day
    if limit is None:
        return len(reach)
    per_day: dict[object, int] = {}
    for s in reach:
        day = instance.slots[s].start.date()
        per_day[day] = per_day.get(day, 0) + 1
    return sum(min(count, limit) for count in per_day.values())


def exact_priority(instance: Instance, time_limit: float = 600.0) -> tuple[float, float, bool]:
    """Solve the MIP: (best priority found, proven bound, proven optimal?)."""
    h, columns = _model(instance, integer=True)
    if not columns:
        return 0.0, 0.0, True
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.run()
    info = h.getInfo()
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return -float(info.objective_function_value), -float(info.mip_dual_bound), optimal
