"""The solver's working state: slots, people and meetings as integers, with an undo journal.

Shared by the greedy solver (`solver`) and the neighbourhood search (`neighbourhood`).
"""

from __future__ import annotations

from yeongilman.scheduling.model import Instance


class State:
    """Slots, participants and meetings as integers, with an undo journal for trial moves."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.slot_ids = [s.id for s in instance.slots]
        slot_index = {sid: i for i, sid in enumerate(self.slot_ids)}
        self.n_slots = len(self.slot_ids)
        self.cap = [s.capacity for s in instance.slots]
        all_slots = (1 << self.n_slots) - 1
        self.part_ids = [p.id for p in instance.participants]
        part_index = {pid: i for i, pid in enumerate(self.part_ids)}
        self.avail = [
            all_slots if p.available is None else sum(1 << slot_index[sid] for sid in p.available)
            for p in instance.participants
        ]
        self.meetings = instance.meetings
        self.parts = [[part_index[pid] for pid in m.participants] for m in instance.meetings]
        self.prio = [m.priority for m in instance.meetings]
        self.online = [m.online for m in instance.meetings]
        self.interp = [m.needs_interpreter for m in instance.meetings]
        self.icap = [len(instance.interpreters_in(s.id)) for s in instance.slots]
        self.iload = [0] * self.n_slots
        interpreted_slots = sum(1 << s for s in range(self.n_slots) if self.icap[s])
        # base_allowed: the slots everyone shares in the window; allowed: of those, where it can
        # be held (an interpreted meeting only where an interpreter is free).
        # shared: the slots everyone is free; window: the meeting's `allowed_slots`.
        self.shared: list[int] = []
        self.window = [
            all_slots if m.window is None else sum(1 << slot_index[sid] for sid in m.window)
            for m in instance.meetings
        ]
        self.base_allowed: list[int] = []
        self.allowed = []
        for m, people in enumerate(self.parts):
            mask = all_slots
            for p in people:
                mask &= self.avail[p]
            self.shared.append(mask)
            mask &= self.window[m]
            self.base_allowed.append(mask)
            self.allowed.append(mask & interpreted_slots if self.interp[m] else mask)
        self._limits(instance)
        self.fixed = [
            slot_index[m.fixed_slot] if m.fixed_slot is not None else -1 for m in instance.meetings
        ]
        self.slot_of = [-1] * len(self.meetings)
        self.busy: list[list[int]] = [[-1] * self.n_slots for _ in self.part_ids]
        self.load = [0] * self.n_slots
        self.journal: list[tuple[int, int]] = []  # (meeting, previous slot)
        self.requests = [0] * len(self.part_ids)
        for people in self.parts:
            for p in people:
                self.requests[p] += 1
        self.held = [0] * len(self.part_ids)
        self.meetings_of: list[list[int]] = [[] for _ in self.part_ids]
        for m, people in enumerate(self.parts):
            for p in people:
                self.meetings_of[p].append(m)

    def _limits(self, instance: Instance) -> None:
        """Per-person limits: meetings per calendar day, and back-to-back meetings in a row."""
        days = {s.start.date() for s in instance.slots}
        day_index = {d: i for i, d in enumerate(sorted(days))}
        self.day_of = [day_index[s.start.date()] for s in instance.slots]
        self.linked = [False, *instance.back_to_back()]  # slot s follows s - 1 without a break
        self.per_day = [p.max_per_day for p in instance.participants]
        self.in_a_row = [p.max_in_a_row for p in instance.participants]
        self.limited = [bool(p.max_per_day or p.max_in_a_row) for p in instance.participants]
        self.any_limits = any(self.limited)
        self.day_count = [[0] * len(day_index) for _ in self.part_ids]

    def limits_ok(self, m: int, slot: int) -> bool:
        """Would m in slot keep each of its people within their limits (m's current place,
        if any, not counted)?"""
        if not self.any_limits:
            return True
        here = self.slot_of[m]
        for p in self.parts[m]:
            if not self.limited[p]:
                continue
            per_day = self.per_day[p]
            if per_day is not None:
                count = self.day_count[p][self.day_of[slot]]
                if here >= 0 and self.day_of[here] == self.day_of[slot]:
                    count -= 1
                if count + 1 > per_day:
                    return False
            in_a_row = self.in_a_row[p]
            if in_a_row is not None and self._run(p, slot, ignore=m) + 1 > in_a_row:
                return False
        return True

    def _run(self, p: int, slot: int, ignore: int = -1) -> int:
        """How many back-to-back busy slots touch `slot` on either side for person p."""
        row, count = self.busy[p], 0
        t = slot - 1
        while t >= 0 and self.linked[t + 1] and row[t] >= 0 and row[t] != ignore:
            count, t = count + 1, t - 1
        t = slot + 1
        while t < self.n_slots and self.linked[t] and row[t] >= 0 and row[t] != ignore:
            count, t = count + 1, t + 1
        return count

    def person_ok(self, p: int, slot: int) -> bool:
        """Is person p, as placed now, within their limits around `slot`?"""
        if not self.limited[p]:
            return True
        per_day, in_a_row = self.per_day[p], self.in_a_row[p]
        if per_day is not None and self.day_count[p][self.day_of[slot]] > per_day:
            return False
        return in_a_row is None or self.busy[p][slot] < 0 or self._run(p, slot) + 1 <= in_a_row

    def room(self, m: int, slot: int) -> bool:
        """A table (unless online) and an interpreter (if needed) are left in slot."""
        if not self.online[m] and self.load[slot] >= self.cap[slot]:
            return False
        return not self.interp[m] or self.iload[slot] < self.icap[slot]

    def slots_of(self, mask: int) -> list[int]:
        return [s for s in range(self.n_slots) if mask >> s & 1]

    def move(self, m: int, slot: int) -> None:
        """Put meeting m in slot (or -1 to unschedule), recording the change for undo."""
        old = self.slot_of[m]
        self.journal.append((m, old))
        self._set(m, old, slot)

    def _set(self, m: int, old: int, slot: int) -> None:
        table = 0 if self.online[m] else 1
        interpreter = 1 if self.interp[m] else 0
        if old >= 0:
            self.load[old] -= table
            self.iload[old] -= interpreter
            for p in self.parts[m]:
                self.busy[p][old] = -1
                self.held[p] -= 1
                self.day_count[p][self.day_of[old]] -= 1
        if slot >= 0:
            self.load[slot] += table
            self.iload[slot] += interpreter
            for p in self.parts[m]:
                self.busy[p][slot] = m
                self.held[p] += 1
                self.day_count[p][self.day_of[slot]] += 1
        self.slot_of[m] = slot

    def undo_to(self, mark: int) -> None:
        while len(self.journal) > mark:
            m, old = self.journal.pop()
            self._set(m, self.slot_of[m], old)

    def conflicts(self, m: int, slot: int, ignore: int = -1) -> set[int]:
        """Meetings that keep m's participants busy in slot (other than `ignore`)."""
        found = {self.busy[p][slot] for p in self.parts[m]}
        found.discard(-1)
        found.discard(ignore)
        return found

    def free_for(self, m: int, slot: int) -> bool:
        return self.room(m, slot) and not self.conflicts(m, slot) and self.limits_ok(m, slot)

    def moves_ok(self, mark: int) -> bool:
        """After trial moves since `mark`: no slot over its tables or interpreters, and the
        people of every moved meeting within their limits where it now is."""
        for m, _old in self.journal[mark:]:
            slot = self.slot_of[m]
            if slot < 0:
                continue
            if self.load[slot] > self.cap[slot] or self.iload[slot] > self.icap[slot]:
                return False
            if self.any_limits and not all(self.person_ok(p, slot) for p in self.parts[m]):
                return False
        return True
