"""The meeting scheduler: greedy placement by priority, repaired with Kempe-style chains.

Objectives, in order: the total priority of meetings held; then fairness (fewest participants
left with no meeting); then fewer idle gaps per person. Every move keeps the hard rules: one
meeting per participant and slot, no more in-person meetings than tables in a slot (online
meetings take none), no more interpreted meetings than interpreters free in a slot, each
person's limits (meetings per day, meetings in a row), only slots where all participants are
available, pinned ("fixed") meetings stay where they are (they may exceed a person's limits:
the organiser chose them).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from yeongilman.scheduling.answer import idle_gaps, no_slot_reason, schedule_of
from yeongilman.scheduling.model import (
    FIXED_OUTSIDE_WINDOW,
    Instance,
    Schedule,
)
from yeongilman.scheduling.neighbourhood import NeighbourhoodSearch
from yeongilman.scheduling.solver_state import State

FIXED_UNAVAILABLE = "a participant is not available in its fixed slot"
FIXED_NO_INTERPRETER = "no interpreter is free in its fixed slot"


def _try_chain(state: State, first: int, a: int, b: int, limit: int = 200) -> bool:
    """Move `first` from a to b, and each meeting it displaces the other way, until it settles.

    This is a Kempe chain over the two slots; it fails on pinned or unavailable meetings,
    loops, or a meeting that would displace two others.
    """
    seen = {first}
    current, origin, target = first, a, b
    for _ in range(limit):
        if state.fixed[current] >= 0 or not (state.allowed[current] >> target & 1):
            return False
        blocking = state.conflicts(current, target)
        if len(blocking) > 1:
            return False
        displaced = blocking.pop() if blocking else -1
        if displaced >= 0:
            if displaced in seen or state.fixed[displaced] >= 0:
                return False
            seen.add(displaced)
            state.move(displaced, -1)
        state.move(current, target)
        if displaced < 0:
            return True
        # The displaced meeting goes to the slot the previous one left.
        current, origin, target = displaced, target, origin
    return False


def _loads_ok(state: State, slots: Iterable[int]) -> bool:
    return all(state.load[s] <= state.cap[s] and state.iload[s] <= state.icap[s] for s in slots)


def _insert(state: State, m: int, rng: random.Random, chain_tries: int) -> bool:
    """Schedule m if it fits directly or after one Kempe chain; otherwise change nothing."""
    allowed = state.slots_of(state.allowed[m])
    if not allowed:
        return False
    # Prefer slots next to the participants' other meetings (fewer idle gaps), then emptier ones.
    allowed.sort(key=lambda s: (-_adjacency(state, m, s), state.load[s]))
    for s in allowed:
        if state.free_for(m, s):
            state.move(m, s)
            return True
    tries = 0
    for a in allowed:
        blockers = state.conflicts(m, a)
        if len(blockers) != 1 or state.load[a] > state.cap[a]:
            continue
        (first,) = blockers
        if state.fixed[first] >= 0:
            continue
        targets = [b for b in state.slots_of(state.allowed[first]) if b != a]
        rng.shuffle(targets)
        for b in targets:
            if tries >= chain_tries:
                return False
            tries += 1
            mark = len(state.journal)
            state.move(first, -1)
            if _try_chain(state, first, a, b) and state.free_for(m, a) and _loads_ok(state, (a, b)):
                state.move(m, a)
                if state.moves_ok(mark):
                    return True
            state.undo_to(mark)
    return False


def _adjacency(state: State, m: int, s: int) -> int:
    score = 0
    for p in state.parts[m]:
        row = state.busy[p]
        if s > 0 and row[s - 1] >= 0:
            score += 1
        if s + 1 < state.n_slots and row[s + 1] >= 0:
            score += 1
    return score


def _order(state: State, rng: random.Random) -> list[int]:
    """Highest priority first; among equals, meetings of people with few requests first."""
    jitter = [rng.random() for _ in state.meetings]
    return sorted(
        (m for m in range(len(state.meetings)) if state.fixed[m] < 0),
        key=lambda m: (
            -state.prio[m],
            min(state.requests[p] for p in state.parts[m]),
            bin(state.allowed[m]).count("1"),
            jitter[m],
        ),
    )


def _evict_for(state: State, m: int, rng: random.Random, chain_tries: int) -> bool:
    """Place m by unscheduling lower-total-priority meetings, then try to re-place those."""
    options: list[tuple[float, int, set[int]]] = []
    for s in state.slots_of(state.allowed[m]):
        blockers = state.conflicts(m, s)
        if any(state.fixed[c] >= 0 for c in blockers):
            continue
        extra = _capacity_blockers(state, m, s, blockers)
        if extra is None:
            continue
        blockers |= extra
        loss = sum(state.prio[c] for c in blockers)
        if loss < state.prio[m]:
            options.append((loss, s, blockers))
    # Cheapest first (the first found among equals); one that breaks a limit is undone.
    for _loss, s, blockers in sorted(options, key=lambda option: option[0]):
        mark = len(state.journal)
        for c in blockers:
            state.move(c, -1)
        state.move(m, s)
        if not state.moves_ok(mark):
            state.undo_to(mark)
            continue
        for c in sorted(blockers, key=lambda c: -state.prio[c]):
            _insert(state, c, rng, chain_tries)
        return True
    return False


def _capacity_blockers(state: State, m: int, s: int, blockers: set[int]) -> set[int] | None:
    """Besides the meetings of m's people, the cheapest meetings to take out of s so that a
    table (in person) and an interpreter (if needed) are free for m; None when none can go."""
    extra: set[int] = set()
    freed_tables = sum(1 for c in blockers if not state.online[c])
    if not state.online[m] and state.load[s] - freed_tables >= state.cap[s]:
        movable = [
            c
            for c in range(len(state.meetings))
            if state.slot_of[c] == s
            and state.fixed[c] < 0
            and not state.online[c]
            and c not in blockers
        ]
        if not movable:
            return None
        extra.add(min(movable, key=lambda c: state.prio[c]))
    freed = sum(1 for c in blockers | extra if state.interp[c])
    if state.interp[m] and state.iload[s] - freed >= state.icap[s]:
        movable = [
            c
            for c in range(len(state.meetings))
            if state.slot_of[c] == s
            and state.fixed[c] < 0
            and state.interp[c]
            and c not in blockers | extra
        ]
        if not movable:
            return None
        extra.add(min(movable, key=lambda c: state.prio[c]))
    return extra


def _improve_fairness(state: State, rng: random.Random, deadline: float, chain_tries: int) -> None:
    """Give people with no meeting one, by swapping out an equal-priority meeting of people
    who keep at least one other meeting (the total priority does not change)."""
    for p in sorted(range(len(state.part_ids)), key=lambda p: state.requests[p]):
        if time.perf_counter() > deadline:
            return
        if state.held[p] or not state.requests[p]:
            continue
        candidates = [
            m
            for m in state.meetings_of[p]
            if state.slot_of[m] < 0 and state.allowed[m] and state.fixed[m] < 0
        ]
        for m in candidates:
            if _insert(state, m, rng, chain_tries):
                break
            if _swap_equal(state, m, rng, chain_tries):
                break


def _swap_equal(state: State, m: int, rng: random.Random, chain_tries: int) -> bool:
    """Put m in place of one equal-priority meeting, which is re-placed elsewhere if possible;
    if not, it may only be dropped when each of its people keeps another meeting."""
    for s in state.slots_of(state.allowed[m]):
        blockers = state.conflicts(m, s)
        if len(blockers) != 1 or state.load[s] > state.cap[s]:
            continue
        (c,) = blockers
        if state.fixed[c] >= 0 or state.prio[c] != state.prio[m]:
            continue
        mark = len(state.journal)
        state.move(c, -1)
        if not state.room(m, s):
            state.undo_to(mark)
            continue
        state.move(m, s)
        if not state.moves_ok(mark):
            state.undo_to(mark)
            continue
        if _insert(state, c, rng, chain_tries):
            return True
        if all(state.held[q] >= 1 for q in state.parts[c]):
            return True
        state.undo_to(mark)
    return False


def _improve_gaps(state: State, deadline: float) -> None:
    """Move single meetings to free slots where their participants have fewer idle gaps."""
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for m in range(len(state.meetings)):
            s_old = state.slot_of[m]
            if s_old < 0 or state.fixed[m] >= 0:
                continue
            before = sum(idle_gaps(state, p) for p in state.parts[m])
            if before == 0:
                continue
            for s in state.slots_of(state.allowed[m]):
                if s == s_old or not state.free_for(m, s):
                    continue
                state.move(m, s)
                if sum(idle_gaps(state, p) for p in state.parts[m]) < before:
                    improved = True
                    break
                state.move(m, s_old)
            if time.perf_counter() > deadline:
                return
        state.journal.clear()


def solve(
    instance: Instance,
    *,
    time_limit: float = 30.0,
    seed: int = 0,
    upper_bound: float | None = None,
    initial: dict[str, str] | None = None,
    search: bool = False,
) -> Schedule:
    """Schedule the instance within about `time_limit` seconds.

    `initial` (meeting id → slot id, e.g. from the exact MIP) is placed first and then
    improved for fairness and gaps without losing priority. With `search`, the schedule is
    improved by large-neighbourhood search until the time is nearly up or it is proven
    optimal (it reaches `upper_bound`, or a neighbourhood of every meeting closes).
    """
    started = time.perf_counter()
    run = solve_state(
        instance,
        time_limit=time_limit,
        seed=seed,
        upper_bound=upper_bound,
        initial=initial,
        search=search,
    )
    schedule = schedule_of(run.state, run.reasons, started, upper_bound)
    schedule.proven_optimal = run.proven
    return schedule


@dataclass
class Run:
    """The solver's working state after the priority phase, and what it knows about it."""

    state: State
    reasons: dict[int, str]  # meetings that cannot be held at all, and why
    proven: bool  # no schedule holds more priority


