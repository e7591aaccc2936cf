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
