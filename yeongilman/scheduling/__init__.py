"""The B2B meeting scheduler: plain Python, no Django. See `plan` and `parse_instance`.

Command line: python -m yeongilman.scheduling INSTANCE.json [--time-limit SECONDS]
(prints the answer as JSON; a malformed instance exits with code 2 and a message naming the
item at fault).

The instance (JSON object)::

    {"tables": 20,                                  # default tables per slot
     "slots": [{"id": "s1", "start": "2027-01-06T09:00:00-08:00",
                "end": "2027-01-06T09:25:00-08:00", "capacity": 12}],   # capacity optional
     "participants": [{"id": "p1", "available": ["s1", ...]}],          # available optional
     "meetings": [{"id": "m1", "participants": ["p1", "p2"], "priority": 2,
                   "fixed": {"slot": "s1", "table": 3}}]}               # priority, fixed optional

Optional, added later (an instance without them gets the same answer, in the same shape):

- ``"online": true`` on a meeting: held by video link, takes no table (``fixed`` then names
  only a ``slot``).
- ``"needs_interpreter": true`` on a meeting, and ``"interpreters": [{"id": "i1",
  "available": ["s1", ...]}]``: an interpreted meeting takes one interpreter free in its slot.
- ``"limits": {"max_meetings_per_day": 8, "max_in_a_row": 3}`` for everyone, and the same two
  keys on a participant for that person: at most so many meetings on one calendar day (the
  slots' own UTC offset), and after so many back-to-back meetings a free slot. Slots are back
  to back when the break between them is shorter than the earlier slot; a longer break (lunch)
  is itself the free slot. Fixed meetings are placed even where they pass a limit.
- ``"allowed_slots": ["s1", ...]`` on a meeting: its window (e.g. the morning); it is held
  only in a slot of the window where all its participants are available. A meeting with no
  such slot is unscheduled with the reason "no common free slot within its allowed_slots";
  a ``fixed`` slot outside the window is not placed, with the reason "its fixed slot is not
  one of its allowed_slots" (as a fixed slot where someone is unavailable is).
- ``"agenda": {"minimise_breaks": true, "max_break_spread": 2}`` on the instance (both keys
  optional: ``minimise_breaks`` defaults to true, no ``max_break_spread`` means no limit).
  A *break* of a participant is a maximal run of slots without a meeting between two of their
  meetings on the same calendar day (the slots' own UTC offset); slots are taken in time
  order and are consecutive when no other slot lies between them, so a lunch pause is no
  break by itself. The *spread* is the most breaks anyone has less the fewest (everyone
  counts, people with fewer than two meetings have 0). The objective is lexicographic: the
  priority total as without an agenda (no meeting or priority is traded for compactness, and
  no fewer people get a meeting), then the spread limit as a hard rule where it can be met
  (where it cannot, the spread is minimised first), then the fewest total breaks.

The answer::

    {"assignments": [{"meeting": "m1", "slot": "s1", "table": 3}],
     "unscheduled": [{"meeting": "m9", "reason": "no common free slot"}],
     "stats": {"scheduled": 1, "priority_total": 2, "upper_bound": 2, "seconds": 0.01}}

With the optional fields an online assignment reads ``"table": null, "online": true``, an
interpreted one names its ``"interpreter"``, and the stats add ``online``, ``interpreted`` and
``lost_for_interpreter`` (meetings left out for want of an interpreter; their reason says so:
"no interpreter is available in a common free slot" or "every interpreter free in a common
slot was booked"). ``upper_bound`` is the LP relaxation of the same rules (HiGHS), so the
ratio of ``priority_total`` to it bounds how far from optimal a schedule can be.

With an ``agenda`` the stats add ``"breaks": {"total": 12, "max": 2, "min": 0, "spread": 2,
"lower_bound": 9, "spread_met": true, "method": "exact"}``: ``lower_bound`` is proven (no
schedule with the same priority total and people meeting, within the spread limit when it is
met, has fewer breaks; 0 when nothing better is known), ``spread_met`` says whether the spread
is within ``max_break_spread``, and ``method`` is ``"exact"`` (CP-SAT on days of up to about
1,000 meetings), ``"local"`` (single-meeting moves and trades on larger days) or ``"none"``
(``minimise_breaks`` false and no spread limit). Without an agenda the answer is unchanged.
"""

from yeongilman.scheduling.model import Assignment, Instance, Schedule, Unscheduled
from yeongilman.scheduling.parsing import InstanceError, parse_instance
from yeongilman.scheduling.planner import plan

__all__ = [
    "Assignment",
    "Instance",
    "InstanceError",
    "Schedule",
    "Unscheduled",
    "parse_instance",
    "plan",
]
