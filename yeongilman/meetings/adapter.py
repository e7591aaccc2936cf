"""Feed a B2B day to the scheduler library and write its answer back (the only Django side)."""

from __future__ import annotations

from typing import Any

from yeongilman.events.models import Event
from yeongilman.meetings.models import MeetingMode, RequestStatus
from yeongilman.meetings.windows import allowed_slot_ids
from yeongilman.scheduling import Schedule, parse_instance, plan


def instance_for(
    event: Event, *, keep_confirmed: bool, agenda: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The scheduler's JSON instance for an event: slots, participants, accepted requests with
    their time windows, the day's interpreters, the event's per-person limits and, when given,
    the `agenda` rules (compact agendas, the largest spread of breaks)."""
    slots = list(event.slots.all())
    slot_ids = {slot.pk: f"s{slot.pk}" for slot in slots}
    requests = list(
        event.meeting_requests.filter(status=RequestStatus.ACCEPTED)
        .select_related("requester", "recipient", "slot")
        .prefetch_related("window_slots")
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
        online = request.mode == MeetingMode.ONLINE
        if online:
            meeting["online"] = True
        if request.needs_interpreter:
            meeting["needs_interpreter"] = True
        window = allowed_slot_ids(request, slots, event.time_zone)
        if window is not None:
            meeting["allowed_slots"] = [slot_ids[pk] for pk in window]
        # A kept interpreted meeting keeps its slot; the scheduler names a free interpreter.
        if keep_confirmed and request.confirmed and request.slot_id:
            if online:
                meeting["fixed"] = {"slot": slot_ids[request.slot_id]}
            elif request.table:
                meeting["fixed"] = {"slot": slot_ids[request.slot_id], "table": request.table}
        meetings.append(meeting)
    instance: dict[str, Any] = {
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
    interpreters = []
    for interpreter in event.interpreters.prefetch_related("available_slots"):
        row: dict[str, Any] = {"id": f"i{interpreter.pk}"}
        free = [slot_ids[s.pk] for s in interpreter.available_slots.all() if s.pk in slot_ids]
        if free or interpreter.available_slots.all():  # none chosen: free in every slot
            row["available"] = sorted(free)
        interpreters.append(row)
    if interpreters:
        instance["interpreters"] = interpreters
    limits = {
        key: value
        for key, value in (
            ("max_meetings_per_day", event.max_meetings_per_day),
            ("max_in_a_row", event.max_in_a_row),
        )
        if value
    }
    if limits:
        instance["limits"] = limits
    if agenda is not None:
        instance["agenda"] = agenda
    return instance


def agenda_rules(*, compact: bool, max_spread: int | None) -> dict[str, Any]:
    """The instance's `agenda`: compact agendas with the largest spread of breaks, or (off)
    breaks only counted, so a run always reports them."""
    if not compact:
        return {"minimise_breaks": False}
    rules: dict[str, Any] = {"minimise_breaks": True}
    if max_spread is not None:
        rules["max_break_spread"] = max_spread
    return rules


def run_scheduler(
    event: Event,
    *,
    keep_confirmed: bool,
    time_limit: float,
    compact: bool = False,
    max_spread: int | None = None,
) -> Schedule:
    """Solve the event's B2B day (no database writes here); breaks are always reported."""
    instance = instance_for(
        event,
        keep_confirmed=keep_confirmed,
        agenda=agenda_rules(compact=compact, max_spread=max_spread),
    )
    return plan(parse_instance(instance), time_limit=time_limit)


Placement = tuple[int, int | None, int | None]


def placements(schedule: Schedule) -> tuple[dict[int, Placement], dict[int, str]]:
    """Request id → (slot id, table or None for an online meeting, interpreter id or None),
    and request id → the scheduler's reason for those left out."""
    placed = {
        int(a.meeting[1:]): (
            int(a.slot[1:]),
            a.table,
            int(a.interpreter[1:]) if a.interpreter else None,
        )
        for a in schedule.assignments
    }
    missing = {int(u.meeting[1:]): u.reason for u in schedule.unscheduled}
    return placed, missing
