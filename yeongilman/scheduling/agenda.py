"""The agenda phase: after the priority phase, fewer breaks within the spread limit.

On days small enough for it (`exact_fits`) CP-SAT minimises the breaks over every schedule
that keeps the priority phase's result, from the local search's schedule, and proves a lower
bound; on larger days only the local search runs, in the time the priority phase leaves.
"""

from __future__ import annotations

import random
import time

from yeongilman.scheduling.bound import variable_count
from yeongilman.scheduling.breaks import BreakReport
from yeongilman.scheduling.compact_exact import Answer, BreakModel
from yeongilman.scheduling.compact_local import BreakTracker, improve_breaks
from yeongilman.scheduling.model import Agenda, Instance
from yeongilman.scheduling.solver_state import State

# Up to this many (meeting, slot) pairs, and this many meetings, CP-SAT gets the day.
EXACT_PAIRS = 16_000
EXACT_MEETINGS = 1_000


def exact_fits(instance: Instance) -> bool:
    """Is the day small enough for the exact model of breaks?"""
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
    status, bound = _minimise(model, state, agenda, deadline, limit, goal, seed)
    if status == "infeasible" and limit is not None:
        half = time.perf_counter() + (deadline - time.perf_counter()) / 2
        least_status, _ = _minimise(model, state, agenda, half, None, "spread", seed)
        least = _spread(state)
        status, bound = _minimise(model, state, agenda, deadline, least, goal, seed)
        if least_status != "optimal":
            bound = 0  # a bound among schedules of that spread only
    elif status == "unknown" and limit is not None and _spread(state) > limit:
        bound = 0  # a bound among schedules that meet the limit says nothing about this one
    report.per_person = _people_breaks(state)
    if agenda.minimise_breaks:
        report.lower_bound = max(report.lower_bound, bound)
    return report


# The share of the time the proving workers get before neighbourhood search takes over.
PROOF_SHARE = 0.5


def _minimise(
    model: BreakModel,
    state: State,
    agenda: Agenda,
    deadline: float,
    limit: int | None,
    goal: str,
    seed: int,
) -> tuple[str, int]:
    """Minimise `goal` within spread `limit` until the deadline: first the proving workers
    (`PROOF_SHARE` of the time), then, unless that settled it, neighbourhood search from the
    best schedule. Each better schedule is applied to `state`; returns the status ("optimal",
    "infeasible", "feasible" or "unknown") and the best proven lower bound."""
    seconds = deadline - time.perf_counter()
    answers = []
    if goal != "none":
        answers.append(
            model.solve(
                seconds * PROOF_SHARE, max_spread=limit, objective=goal, seed=seed, proof=True
            )
        )
        _apply(state, answers[-1], agenda)
    if not answers or answers[-1].status not in ("optimal", "infeasible"):
        if goal == "breaks" and _spread_ok(state, limit):
            _neighbourhoods(model, state, agenda, deadline, limit, seed)
        else:
            left = deadline - time.perf_counter()
            answers.append(model.solve(left, max_spread=limit, objective=goal, seed=seed))
            _apply(state, answers[-1], agenda)
    statuses = {answer.status for answer in answers}
    status = next(
        (name for name in ("optimal", "infeasible", "feasible") if name in statuses), "unknown"
    )
    return status, max(answer.bound for answer in answers)


def _spread_ok(state: State, limit: int | None) -> bool:
    return limit is None or _spread(state) <= limit


FIRST_NEIGHBOURHOOD = 60  # meetings set free in the first neighbourhood
STEP_SECONDS = 2.0


def _neighbourhoods(
    model: BreakModel,
    state: State,
    agenda: Agenda,
    deadline: float,
    limit: int | None,
    seed: int,
) -> None:
    """Large-neighbourhood search on breaks: set free the meetings of a group of people grown
    from someone with breaks, keep the rest, re-solve with CP-SAT; the group grows while the
    steps close quickly and shrinks when they do not."""
    rng = random.Random(seed)
    size = FIRST_NEIGHBOURHOOD
    movable = set(model.movable)
    while deadline - time.perf_counter() > 0.2:
        breaks = _people_breaks(state)
        if not any(breaks):
            return
        free = _people_group(state, breaks, movable, size, rng)
        started = time.perf_counter()
        limit_s = min(STEP_SECONDS, deadline - started)
        answer = BreakModel(state, free).solve(
            limit_s, max_spread=limit, objective="breaks", seed=rng.randrange(1 << 30)
        )
        _apply(state, answer, agenda)
        took = time.perf_counter() - started
        if answer.status == "optimal" and took < limit_s / 4:
            size = min(len(movable), int(size * 1.3) + 1)
        elif answer.status != "optimal":
            size = max(20, int(size * 0.7))


def _people_group(
    state: State, breaks: list[int], movable: set[int], size: int, rng: random.Random
) -> set[int]:
    """The movable meetings of people reached from a person with breaks through shared
    meetings, until about `size` meetings are free."""
    with_breaks = [p for p, b in enumerate(breaks) if b]
    frontier = [rng.choice(with_breaks)]
    seen: set[int] = set()
    free: set[int] = set()
    while frontier and len(free) < size:
        p = frontier.pop(rng.randrange(len(frontier)))
        if p in seen:
            continue
        seen.add(p)
        for m in state.meetings_of[p]:
            if m in movable:
                free.add(m)
                frontier.extend(q for q in state.parts[m] if q not in seen)
    return free


def _apply(state: State, answer: Answer, agenda: Agenda) -> None:
    if answer.placement is not None:
        _apply_if_better(state, answer.placement, agenda.max_break_spread, agenda.minimise_breaks)


def _spread(state: State) -> int:
    breaks = _people_breaks(state)
    return max(breaks, default=0) - min(breaks, default=0)


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
