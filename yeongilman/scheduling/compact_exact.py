"""Fewest breaks, exactly, with OR-Tools CP-SAT, for a day whose priority phase is done.

The model: a boolean x[m, s] per meeting and slot it may use (pinned meetings are constants);
at most one slot per meeting; tables, interpreters, one meeting per person and slot, and
each person's limits as in the priority model. The priority phase's result is kept as a
constraint (at least its priority total, and at least as many people with a meeting), so no
meeting or priority is traded for compactness. Per person and slot, busy[p, s] is the sum of
their x; per person and day, a run starts where busy follows a free slot (or opens the day),
and their breaks that day are the runs less one if they meet at all. The spread limit is
"every person's breaks lie in [low, low + K]" for one integer low.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from yeongilman.scheduling.breaks import row_breaks
from yeongilman.scheduling.solver_state import State

Expr = cp_model.LinearExpr | int  # a variable, a sum of them, or a constant
WORKERS = 2  # the machines this runs on have two cores
PROOF_SUBSOLVERS = ("core", "default_lp")


@dataclass
class Answer:
    """What one CP-SAT run gave: a placement (meeting → slot, -1: not held) if it found one."""

    placement: dict[int, int] | None
    status: str  # "optimal", "feasible", "infeasible" or "unknown"
    bound: int  # proven lower bound on the objective (0 when none is known)
    value: int  # the objective of the placement


def _constant(value: Expr, number: int) -> bool:
    """Is this cell the constant `number` (rather than a variable)?"""
    return isinstance(value, int) and value == number


def _priority_scale(priorities: Sequence[float]) -> int | None:
    """The smallest power of ten that makes every priority whole (None: none up to 10^6)."""
    for scale in (1, 10, 100, 1000, 10_000, 100_000, 1_000_000):
        if all(abs(p * scale - round(p * scale)) < 1e-9 * max(1.0, p * scale) for p in priorities):
            return scale
    return None


class BreakModel:
    """The CP-SAT model of a day's breaks around the current placement in `state`: of the
    whole day, or (with `free`) of those meetings, the others staying where they are."""

    def __init__(self, state: State, free: set[int] | None = None) -> None:
        self.state = state
        self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.hints: list[tuple[cp_model.IntVar, int]] = []  # every variable's current value
        self.current: dict[int, int] = {}  # variable index -> current value
        self.movable = [
            m
            for m in range(len(state.meetings))
            if state.fixed[m] < 0 and state.allowed[m] and (free is None or m in free)
        ]
        self.movable_set = set(self.movable)
        # Constants: placed meetings that do not move (pinned, or outside `free`).
        self.pinned = [
            m
            for m in range(len(state.meetings))
            if state.slot_of[m] >= 0 and m not in self.movable_set
        ]
        for m in self.movable:
            for s in state.slots_of(state.allowed[m]):
                self.x[m, s] = self._var(f"x{m}_{s}", state.slot_of[m] == s)
        self.held: dict[int, Expr] = {}
        for m in self.movable:
            self.held[m] = sum(self.x[m, s] for s in state.slots_of(state.allowed[m]))
            self.model.add(self.held[m] <= 1)
        self.kept: set[int] = set()  # meetings that every schedule of the model holds
        self._keep_priority()
        self._capacity()
        self.busy = self._busy()
        self._limits()
        self.person_breaks = self._breaks()
        self._blocks()
        self.total = sum(self.person_breaks)

    def _var(self, name: str, value: bool | int) -> cp_model.IntVar:
        """A new boolean, with its value in the current placement (the search's hint)."""
        var = self.model.new_bool_var(name)
        self.hints.append((var, int(value)))
        self.current[var.index] = int(value)
        return var

    def _value(self, cell: Expr) -> int:
        """A cell's value in the current placement (a constant, or a variable made by _var)."""
        if isinstance(cell, int):
            return cell
        assert isinstance(cell, cp_model.IntVar)
        return self.current[cell.index]

    def _pinned_in(self, s: int) -> list[int]:
        return [m for m in self.pinned if self.state.slot_of[m] == s]

    def _keep_priority(self) -> None:
        """At least the current priority total, and at least as many people meeting."""
        state = self.state
        held_now = [m for m in self.movable if state.slot_of[m] >= 0]
        if len(held_now) == len(self.movable):  # everything that can be held is: keep it all
            self.kept = set(self.movable)
            for m in self.movable:
                self.model.add(self.held[m] == 1)
            return
        scale = _priority_scale([state.prio[m] for m in self.movable])
        if scale is None:  # priorities CP-SAT cannot weigh exactly: keep the same meetings
            for m in held_now:
                self.model.add(self.held[m] == 1)
        else:
            weight = {m: round(state.prio[m] * scale) for m in self.movable}
            self.model.add(
                sum(weight[m] * self.held[m] for m in self.movable)
                >= sum(weight[m] for m in held_now)
            )
        meeting_people = {p for m in self.movable for p in state.parts[m]}
        pinned_people = {p for m in self.pinned if state.slot_of[m] >= 0 for p in state.parts[m]}
        flags = []
        for p in sorted(meeting_people - pinned_people):
            flag = self._var(f"h{p}", state.held[p] > 0)
            self.model.add(
                flag <= sum(self.held[m] for m in state.meetings_of[p] if m in self.held)
            )
            flags.append(flag)
        now = sum(1 for p in meeting_people - pinned_people if state.held[p])
        self.model.add(sum(flags) >= now)

    def _capacity(self) -> None:
        """Tables and interpreters per slot (pinned meetings use theirs first)."""
        state = self.state
        for s in range(state.n_slots):
            pinned = self._pinned_in(s)
            tables = [
                self.x[m, s] for m in self.movable if (m, s) in self.x and not state.online[m]
            ]
            if tables:
                used = sum(1 for m in pinned if not state.online[m])
                self.model.add(sum(tables) <= max(0, state.cap[s] - used))
            interpreted = [
                self.x[m, s] for m in self.movable if (m, s) in self.x and state.interp[m]
            ]
            if interpreted:
                used = sum(1 for m in pinned if state.interp[m])
                self.model.add(sum(interpreted) <= max(0, state.icap[s] - used))

    def _busy(self) -> list[list[Expr]]:
        """busy[p][s]: 1 if p meets in s; a constant where nothing can move there."""
        state = self.state
        terms: list[list[list[cp_model.IntVar]]] = [
            [[] for _ in range(state.n_slots)] for _ in state.part_ids
        ]
        for (m, s), var in self.x.items():
            for p in state.parts[m]:
                terms[p][s].append(var)
        busy: list[list[Expr]] = []
        for p in range(len(state.part_ids)):
            row: list[Expr] = []
            for s in range(state.n_slots):
                holder = state.busy[p][s]
                pinned = 1 if holder >= 0 and holder not in self.movable_set else 0
                if pinned or not terms[p][s]:
                    for var in terms[p][s]:
                        self.model.add(var == 0)
                    row.append(pinned)
                    continue
                if len(terms[p][s]) == 1:
                    row.append(terms[p][s][0])
                    continue
                flag = self._var(f"b{p}_{s}", holder >= 0)
                self.model.add(flag == sum(terms[p][s]))
                row.append(flag)
            busy.append(row)
        return busy

    def _limits(self) -> None:
        """Meetings per day and K in a row, never tighter than what the pins already use."""
        state = self.state
        for p in range(len(state.part_ids)):
            if not state.limited[p]:
                continue
            row = self.busy[p]
            per_day = state.per_day[p]
            if per_day is not None:
                for day in set(state.day_of):
                    slots = [s for s in range(state.n_slots) if state.day_of[s] == day]
                    pinned = sum(1 for s in slots if isinstance(row[s], int) and row[s])
                    self.model.add(sum(row[s] for s in slots) <= max(per_day, pinned))
            k = state.in_a_row[p]
            if k is not None:
                for first in range(state.n_slots - k):
                    last = first + k
                    if not all(state.linked[first + 1 : last + 1]):
                        continue
                    window = range(first, last + 1)
                    pinned = sum(1 for s in window if isinstance(row[s], int) and row[s])
                    self.model.add(sum(row[s] for s in window) <= max(k, pinned))

    def _breaks(self) -> list[Expr]:
        """Each person's breaks as an expression (0 for anyone with under two meetings)."""
        state = self.state
        days: dict[int, list[int]] = {}
        for s, day in enumerate(state.day_of):
            days.setdefault(day, []).append(s)
        out: list[Expr] = []
        for p, row in enumerate(self.busy):
            if sum(1 for b in row if not isinstance(b, int) or b) < 2:
                out.append(0)
                continue
            if all(isinstance(b, int) for b in row):
                out.append(row_breaks([0 if b else -1 for b in row], state.day_of))
                continue
            terms: list[Expr] = []
            for slots in days.values():
                cells = [row[s] for s in slots]
                if sum(1 for b in cells if not isinstance(b, int) or b) < 2:
                    continue
                terms.append(self._day_breaks(p, cells))
            out.append(sum(terms))
        return out

    def _blocks(self) -> None:
        """Implied: a person whose meetings are all held on a one-day event either holds them
        in one block of consecutive slots (one of the blocks their slots allow) or has a break.
        CP-SAT learns from these clauses far sooner than from the break definitions alone."""
        state = self.state
        if len(set(state.day_of)) != 1:
            return
        for p, row in enumerate(self.busy):
            own = state.meetings_of[p]
            if not all(self._always_held(m) for m in own) or len(own) < 2:
                continue
            if any(state.slot_of[m] < 0 for m in own):
                continue
            n = len(own)
            blocks = []
            for t in range(state.n_slots - n + 1):
                cells = row[t : t + n]
                if any(_constant(b, 0) for b in cells):
                    continue
                block = self._var(f"z{p}_{t}", all(self._value(b) for b in cells))
                for b in cells:
                    self.model.add(block <= b)
                blocks.append((t, block))
            breaks = self.person_breaks[p]
            self.model.add(breaks + sum(block for _t, block in blocks) >= 1)
            # Two blocks cannot both be full (that would take more than n slots), and with no
            # break every busy slot lies in the block.
            self.model.add(sum(block for _t, block in blocks) <= 1)
            for s, b in enumerate(row):
                if not isinstance(b, int):
                    cover = [block for t, block in blocks if t <= s < t + n]
                    self.model.add(b <= sum(cover) + breaks)

    def _always_held(self, m: int) -> bool:
        """Is m held in every schedule the model allows (pinned and placed, or kept)?"""
        if m not in self.movable_set:
            return self.state.slot_of[m] >= 0
        return m in self.kept

    def _day_breaks(self, p: int, cells: list[Expr]) -> Expr:
        """Break starts in one day: busy after a free slot once the day has begun. Each is
        defined exactly (so a spread's lower end cannot be met by counting breaks twice)."""
        model = self.model
        starts: list[Expr] = []
        begun: Expr = 0  # p has met earlier this day
        previous: Expr = 0
        for b in cells:
            if not _constant(begun, 0) and not _constant(previous, 1) and not _constant(b, 0):
                value = self._value(b) and not self._value(previous) and self._value(begun)
                start = self._var(f"e{p}", value)
                model.add(start <= b)
                model.add(start <= 1 - previous)
                model.add(start <= begun)
                model.add(start >= b - previous + begun - 1)
                starts.append(start)
            if _constant(begun, 0):
                begun = b
            elif not _constant(begun, 1):
                if _constant(b, 1):
                    begun = 1
                elif not _constant(b, 0):
                    now = self._var(f"f{p}", self._value(begun) or self._value(b))
                    model.add(now >= begun)
                    model.add(now >= b)
                    model.add(now <= begun + b)
                    begun = now
            previous = b
        return sum(starts)

    def solve(
        self,
        seconds: float,
        *,
        max_spread: int | None,
        objective: str,
        seed: int = 0,
        proof: bool = False,
    ) -> Answer:
        """Solve with every person's breaks within `max_spread` of each other (if given) and
        minimise `objective`: "breaks" (the total), "spread", or "none" (any schedule).
        With `proof`, the workers are core-based search and the LP-guided one, which raise
        the lower bound; without, CP-SAT's default mix, whose neighbourhood search finds
        better schedules sooner. Every variable is hinted with the current placement."""
        model = self.model.clone()
        breaks = self.person_breaks
        fixed_zero = any(isinstance(b, int) and b == 0 for b in breaks)
        ceiling = len(self.state.meetings) + 1
        now = [row_breaks(row, self.state.day_of) for row in self.state.busy]
        low: Expr = 0
        if not fixed_zero:
            low = low_var = model.new_int_var(0, ceiling, "low")
            model.add_hint(low_var, min(now, default=0))
        high = model.new_int_var(0, ceiling, "high")
        model.add_hint(high, max(now, default=0))
        for b in breaks:
            model.add(low <= b)
            model.add(b <= high)
        if max_spread is not None:
            model.add(high - low <= max_spread)
        target: Expr = 0
        if objective == "breaks":
            target = self.total
        elif objective == "spread":
            target = high - low
        if objective != "none":
            model.minimize(target)
        for var, value in self.hints:
            model.add_hint(var, value)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
        solver.parameters.num_workers = WORKERS
        if proof:
            solver.parameters.subsolvers.extend(PROOF_SUBSOLVERS)
        solver.parameters.random_seed = seed
        status = solver.solve(model)
        name = {
            cp_model.OPTIMAL: "optimal",
            cp_model.FEASIBLE: "feasible",
            cp_model.INFEASIBLE: "infeasible",
        }.get(status, "unknown")
        if name in ("infeasible", "unknown"):
            bound = 0
            if name == "unknown" and objective != "none":
                bound = max(0, math.ceil(solver.best_objective_bound - 1e-6))
            return Answer(None, name, bound, 0)
        placement = dict.fromkeys(self.movable, -1)
        for (m, s), var in self.x.items():
            if solver.boolean_value(var):
                placement[m] = s
        value = round(solver.objective_value) if objective != "none" else 0
        bound = value if name == "optimal" else math.ceil(solver.best_objective_bound - 1e-6)
        return Answer(placement, name, max(0, bound) if objective != "none" else 0, value)
