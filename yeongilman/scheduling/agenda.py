"""The agenda phase: after the priority phase, fewer breaks within the spread limit.

On days small enough for it (`exact_fits`) CP-SAT minimises the breaks over every schedule
that keeps the priority phase's result, from the local search's schedule, and proves a lower
bound; on larger days only the local search runs, in the time the priority phase leaves.
"""

from __future__ import annotations

import time

from yeongilman.scheduling.breaks import BreakReport
from yeongilman.scheduling.compact_exact import BreakModel
from yeongilman.scheduling.compact_local import BreakTracker, improve_breaks
from yeongilman.scheduling.model import Agenda, Instance
from yeongilman.scheduling.solver_state import State

# Up to this many (meeting, slot) pairs, and this many meetings, CP-SAT gets the day.
EXACT_PAIRS = 16_000
EXACT_MEETINGS = 1_000


def exact_fits(instance: Instance) -> bool:
    """Is the day small enough for the exact model of breaks?"""
    from yeongilman.scheduling.bound import variable_count

    return len(instance.meetings) <= EXACT_MEETINGS and variable_count(instance) <= EXACT_PAIRS


def wants_search(agenda: Agenda) -> bool:
    """Is there anything to search for: fewer breaks, or a spread to keep?"""
    return agenda.minimise_breaks or agenda.max_break_spread is not None


def local_phase(state: State, agenda: Agenda, deadline: float) -> str:
    """Local moves until the deadline; the method to report ("local" or "none")."""
    if not wants_search(agenda):
        return "none"
    tracker = BreakTracker(state, agenda.max_break_spread, agenda.minimise_breaks)
    improve_breaks(state, tracker, deadline)
    return "local"


def exact_phase(state: State, agenda: Agenda, deadline: float, seed: int = 0) -> BreakReport:
    """CP-SAT from the current placement until the deadline; the placement is replaced only
    by a better one. With a spread limit that cannot be met, the spread is minimised first
    (half the time), then the breaks within the best spread found."""
    limit = agenda.max_break_spread
    report = BreakReport(_people_breaks(state), pinned_bound(state), "exact", limit)
    if not wants_search(agenda):
        report.method = "none"
        return report
    model = BreakModel(state)
    goal = "breaks" if agenda.minimise_breaks else "none"
    answer = model.solve(
        deadline - time.perf_counter(), max_spread=limit, objective=goal, seed=seed
    )
    bound = answer.bound
    if answer.status == "infeasible" and limit is not None:
        half = (deadline - time.perf_counter()) / 2
        spread = model.solve(half, max_spread=None, objective="spread", seed=seed)
        if spread.placement is not None:
            _apply_if_better(state, spread.placement, limit, agenda.minimise_breaks)
            least = spread.value
            answer = model.solve(
                deadline - time.perf_counter(), max_spread=least, objective=goal, seed=seed
            )
            bound = answer.bound if spread.status == "optimal" else 0
    elif answer.status == "unknown" and not _spread_met(state, limit):
        bound = 0  # a bound among schedules that meet the limit says nothing about this one
    if answer.placement is not None:
        _apply_if_better(state, answer.placement, limit, agenda.minimise_breaks)
    report.per_person = _people_breaks(state)
    if agenda.minimise_breaks:
        report.lower_bound = max(report.lower_bound, bound)
    return report


def _spread_met(state: State, limit: int | None) -> bool:
    breaks = _people_breaks(state)
    return limit is None or max(breaks, default=0) - min(breaks, default=0) <= limit


def _people_breaks(state: State) -> list[int]:
    return list(BreakTracker(state, None).breaks)


def _apply_if_better(
    state: State, placement: dict[int, int], limit: int | None, minimise: bool
) -> bool:
    """Move the meetings as `placement` says if every rule holds and the objective (spread
    excess, then breaks) is no worse; otherwise leave the state as it was."""
    before = BreakTracker(state, limit, minimise).objective()
    mark = len(state.journal)
    for m in placement:
        if state.slot_of[m] >= 0:
            state.move(m, -1)
    for m, s in placement.items():
        if s < 0:
            continue
        if state.conflicts(m, s) or not state.allowed[m] >> s & 1:
            state.undo_to(mark)
            return False
        state.move(m, s)
    after = BreakTracker(state, limit, minimise).objective()
    if after > before or not state.moves_ok(mark):
        state.undo_to(mark)
        return False
    state.journal.clear()
    return True


def pinned_bound(state: State) -> int:
    """Breaks no schedule can avoid: between two pinned meetings of a person on one day, a
    slot where none of their meetings can be held."""
    possible = [0] * len(state.part_ids)
    for m, people in enumerate(state.parts):
        mask = state.allowed[m]
        if state.fixed[m] >= 0:
            mask = 1 << state.fixed[m] if state.slot_of[m] == state.fixed[m] else 0
        for p in people:
            possible[p] |= mask
    forced = 0
    for p, row in enumerate(state.busy):
        pinned = [s for s, m in enumerate(row) if m >= 0 and state.fixed[m] >= 0]
        for a, b in zip(pinned, pinned[1:], strict=False):
            if state.day_of[a] != state.day_of[b]:
                continue
            if any(not possible[p] >> t & 1 for t in range(a + 1, b)):
                forced += 1
    return forced


def agenda_report(state: State, agenda: Agenda, method: str) -> BreakReport:
    """The report for a placement that only the local search (or nothing) compacted."""
    return BreakReport(_people_breaks(state), pinned_bound(state), method, agenda.max_break_spread)
