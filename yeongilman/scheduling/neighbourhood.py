"""Large-neighbourhood search: set part of a schedule free and re-solve that part with HiGHS.

A neighbourhood is a set of meetings set free: those in a window of slots, or those of a
group of people, together with the unscheduled meetings that could use the room they leave.
Everything else stays where it is. The free part is a small MIP with the rules of
`bound._model`, each row's bound lowered by what the fixed part already uses; it starts from
the current schedule, so its answer is never worse. Neighbourhoods grow while HiGHS closes
them quickly and shrink when it does not; one that frees every meeting and closes is a proof
that the schedule is optimal.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np

from yeongilman.scheduling.bound import new_highs
from yeongilman.scheduling.solver_state import State

# How long one neighbourhood may take (seconds); small ones close far sooner.
STEP_SECONDS = 3.0
FIRST_SIZE = 300  # freed meetings in the first neighbourhood
# Days with at most this many (meeting, slot) pairs are first solved whole.
WHOLE_DAY_PAIRS = 40_000
# HiGHS's light presolve (2). The full one (0) detects symmetry and probes, and on some days
# of 300 people / 1,500 requests / 16 slots that took 7 to 11 s on the whole-day model
# without looking at the time limit: a 10 s run then overran to 14 s and kept the greedy
# total, a point or two below the optimum. The light one respects the limit and closes
# those days in about 3 s.
PRESOLVE_MODE = 2


@dataclass
class StepResult:
    improved: bool  # more priority held (or as much, with fewer people left without a meeting)
    closed: bool  # HiGHS proved the free part optimal
    everything: bool  # every movable meeting was free


class NeighbourhoodSearch:
    """Repeatedly frees a window of slots or a group of people and re-solves it exactly."""

    def __init__(self, state: State, rng: random.Random) -> None:
        self.state = state
        self.rng = rng
        self.size = FIRST_SIZE
        n = len(state.meetings)
        self.movable = [m for m in range(n) if state.fixed[m] < 0 and state.allowed[m]]
        self.min_priority = min((state.prio[m] for m in self.movable), default=1.0)

    def run(self, deadline: float, bound: float | None) -> bool:
        """Improve until the deadline or the bound; True when the schedule is proven optimal."""
        state = self.state
        pairs = sum(bin(state.allowed[m]).count("1") for m in self.movable)
        whole_first = pairs <= WHOLE_DAY_PAIRS
        while True:
            remaining = deadline - time.perf_counter()
            if remaining < 0.05 or not self.movable:
                return not self.movable
            if bound is not None and self.total() >= bound - 1e-6:
                return True
            if whole_first or self.size >= len(self.movable):
                # The whole day as one MIP, on priority alone (fairness after): the proof.
                whole_first = False
                limit = min(remaining, max(STEP_SECONDS, remaining * 0.4))
                result = self.step(set(self.movable), limit, everything=True)
                if result.closed:
                    return True
                self.size = max(40, int(len(self.movable) * 0.5))
            else:
                limit = min(STEP_SECONDS, remaining)
                free = self.people_group() if self.rng.random() < 0.5 else self.slot_window()
                started = time.perf_counter()
                result = self.step(free, limit)
                took = time.perf_counter() - started
                if result.closed and took < limit * 0.25:
                    self.size = int(self.size * 1.25) + 1
                elif not result.closed:
                    self.size = max(40, int(self.size * 0.7))
            state.journal.clear()

    def total(self) -> float:
        """The total priority held now."""
        state = self.state
        return sum(state.prio[m] for m in range(len(state.meetings)) if state.slot_of[m] >= 0)

    def slot_window(self) -> set[int]:
        """The meetings of a run of consecutive slots and the unscheduled ones that fit there."""
        state = self.state
        per_slot = max(1.0, sum(1 for m in self.movable if state.slot_of[m] >= 0) / state.n_slots)
        width = max(1, min(state.n_slots, round(self.size / per_slot)))
        first = self.rng.randrange(state.n_slots - width + 1)
        window = sum(1 << s for s in range(first, first + width))
        return {
            m
            for m in self.movable
            if (state.slot_of[m] >= 0 and window >> state.slot_of[m] & 1)
            or (state.slot_of[m] < 0 and state.allowed[m] & window)
        }

    def people_group(self) -> set[int]:
        """Every meeting of a group of people grown from the people of unscheduled meetings."""
        state = self.state
        waiting = [m for m in self.movable if state.slot_of[m] < 0]
        seed = self.rng.choice(waiting or self.movable)
        people: list[int] = []
        chosen: set[int] = set()
        free: set[int] = set()
        frontier = list(state.parts[seed])
        while frontier and len(free) < self.size:
            p = frontier.pop(self.rng.randrange(len(frontier)))
            if p in chosen:
                continue
            chosen.add(p)
            people.append(p)
            for m in state.meetings_of[p]:
                if state.fixed[m] < 0 and state.allowed[m] and m not in free:
                    free.add(m)
                    # Grow through the people this person's place could be traded with.
                    frontier.extend(q for q in state.parts[m] if q not in chosen)
        return free

    def step(self, free: set[int], time_limit: float, everything: bool = False) -> StepResult:
        """Re-solve the free meetings with the rest fixed; keep the answer if it is no worse."""
        model = _SubModel(self.state, free, self.min_priority, fairness=not everything)
        if not model.columns:
            return StepResult(False, True, everything)
        chosen, closed = model.solve(time_limit)
        if chosen is None:
            return StepResult(False, False, everything)
        improved = model.apply(chosen)
        return StepResult(improved, closed, everything)


class _SubModel:
    """The MIP over the free meetings' (meeting, slot) pairs, and how to apply its answer."""

    def __init__(
        self, state: State, free: set[int], min_priority: float, fairness: bool = True
    ) -> None:
        self.state = state
        self.free = sorted(free)
        self.rows: dict[tuple[object, ...], int] = {}
        self.upper: list[float] = []
        self.columns: list[tuple[int, int]] = []
        self.entries: list[list[int]] = []
        self.fairness = fairness
        self._build(set(free), min_priority)

    def _row(self, key: tuple[object, ...], bound: float) -> int:
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = len(self.upper)
            self.upper.append(max(0.0, bound))
        return row

    def _build(self, free: set[int], min_priority: float) -> None:
        state = self.state
        busy = state.busy

        def fixed_busy(p: int, s: int) -> bool:
            holder = busy[p][s]
            return holder >= 0 and holder not in free

        freed_tables = [0] * state.n_slots
        freed_interpreters = [0] * state.n_slots
        freed_days: dict[tuple[int, int], int] = {}
        for m in self.free:
            s = state.slot_of[m]
            if s < 0:
                continue
            freed_tables[s] += 0 if state.online[m] else 1
            freed_interpreters[s] += 1 if state.interp[m] else 0
            for p in state.parts[m]:
                key = (p, state.day_of[s])
                freed_days[key] = freed_days.get(key, 0) + 1
        for m in self.free:
            mask = state.allowed[m]
            for s in state.slots_of(mask):
                people = state.parts[m]
                if any(fixed_busy(p, s) for p in people):
                    continue
                rows = [self._row(("m", m), 1)]
                if not state.online[m]:
                    rows.append(self._row(("t", s), state.cap[s] - state.load[s] + freed_tables[s]))
                if state.interp[m]:
                    rows.append(
                        self._row(("i", s), state.icap[s] - state.iload[s] + freed_interpreters[s])
                    )
                for p in people:
                    rows.append(self._row(("p", p, s), 1))
                    if state.limited[p]:
                        rows += self._limit_rows(p, s, fixed_busy, freed_days)
                self.columns.append((m, s))
                self.entries.append(rows)
        # Fairness, second to priority: a person with no fixed meeting is worth a little
        # if the free part gives them one (their y <= the sum of their x).
        people = sorted({p for m in self.free for p in state.parts[m]})
        self.fair_people = [
            p
            for p in people
            if self.fairness and not any(fixed_busy(p, s) for s in range(state.n_slots))
        ]
        self.epsilon = 1e-3 * min_priority / (len(self.fair_people) + 1)

    def _limit_rows(
        self,
        p: int,
        s: int,
        fixed_busy: Callable[[int, int], bool],
        freed_days: dict[tuple[int, int], int],
    ) -> list[int]:
        """Meetings per day and back-to-back windows of K + 1 slots for person p in slot s."""
        state = self.state
        rows = []
        per_day = state.per_day[p]
        if per_day is not None:
            day = state.day_of[s]
            held = state.day_count[p][day] - freed_days.get((p, day), 0)
            rows.append(self._row(("d", p, day), per_day - held))
        k = state.in_a_row[p]
        if k is not None:
            for first in range(max(0, s - k), s + 1):
                last = first + k
                if last >= state.n_slots or not all(state.linked[first + 1 : last + 1]):
                    continue
                held = sum(1 for t in range(first, last + 1) if fixed_busy(p, t))
                rows.append(self._row(("r", p, first), k - held))
        return rows

    def solve(self, time_limit: float) -> tuple[list[int] | None, bool]:
        """The chosen column indices (None if HiGHS found nothing) and whether it closed."""
        state = self.state
        n_cols = len(self.columns)
        person_of = {p: i for i, p in enumerate(self.fair_people)}
        fair_rows = {p: self._row(("f", p), 0) for p in self.fair_people}
        starts: list[int] = []
        indices: list[int] = []
        values: list[float] = []
        for (m, _s), rows in zip(self.columns, self.entries, strict=True):
            starts.append(len(indices))
            for row in rows:
                indices.append(row)
                values.append(1.0)
            for p in state.parts[m]:
                if p in fair_rows:
                    indices.append(fair_rows[p])
                    values.append(-1.0)
        for p in self.fair_people:
            starts.append(len(indices))
            indices.append(fair_rows[p])
            values.append(1.0)
        n_rows = len(self.upper)
        h = new_highs()
        h.setOptionValue("time_limit", float(max(0.01, time_limit)))
        h.setOptionValue("presolve_mode", PRESOLVE_MODE)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", self.epsilon / 4)
        h.addRows(
            n_rows,
            np.full(n_rows, -np.inf),
            np.array(self.upper),
            0,
            np.array([], dtype=np.int32),
            np.array([], dtype=np.int32),
            np.array([]),
        )
        total_cols = n_cols + len(self.fair_people)
        costs = [-state.prio[m] for m, _s in self.columns] + [-self.epsilon] * len(person_of)
        h.addCols(
            total_cols,
            np.array(costs, dtype=float),
            np.zeros(total_cols),
            np.ones(total_cols),
            len(indices),
            np.array(starts, dtype=np.int32),
            np.array(indices, dtype=np.int32),
            np.array(values),
        )
        h.changeColsIntegrality(
            n_cols,
            np.arange(n_cols, dtype=np.int32),
            np.full(n_cols, highspy.HighsVarType.kInteger),
        )
        warm = highspy.HighsSolution()
        current = [1.0 if state.slot_of[m] == s else 0.0 for m, s in self.columns]
        held = {
            p for (m, s), x in zip(self.columns, current, strict=True) if x for p in state.parts[m]
        }
        warm.col_value = current + [1.0 if p in held else 0.0 for p in self.fair_people]
        warm.value_valid = True
        h.setSolution(warm)
        h.run()
        status = h.getModelStatus()
        if status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kTimeLimit):
            return None, False
        solution = h.getSolution()
        if not solution.value_valid:
            return None, False
        chosen = [i for i, x in enumerate(solution.col_value[:n_cols]) if x > 0.5]
        return chosen, status == highspy.HighsModelStatus.kOptimal

    def apply(self, chosen: list[int]) -> bool:
        """Put the free meetings where the answer says, if it holds no less priority (and
        leaves no more people without a meeting at equal priority); else change nothing."""
        state = self.state
        before = sum(state.prio[m] for m in self.free if state.slot_of[m] >= 0)
        after = sum(state.prio[self.columns[i][0]] for i in chosen)
        if after < before - 1e-9:
            return False
        people = {p for m in self.free for p in state.parts[m]}
        without_before = sum(1 for p in people if state.held[p] == 0)
        mark = len(state.journal)
        for m in self.free:
            if state.slot_of[m] >= 0:
                state.move(m, -1)
        for i in chosen:
            m, s = self.columns[i]
            if state.slot_of[m] >= 0 or state.conflicts(m, s):
                state.undo_to(mark)
                return False
            state.move(m, s)
        without_after = sum(1 for p in people if state.held[p] == 0)
        worse = after < before + 1e-9 and without_after > without_before
        if worse or not state.moves_ok(mark):
            state.undo_to(mark)
            return False
        return after > before + 1e-9 or without_after < without_before
