"""Plan a day: a bound, a quick greedy schedule, then neighbourhood search until time is up;
with an `agenda`, then fewer breaks (see `agenda`)."""

from __future__ import annotations

import time

from yeongilman.scheduling import agenda as agenda_phase
from yeongilman.scheduling.answer import schedule_of
from yeongilman.scheduling.bound import aggregated_upper_bound, lp_upper_bound, variable_count
from yeongilman.scheduling.model import Instance, Schedule
from yeongilman.scheduling.solver import solve, solve_state
from yeongilman.scheduling.solver_state import State

# Up to this many (meeting, slot) variables the exact LP bound is cheap to compute.
EXACT_VARIABLES = 40_000
# On a day for the exact model of breaks, the priority phase may use this share of the time
# (it ends sooner when it proves its total optimal, as real days' schedules usually do).
PRIORITY_SHARE = 0.5


def plan(instance: Instance, *, time_limit: float = 30.0, seed: int = 0) -> Schedule:
    """Schedule the instance, improving it until `time_limit` or a proof of optimality.

    The bound is the LP relaxation on small days and a quicker aggregated LP on large ones;
    reaching it, or closing a neighbourhood that frees every meeting, ends the search early.
    With an agenda, the breaks are then minimised without losing any priority.
    """
    started = time.perf_counter()
    small = variable_count(instance) <= EXACT_VARIABLES
    bound = (
        lp_upper_bound(instance, time_limit * 0.2) if small else aggregated_upper_bound(instance)
    )
    remaining = time_limit - (time.perf_counter() - started)
    # Leave a little for writing the answer, so the whole run stays within the limit.
    remaining = max(0.05, remaining - min(1.0, 0.01 * remaining))
    agenda = instance.agenda
    if agenda is None:
        schedule = solve(instance, time_limit=remaining, seed=seed, upper_bound=bound, search=True)
    else:
        schedule = _plan_agenda(instance, remaining, seed, bound, started)
    schedule.upper_bound = max(schedule.priority_total, bound)
    schedule.seconds = time.perf_counter() - started
    return schedule


def _plan_agenda(
    instance: Instance, remaining: float, seed: int, bound: float, started: float
) -> Schedule:
    """The priority phase, whose last step compacts agendas by local moves; then, on days
    that fit, CP-SAT in the time that is left."""
    agenda = instance.agenda
    assert agenda is not None
    # CP-SAT stops a little after its limit and the answer takes a moment to build: keep a
    # margin so the whole run stays within the limit.
    deadline = time.perf_counter() + remaining - min(0.5, 0.02 * remaining)
    exact = agenda_phase.wants_search(agenda) and agenda_phase.exact_fits(instance)
    methods: list[str] = []

    def compact(state: State, until: float) -> None:
        methods.append(agenda_phase.local_phase(state, agenda, until))

    run = solve_state(
        instance,
        time_limit=remaining * (PRIORITY_SHARE if exact else 1.0),
        seed=seed,
        upper_bound=bound,
        search=True,
        compact=compact,
    )
    if exact:
        report = agenda_phase.exact_phase(run.state, agenda, deadline, seed)
    else:
        report = agenda_phase.agenda_report(run.state, agenda, methods[0] if methods else "none")
    schedule = schedule_of(run.state, run.reasons, started, bound)
    schedule.proven_optimal = run.proven
    schedule.breaks = report.to_json()
    return schedule
