"""Choose the method by size: the exact MIP where HiGHS closes quickly, else the heuristic."""

from __future__ import annotations

import time

from yeongilman.scheduling.bound import (
    aggregated_upper_bound,
    exact_slots,
    lp_upper_bound,
    meeting_slot_pairs,
)
from yeongilman.scheduling.model import Instance, Schedule
from yeongilman.scheduling.solver import solve

# Up to this many (meeting, slot) variables the LP bound is cheap and the MIP usually closes.
EXACT_VARIABLES = 40_000


def plan(instance: Instance, *, time_limit: float = 30.0, seed: int = 0) -> Schedule:
    """Schedule the instance: heuristic first, then proof or improvement with HiGHS if small."""
    started = time.perf_counter()
    small = len(meeting_slot_pairs(instance)) <= EXACT_VARIABLES
    heuristic_budget = time_limit * (0.4 if small else 0.9)
    bound = (
        lp_upper_bound(instance, time_limit * 0.2) if small else aggregated_upper_bound(instance)
    )
    schedule = solve(instance, time_limit=heuristic_budget, seed=seed, upper_bound=bound)
    if small and schedule.priority_total < bound - 1e-6:
        remaining = time_limit - (time.perf_counter() - started)
        if remaining > 0.5:
            start = {a.meeting: a.slot for a in schedule.assignments}
            slots = exact_slots(instance, start, remaining * 0.7)
            if slots is not None:
                better = solve(
                    instance,
                    time_limit=remaining * 0.25,
                    seed=seed,
                    upper_bound=bound,
                    initial=slots,
                )
                if better.priority_total > schedule.priority_total + 1e-9:
                    schedule = better
    schedule.upper_bound = max(schedule.priority_total, bound)
    schedule.seconds = time.perf_counter() - started
    return schedule
