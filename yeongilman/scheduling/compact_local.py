"""Fewer breaks by local moves: a meeting to a free slot, or two meetings trading slots.

Every move keeps the set of meetings held (so the priority total and who meets are
unchanged) and every hard rule; it is kept only when it lowers, in this order, how far the
break spread exceeds the agenda's limit and the total number of breaks.
"""

from __future__ import annotations

import time
from collections import Counter

from yeongilman.scheduling.breaks import row_breaks
from yeongilman.scheduling.solver_state import State


class BreakTracker:
    """Each person's breaks, kept up to date as meetings move, and the objective."""

    def __init__(self, state: State, max_spread: int | None, minimise: bool = True) -> None:
        self.state = state
        self.max_spread = max_spread
        self.minimise = minimise
        self.breaks = [row_breaks(row, state.day_of) for row in state.busy]
        self.counts = Counter(self.breaks)
        self.total = sum(self.breaks)

    def refresh(self, people: list[int]) -> list[int]:
        """Recount these people's breaks; return the old counts (for `restore`)."""
        old = [self.breaks[p] for p in people]
        for p in people:
            self._set(p, row_breaks(self.state.busy[p], self.state.day_of))
        return old

    def restore(self, people: list[int], old: list[int]) -> None:
        """Put back the counts `refresh` returned."""
        for p, value in zip(people, old, strict=True):
            self._set(p, value)

    def _set(self, p: int, value: int) -> None:
        before = self.breaks[p]
        if before == value:
            return
        self.counts[before] -= 1
        if not self.counts[before]:
            del self.counts[before]
        self.counts[value] += 1
        self.breaks[p] = value
        self.total += value - before

    def spread(self) -> int:
        """The most breaks anyone has, less the fewest."""
        return max(self.counts, default=0) - min(self.counts, default=0)

    def objective(self) -> tuple[int, int]:
        """(how far the spread exceeds its limit, total breaks if they are minimised)."""
        excess = 0 if self.max_spread is None else max(0, self.spread() - self.max_spread)
        return excess, self.total if self.minimise else 0


def improve_breaks(state: State, tracker: BreakTracker, deadline: float) -> bool:
    """Hill-climb on the tracker's objective until no move helps or the deadline; True when
    it stopped because no single move or trade helps any more."""
    while time.perf_counter() < deadline:
        if tracker.objective() == (0, 0):
            return True
        improved = False
        for m in _candidates(state, tracker):
            if time.perf_counter() > deadline:
                return False
            if state.slot_of[m] >= 0 and _improve_meeting(state, tracker, m):
                improved = True
        state.journal.clear()
        if not improved:
            return True
    return False


def _candidates(state: State, tracker: BreakTracker) -> list[int]:
    """Movable meetings of people with breaks (or at the top of the spread), worst first."""
    top = max(tracker.counts, default=0)
    worth = [p for p, b in enumerate(tracker.breaks) if b > 0 or (b == top and top > 0)]
    worth.sort(key=lambda p: -tracker.breaks[p])
    seen: set[int] = set()
    order: list[int] = []
    for p in worth:
        for m in state.meetings_of[p]:
            if m not in seen and state.slot_of[m] >= 0 and state.fixed[m] < 0:
                seen.add(m)
                order.append(m)
    return order


def _improve_meeting(state: State, tracker: BreakTracker, m: int) -> bool:
    """Try m in each other slot it may use, directly or trading places with the one meeting
    in the way; keep the first that improves the objective."""
    origin = state.slot_of[m]
    best = tracker.objective()
    for target in state.slots_of(state.allowed[m]):
        if target == origin:
            continue
        blockers = state.conflicts(m, target)
        mark = len(state.journal)
        if not blockers:
            if not state.free_for(m, target):
                continue
            state.move(m, target)
            people = list(state.parts[m])
        elif len(blockers) == 1:
            (other,) = blockers
            if state.fixed[other] >= 0 or not state.allowed[other] >> origin & 1:
                continue
            state.move(m, -1)
            state.move(other, -1)
            if not (state.free_for(m, target) and state.room(other, origin)):
                state.undo_to(mark)
                continue
            state.move(m, target)
            if not state.free_for(other, origin):
                state.undo_to(mark)
                continue
            state.move(other, origin)
            people = sorted({*state.parts[m], *state.parts[other]})
        else:
            continue
        old = tracker.refresh(people)
        if tracker.objective() < best and state.moves_ok(mark):
            return True
        tracker.restore(people, old)
        state.undo_to(mark)
    return False
