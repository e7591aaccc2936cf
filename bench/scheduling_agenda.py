"""Agendas (issue 32): breaks on generated brokerage days, the exact model given a long time,
the priority total on the synthetic sizes with and without an agenda, and unseen days of the
benchmark's small size against the exact MIP.

Usage: python bench/scheduling_agenda.py [--only real|exact|synthetic|unseen] [--seeds N]
  real       brokerage days of real size (70/125, 100/200, 150/300 participants/meetings,
             21 slots, spread limit 2) within 60 s: every meeting placed? breaks, the proven
             lower bound and the gap
  exact      small days (one seed): the planner's 60 s answer against CP-SAT's exact model
             of breaks (every meeting held) given 600 s from the priority phase's schedule
  synthetic  bench/scheduling.py's sizes in their time limits: the priority total without an
             agenda (as before) and with one, and the breaks reported with their bound
  unseen     days of 300 participants / 1,500 requests / 16 slots (seeds 1..N) in 10 s
             against HiGHS's exact MIP: how many end below the optimum, and why
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yeongilman.scheduling import parse_instance, plan  # noqa: E402
from yeongilman.scheduling.generate import generate_brokerage_day, generate_instance  # noqa: E402

REAL_SIZES = [(70, 125, 21), (100, 200, 21), (150, 300, 21)]
EXACT_SIZES = [(40, 70, 12), (70, 125, 21), (100, 200, 21)]
EXACT_SECONDS = 600
AGENDA = {"minimise_breaks": True, "max_break_spread": 2}


def _breaks(stats: dict[str, Any]) -> str:
    b = stats["breaks"]
    gap = b["total"] - b["lower_bound"]
    return (
        f"breaks {b['total']:4} (lower bound {b['lower_bound']:3}, gap {gap:3}), "
        f"max {b['max']}, spread {b['spread']} (met: {b['spread_met']}), {b['method']}"
    )


def real(seeds: int) -> None:
    print("\nreal-size brokerage days, spread limit 2, 60 s each")
    for participants, meetings, slots in REAL_SIZES:
        for seed in range(1, seeds + 1):
            data = generate_brokerage_day(participants, meetings, slots, seed=seed)
            output = plan(parse_instance(data), time_limit=60).to_json()
            stats = output["stats"]
            print(
                f"  {participants:3}/{len(data['meetings']):3}/{slots} seed {seed}: "
                f"{stats['scheduled']}/{len(data['meetings'])} placed, "
                f"{_breaks(stats)}, {stats['seconds']:.1f} s"
            )


def exact() -> None:
    from yeongilman.scheduling.compact_exact import BreakModel
    from yeongilman.scheduling.solver import solve_state

    print(f"\nsmall days: planner (60 s) against the exact model alone ({EXACT_SECONDS} s)")
    for participants, meetings, slots in EXACT_SIZES:
        for seed in (1,):
            data = generate_brokerage_day(participants, meetings, slots, seed=seed)
            instance = parse_instance(data)
            output = plan(instance, time_limit=60).to_json()
            state = solve_state(instance, time_limit=5, search=True).state
            held = sum(1 for s in state.slot_of if s >= 0)
            started = time.perf_counter()
            answer = BreakModel(state).solve(
                EXACT_SECONDS, max_spread=2, objective="breaks", proof=True
            )
            print(
                f"  {participants:3}/{len(data['meetings']):3}/{slots} seed {seed}: planner "
                f"{_breaks(output['stats'])}; exact model ({held} meetings held): "
                f"{answer.value} ({answer.status}, bound {answer.bound}, "
                f"{time.perf_counter() - started:.0f} s)"
            )


def synthetic() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from scheduling import SIZES, instance_data

    print("\nsynthetic sizes: priority total without and with an agenda, same time limit")
    for size, (_p, _r, _s, limit) in SIZES.items():
        data = instance_data(size)
        plain = plan(parse_instance(data), time_limit=limit).to_json()["stats"]
        with_agenda = plan(parse_instance({**data, "agenda": AGENDA}), time_limit=limit)
        stats = with_agenda.to_json()["stats"]
        print(
            f"  {size:7} ({limit:3.0f} s): without {plain['priority_total']:8,} "
            f"with agenda {stats['priority_total']:8,} (bound {stats['upper_bound']:,}); "
            f"{_breaks(stats)}"
        )


def unseen(seeds: int) -> None:
    from yeongilman.scheduling.bound import exact_priority

    print("\nunseen days 300/1,500/16 in 10 s against the exact MIP (HiGHS, up to 600 s)")
    below = 0
    for seed in range(1, seeds + 1):
        instance = parse_instance(generate_instance(300, 1_500, 16, seed=seed))
        schedule = plan(instance, time_limit=10)
        best, bound, optimal = exact_priority(instance, time_limit=600)
        short = best - schedule.priority_total
        below += short > 1e-6
        print(
            f"  seed {seed:2}: planner {schedule.priority_total:7,.0f} in "
            f"{schedule.seconds:4.1f} s (proven {schedule.proven_optimal}), optimum "
            f"{best:7,.0f} (bound {bound:,.0f}, optimal {optimal}), "
            f"{'below by ' + format(short, 'g') if short > 1e-6 else 'equal'}"
        )
    print(f"  {below} of {seeds} days below the optimum")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["real", "exact", "synthetic", "unseen"])
    parser.add_argument("--seeds", type=int, default=2, help="days per size (default 2)")
    args = parser.parse_args()
    if args.only in (None, "real"):
        real(args.seeds)
    if args.only in (None, "exact"):
        exact()
    if args.only in (None, "synthetic"):
        synthetic()
    if args.only in (None, "unseen"):
        unseen(max(args.seeds, 8))


if __name__ == "__main__":
    main()
