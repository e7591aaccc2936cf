"""Meeting scheduler quality and speed on generated B2B days of realistic shape.

Usage: python bench/scheduling.py [--only small|medium|large]
Sizes (participants / accepted requests / slots, time limit):
  small   300 / 1,500 / 16   — compared with the exact MIP (HiGHS) in the same run
  medium  1,000 / 5,000 / 16 within 10 s — target ≥ 99.9 % of the LP-relaxation bound
  large   3,000 / 20,000 / 24 within 60 s — target ≥ 99.8 % of the LP bound, peak memory < 2 GB
  xl      6,000 / 50,000 / 32 within 120 s — target ≥ 99.8 % of the bound, peak memory < 2 GB
          (its bound is the aggregated LP the scheduler itself uses: the full LP is too big
          to solve in a benchmark run)
  hybrid  the medium day with online meetings, interpreters and per-person limits (the
          LP bound and the baseline include them)
Each run is also compared with the plain baseline: requests in order, each into the first
slot where everyone is free and a table is left. Solver runs happen in a child process so
its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from yeongilman.scheduling import Instance
    from yeongilman.scheduling.model import Meeting

SIZES = {
    "small": (300, 1_500, 16, 30.0),
    "medium": (1_000, 5_000, 16, 10.0),
    "large": (3_000, 20_000, 24, 60.0),
    "xl": (6_000, 50_000, 32, 120.0),
    "hybrid": (1_000, 5_000, 16, 10.0),
}


def instance_data(size: str) -> dict:
    """The generated instance of a size (the same in the parent and the child process)."""
    from yeongilman.scheduling.generate import generate_instance

    participants, requests, slots, _limit = SIZES[size]
    return generate_instance(participants, requests, slots, seed=2027, hybrid=size == "hybrid")


def baseline(instance: Instance) -> tuple[float, int, int]:
    """Requests in file order, each into the first slot where it fits (tables, interpreters
    and each person's limits respected)."""
    linked = [False, *instance.back_to_back()]
    day = [slot.start.date() for slot in instance.slots]
    index = {slot.id: i for i, slot in enumerate(instance.slots)}
    people = {p.id: p for p in instance.participants}
    busy: set[tuple[int, str]] = set()
    load = [0] * len(instance.slots)
    iload = [0] * len(instance.slots)
    icap = [len(instance.interpreters_in(slot.id)) for slot in instance.slots]
    per_day: dict[tuple[str, object], int] = {}
    total, held, count = 0.0, set[str](), 0

    def run_length(pid: str, s: int) -> int:
        length, t = 1, s - 1
        while t >= 0 and linked[t + 1] and (t, pid) in busy:
            length, t = length + 1, t - 1
        t = s + 1
        while t < len(linked) and linked[t] and (t, pid) in busy:
            length, t = length + 1, t + 1
        return length

    def fits(meeting: Meeting, s: int, slot_id: str) -> bool:
        if not meeting.online and load[s] >= instance.slots[s].capacity:
            return False
        if meeting.needs_interpreter and iload[s] >= icap[s]:
            return False
        for pid in meeting.participants:
            person = people[pid]
            if person.available is not None and slot_id not in person.available:
                return False
            if (s, pid) in busy:
                return False
            if person.max_per_day and per_day.get((pid, day[s]), 0) >= person.max_per_day:
                return False
            if person.max_in_a_row and run_length(pid, s) > person.max_in_a_row:
                return False
        return True

    for meeting in instance.meetings:
        candidates = (
            [index[meeting.fixed_slot]] if meeting.fixed_slot else range(len(instance.slots))
        )
        for s in candidates:
            if not fits(meeting, s, instance.slots[s].id):
                continue
            busy.update((s, pid) for pid in meeting.participants)
            load[s] += 0 if meeting.online else 1
            iload[s] += 1 if meeting.needs_interpreter else 0
            for pid in meeting.participants:
                per_day[(pid, day[s])] = per_day.get((pid, day[s]), 0) + 1
            total += meeting.priority
            held.update(meeting.participants)
            count += 1
            break
    requested = {p for m in instance.meetings for p in m.participants}
    return total, count, len(requested - held)


def child(size: str) -> None:
    from yeongilman.scheduling import parse_instance, plan

    limit = SIZES[size][3]
    instance = parse_instance(instance_data(size))
    started = time.perf_counter()
    schedule = plan(instance, time_limit=limit)
    seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "priority": schedule.priority_total,
                "scheduled": len(schedule.assignments),
                "bound_reported": schedule.upper_bound,
                "seconds": seconds,
                "rss_mb": rss_mb,
                "without": schedule.participants_without_meeting,
                "gaps": schedule.idle_gaps,
                "proven": schedule.proven_optimal,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=list(SIZES))
    parser.add_argument("--child", choices=list(SIZES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    from yeongilman.scheduling import parse_instance
    from yeongilman.scheduling.bound import (
        aggregated_upper_bound,
        exact_priority,
        lp_upper_bound,
    )

    for size in [args.only] if args.only else list(SIZES):
        participants, requests, slots, limit = SIZES[size]
        run = subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [sys.executable, __file__, "--child", size], capture_output=True, text=True, check=True
        )
        result = json.loads(run.stdout.strip().splitlines()[-1])
        instance = parse_instance(instance_data(size))
        started = time.perf_counter()
        if size == "xl":
            lp, bound_name = aggregated_upper_bound(instance, time_limit=300), "aggregated LP bound"
        else:
            lp, bound_name = lp_upper_bound(instance, time_limit=900), "LP-relaxation bound"
        lp_seconds = time.perf_counter() - started
        base_total, base_count, base_without = baseline(instance)
        print(
            f"\n{size}: {participants:,} participants, {requests:,} requests, {slots} slots, "
            f"time limit {limit:.0f} s"
        )
        print(f"  {bound_name:26}{lp:10,.2f}   ({lp_seconds:.1f} s to compute, HiGHS)")
        print(
            f"  platform scheduler        {result['priority']:10,.0f}   "
            f"{100 * result['priority'] / lp:6.2f} % of the bound, "
            f"{result['scheduled']:,} meetings, {result['seconds']:.1f} s, "
            f"{'proven optimal, ' if result['proven'] else ''}"
            f"peak RSS {result['rss_mb']:.0f} MB"
        )
        print(f"      participants with no meeting {result['without']}, idle gaps {result['gaps']}")
        print(
            f"  baseline (first free slot){base_total:10,.0f}   "
            f"{100 * base_total / lp:6.2f} % of the bound, {base_count:,} meetings, "
            f"participants with no meeting {base_without}"
        )
        if size == "small":
            started = time.perf_counter()
            best, proven, optimal = exact_priority(instance, time_limit=600)
            print(
                f"  exact MIP (HiGHS)         {best:10,.0f}   proven bound {proven:,.0f}, "
                f"optimal={optimal}, {time.perf_counter() - started:.1f} s; "
                f"platform {'EQUALS' if abs(best - result['priority']) < 1e-6 else 'differs from'} "
                f"the optimum"
            )


if __name__ == "__main__":
    main()
