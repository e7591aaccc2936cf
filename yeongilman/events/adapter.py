"""Feed a B2B day to the scheduler library and write its answer back (the only Django side)."""

from __future__ import annotations

from typing import Any

from yeongilman.events.models import Event, RequestStatus
from yeongilman.scheduling import Schedule, parse_instance, plan


def instance_for(event: Event, *, keep_confirmed: bool) -> dict[str, Any]:
    """The scheduler's JSON instance for an event: slots, participants, accepted requests."""
    slots = list(event.slots.all())
    slot_ids = {slot.pk: f"s{slot.pk}" for slot in slots}
    requests = list(
        event.meeting_requests.filter(status=RequestStatus.ACCEPTED).select_related(
            "requester", "recipient", "slot"
        )
    )
    people: dict[int, set[str]] = {}
    registrations = {r.requester_id for r in requests} | {r.recipient_id for r in requests}
    blocked: dict[int, set[int]] = {reg: set() for reg in registrations}
    for reg_id, slot_id in event.registrations.filter(
        pk__in=registrations, unavailable__isnull=False
    ).values_list("pk", "unavailable__slot_id"):
        blocked[reg_id].add(slot_id)
    for reg in registrations:
        people[reg] = {slot_ids[s.pk] for s in slots if s.pk not in blocked[reg]}
    meetings = []
    for request in requests:
        meeting: dict[str, Any] = {
            "id": f"r{request.pk}",
            "participants": [f"p{request.requester_id}", f"p{request.recipient_id}"],
            "priority": request.priority,
        }
        if keep_confirmed and request.confirmed and request.slot_id and request.table:
            meeting["fixed"] = {"slot": slot_ids[request.slot_id], "table": request.table}
        meetings.append(meeting)
    return {
        "slots": [
            {
                "id": slot_ids[s.pk],
                "start": s.starts_at.isoformat(),
                "end": s.ends_at.isoformat(),
                "capacity": s.tables,
            }
            for s in slots
        ],
        "tables": event.b2b_tables,
        "participants": [
            {"id": f"p{reg}", "available": sorted(free)} for reg, free in people.items()
        ],
        "meetings": meetings,
    }


def run_scheduler(event: Event, *, keep_confirmed: bool, time_limit: float) -> Schedule:
    """Solve the event's B2B day (no database writes here)."""
    return plan(
        parse_instance(instance_for(event, keep_confirmed=keep_confirmed)), time_limit=time_limit
    )


def placements(schedule: Schedule) -> tuple[dict[int, tuple[int, int | None]], dict[int, str]]:
    """Request id → (slot id, table; None for an online meeting), and request id → reason for
    those left out."""
    placed = {int(a.meeting[1:]): (int(a.slot[1:]), a.table) for a in schedule.assignments}
    missing = {int(u.meeting[1:]): u.reason for u in schedule.unscheduled}
    return placed, missing
