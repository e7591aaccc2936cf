"""Upper bounds and exact answers with HiGHS: the LP relaxation and the full MIP."""

from __future__ import annotations

import os
import sys

import highspy
import numpy as np

from yeongilman.scheduling.model import Instance


def meeting_slot_pairs(instance: Instance) -> list[tuple[int, int]]:
    """(meeting, slot) indices for every slot a meeting's participants share (fixed: one slot);
    these are the variables x[m, s] of the LP and the MIP."""
    slot_ids = [s.id for s in instance.slots]
    index = {sid: i for i, sid in enumerate(slot_ids)}
    avail = {
        p.id: set(range(len(slot_ids))) if p.available is None else {index[s] for s in p.available}
        for p in instance.participants
    }
    columns: list[tuple[int, int]] = []
    for m, meeting in enumerate(instance.meetings):
        common = set.intersection(*(avail[p] for p in meeting.participants))
        if meeting.fixed_slot is not None:
            common &= {index[meeting.fixed_slot]}
        columns.extend((m, s) for s in sorted(common))
    return columns


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
    starts, indices = [0], []
    for m, s in columns:
        rows = [meeting_row(m), table_row(s)]
        rows += [person_row(part_index[p], s) for p in instance.meetings[m].participants]
        indices.extend(sorted(rows))
        starts.append(len(indices))
    h = new_highs()
    lower = np.zeros(n_rows)
    upper = np.ones(n_rows)
    for s, slot in enumerate(instance.slots):
        upper[table_row(s)] = slot.capacity
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


def lp_upper_bound(instance: Instance, time_limit: float = 600.0) -> float:
    """The LP relaxation's optimum: no schedule can hold more total priority.

    If HiGHS stops before proving optimality, the trivial bound (every meeting that has a
    common slot) is returned instead, which is still valid.
    """
    h, columns = _model(instance, integer=False)
    if not columns:
        return 0.0
    h.setOptionValue("time_limit", float(time_limit))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return float(sum(instance.meetings[m].priority for m in {m for m, _s in columns}))
    return -float(h.getInfo().objective_function_value)


def aggregated_upper_bound(instance: Instance, time_limit: float = 10.0) -> float:
    """A quick, looser LP bound: each person holds at most one meeting per slot they share
    with a counterpart, and the day holds at most its tables; slots are not told apart."""
    columns = meeting_slot_pairs(instance)
    usable = sorted({m for m, _s in columns})
    if not usable:
        return 0.0
    part_index = {p.id: i for i, p in enumerate(instance.participants)}
    reach: dict[int, set[int]] = {}
    for m, s in columns:
        for pid in instance.meetings[m].participants:
            reach.setdefault(part_index[pid], set()).add(s)
    people = sorted(reach)
    row_of = {p: r for r, p in enumerate(people)}
    total_row = len(people)
    h = new_highs()
    h.setOptionValue("time_limit", float(time_limit))
    upper = np.array(
        [len(reach[p]) for p in people] + [sum(s.capacity for s in instance.slots)], dtype=float
    )
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
        rows = sorted(row_of[part_index[pid]] for pid in instance.meetings[m].participants)
        indices.extend([*rows, total_row])
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


def exact_slots(
    instance: Instance, start: dict[str, str], time_limit: float
) -> dict[str, str] | None:
    """Solve the MIP from a starting schedule; return meeting id → slot id, or None."""
    h, columns = _model(instance, integer=True)
    if not columns:
        return None
    slot_ids = [s.id for s in instance.slots]
    meeting_ids = [m.id for m in instance.meetings]
    values = np.array(
        [1.0 if start.get(meeting_ids[m]) == slot_ids[s] else 0.0 for m, s in columns]
    )
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    warm = highspy.HighsSolution()
    warm.col_value = list(values)
    warm.value_valid = True
    h.setSolution(warm)  # the heuristic's schedule as a starting incumbent
    h.run()
    if h.getModelStatus() not in (
        highspy.HighsModelStatus.kOptimal,
        highspy.HighsModelStatus.kTimeLimit,
    ):
        return None
    solution = h.getSolution().col_value
    return {
        meeting_ids[m]: slot_ids[s]
        for (m, s), value in zip(columns, solution, strict=True)
        if value > 0.5
    }
