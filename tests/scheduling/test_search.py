"""The neighbourhood search: partial re-solves keep every rule and never lose priority, and the
planner uses its time to reach the optimum that the greedy pass alone misses."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings

from tests.scheduling.test_extensions import check_extended_rules, extended
from yeongilman.scheduling import neighbourhood as search_module
from yeongilman.scheduling import parse_instance, plan
from yeongilman.scheduling.bound import exact_priority
from yeongilman.scheduling.generate import generate_instance
from yeongilman.scheduling.neighbourhood import NeighbourhoodSearch
from yeongilman.scheduling.solver import solve


def _partial_steps(monkeypatch: pytest.MonkeyPatch, totals: list[float]) -> None:
    """Make the search run only small random neighbourhoods (never the whole day at once)."""

    def run(self: NeighbourhoodSearch, deadline: float, bound: float | None) -> bool:
        rng = random.Random(7)
        for _ in range(12):
            totals.append(self.total())
            if not self.movable:
                break
            free = set(rng.sample(self.movable, k=rng.randint(1, len(self.movable))))
            self.step(free, 1.0)
            self.state.journal.clear()
        totals.append(self.total())
        return False

    monkeypatch.setattr(search_module.NeighbourhoodSearch, "run", run)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extended())
def test_partial_re_solves_keep_every_rule_and_never_lose_priority(data):
    with pytest.MonkeyPatch.context() as monkeypatch:
        totals: list[float] = []
        _partial_steps(monkeypatch, totals)
        output = solve(parse_instance(data), time_limit=2, search=True).to_json()
    check_extended_rules(data, output)
    assert all(after >= before - 1e-9 for before, after in zip(totals, totals[1:], strict=False))


@pytest.mark.parametrize("hybrid", [False, True])
def test_planner_reaches_the_optimum_the_greedy_pass_misses_and_stops_early(hybrid):
    data = generate_instance(100, 500, 8, seed=7, hybrid=hybrid)
    instance = parse_instance(data)
    greedy = solve(instance, time_limit=2).priority_total
    best, _bound, optimal = exact_priority(instance, time_limit=120)
    assert optimal and greedy < best  # the day is one where search has something to do
    schedule = plan(instance, time_limit=60)
    check_extended_rules(data, schedule.to_json())
    assert schedule.priority_total == pytest.approx(best)
    assert schedule.proven_optimal
    assert schedule.seconds < 60  # a proof ends the search before the limit


def test_a_large_day_uses_its_time_and_reports_it():
    data = generate_instance(400, 2_400, 12, seed=3)
    instance = parse_instance(data)
    greedy = solve(instance, time_limit=3)
    schedule = plan(instance, time_limit=4)
    check_extended_rules(data, schedule.to_json())
    assert schedule.priority_total >= greedy.priority_total
    assert 3.0 <= schedule.seconds <= 6.0 or schedule.proven_optimal
