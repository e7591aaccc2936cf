"""Plan a day: a bound, a quick greedy schedule, then neighbourhood search until time is up."""

from __future__ import annotations

import time

from yeongilman.scheduling.bound import aggregated_upper_bound, lp_upper_bound, variable_count
from yeongilman.scheduling.model import Instance, Schedule
from yeongilman.scheduling.solver import solve

# Up to this many (meeting, slot) variables the exact LP bound is cheap to compute.
EXACT_VARIABLES = 40_000


def plan(instance: Instance, *, time_limit: float = 30.0, seed: int = 0) -> Schedule:
    """Schedule the instance, improving it until `time_limit` or a proof of optimality.

    The bound is the LP relaxation on small days and a quicker aggregated LP on large ones;
    reaching it, or closing a neighbourhood that frees every meeting, ends the search early.
    """
    started = time.perf_counter()
    small = variable_count(instance) <= EXACT_VARIABLES
    bound = (
        lp_upper_bound(instance, time_limit * 0.2) if small else aggregated_upper_bound(instance)
    )
    remaining = time_limit - (time.perf_counter() - started)
    # Leave a little for writing the answer, so the whole run stays within the limit.
    remaining = max(0.05, remaining - min(1.0, 0.01 * remaining))
    schedule = solve(instance, time_limit=remaining, seed=seed, upper_bound=bound, search=True)
    schedule.upper_bound = max(schedule.priority_total, bound)
    schedule.seconds = time.perf_counter() - started
    return schedule