def solve_state(
    instance: Instance,
    *,
    time_limit: float = 30.0,
    seed: int = 0,
    upper_bound: float | None = None,
    initial: dict[str, str] | None = None,
    search: bool = False,
    compact: Callable[[State, float], None] | None = None,
) -> Run:
    """`solve`, returning the working state; `compact(state, deadline)`, if given, replaces
    the last step (fewer idle gaps) with its own, in the same time."""
    started = time.perf_counter()
    deadline = started + time_limit
    rng = random.Random(seed)
    state = State(instance)
    unscheduled: dict[int, str] = {}
    for m, slot in enumerate(state.fixed):
        if slot < 0:
            continue
        if not state.window[m] >> slot & 1:
            unscheduled[m] = FIXED_OUTSIDE_WINDOW
        elif not state.base_allowed[m] >> slot & 1:
            unscheduled[m] = FIXED_UNAVAILABLE
        elif state.interp[m] and state.iload[slot] >= state.icap[slot]:
            unscheduled[m] = FIXED_NO_INTERPRETER
        else:
            state.move(m, slot)
    if initial:
        index = {sid: i for i, sid in enumerate(state.slot_ids)}
        for m, meeting in enumerate(state.meetings):
            slot = index.get(initial.get(meeting.id, ""), -1)
            if state.fixed[m] < 0 and slot >= 0 and state.free_for(m, slot):
                state.move(m, slot)
    chain_tries = 40
    for m in _order(state, rng):
        if not state.allowed[m]:
            unscheduled[m] = no_slot_reason(state, m)
            continue
        if state.slot_of[m] < 0:
            _insert(state, m, rng, chain_tries)
        state.journal.clear()
    # Second chance with deeper search, and priority-raising evictions.
    for m in _order(state, rng):
        # With the search to follow, the deeper greedy pass gets only the first quarter.
        if time.perf_counter() > deadline - time_limit * (0.75 if search else 0.3):
            break
        if state.slot_of[m] >= 0 or m in unscheduled:
            continue
        if not _insert(state, m, rng, chain_tries * 4):
            _evict_for(state, m, rng, chain_tries)
        state.journal.clear()
    proven = False
    if search:
        finish = deadline - max(0.03 * time_limit, min(0.2, 0.1 * time_limit))
        proven = NeighbourhoodSearch(state, rng).run(finish, upper_bound)
        state.journal.clear()
    fairness_until = deadline - (0.0 if search else time_limit * 0.15)
    _improve_fairness(state, rng, fairness_until, chain_tries)
    state.journal.clear()
    if compact is None:
        _improve_gaps(state, deadline)
    else:
        compact(state, deadline)
        state.journal.clear()
    return Run(state, unscheduled, proven)
