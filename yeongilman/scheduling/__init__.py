"""The B2B meeting scheduler: plain Python, no Django. See `solve` and `parse_instance`.

Command line: python -m yeongilman.scheduling INSTANCE.json [--time-limit SECONDS]
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
