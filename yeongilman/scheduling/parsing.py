"""Read and validate an instance; every error names the item at fault."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from yeongilman.scheduling.model import (
    Agenda,
    Instance,
    Interpreter,
    Meeting,
    Participant,
    Slot,
)


class InstanceError(ValueError):
    """The instance is malformed; the message says which item and why."""


# Bounds on what one instance may hold, so a hostile or broken file fails fast and clearly.
MAX_ITEMS = 200_000
MAX_CAPACITY = 10_000
MAX_PRIORITY = 1e6
MAX_ID_LENGTH = 200


# The keys each object of an instance may have; any other is an error naming the item (a
# misspelt "capacty" would otherwise be ignored and the default used without a word).
INSTANCE_KEYS = ("tables", "slots", "limits", "participants", "interpreters", "meetings", "agenda")
SLOT_KEYS = ("id", "start", "end", "capacity")
LIMIT_KEYS = ("max_meetings_per_day", "max_in_a_row")
PARTICIPANT_KEYS = ("id", "available", *LIMIT_KEYS)
INTERPRETER_KEYS = ("id", "available")
MEETING_KEYS = (
    "id", "participants", "priority", "fixed", "online", "needs_interpreter", "allowed_slots",
)  # fmt: skip
FIXED_KEYS = ("slot", "table")


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InstanceError(message)


def _object(value: Any, where: str, known: tuple[str, ...]) -> dict[str, Any]:
    """`value` as an object holding only `known` keys; otherwise an error naming `where`."""
    _require(isinstance(value, dict), f"{where} must be an object, not {_kind(value)}")
    for key in value:
        _require(key in known, f"{where}: unknown key {str(key)!r:.60} (known: {', '.join(known)})")
    return dict(value)


def _kind(value: Any) -> str:
    """How JSON calls the type of a value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _time(value: Any, where: str) -> datetime:
    _require(isinstance(value, str), f"{where}: time must be an ISO 8601 string")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InstanceError(f"{where}: '{value}' is not an ISO 8601 date-time") from None
    _require(moment.tzinfo is not None, f"{where}: '{value}' needs a UTC offset, e.g. +09:00")
    return moment


def _count(value: Any, where: str, limit: int = MAX_CAPACITY) -> int:
    _require(
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit,
        f"{where} must be a whole number from 0 to {limit}",
    )
    return int(value)


def _id(value: Any, where: str) -> str:
    _require(isinstance(value, str) and value != "", f"{where}: id must be a non-empty string")
    _require(len(value) <= MAX_ID_LENGTH, f"{where}: id is longer than {MAX_ID_LENGTH}")
    _require(_encodable(value), f"{where}: id is not valid Unicode text")
    return str(value)


def _encodable(text: str) -> bool:
    """False for strings with lone surrogates (JSON can spell them; UTF-8 cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reference(value: Any, known: dict[str, Any], where: str, what: str, context: str = "") -> str:
    """An id that must name a known item (a list or a number in its place is an error)."""
    _require(
        isinstance(value, str),
        f"{where}: {what}{context} must be an id (a string), not {value!r:.40}",
    )
    _require(value in known, f"{where}: unknown {what} '{value:.60}'{context}")
    return str(value)


def _flag(raw: dict[str, Any], key: str, where: str) -> bool:
    """An optional true/false field (absent means false)."""
    value = raw.get(key, False)
    _require(isinstance(value, bool), f"{where}: '{key}' must be true or false")
    return bool(value)


def _limits(
    raw: Any, where: str, inherited: tuple[int | None, int | None]
) -> tuple[int | None, int | None]:
    """Per-person limits (`max_meetings_per_day`, `max_in_a_row`), each a whole number of at
    least 1; what is not given is inherited."""
    per_day, in_a_row = inherited
    if "max_meetings_per_day" in raw:
        per_day = _count(raw["max_meetings_per_day"], f"{where}: 'max_meetings_per_day'")
        _require(per_day >= 1, f"{where}: 'max_meetings_per_day' must be at least 1")
    if "max_in_a_row" in raw:
        in_a_row = _count(raw["max_in_a_row"], f"{where}: 'max_in_a_row'")
        _require(in_a_row >= 1, f"{where}: 'max_in_a_row' must be at least 1")
    return per_day, in_a_row


def _availability(raw: dict[str, Any], slots: dict[str, Slot], where: str) -> frozenset[str] | None:
    available = raw.get("available")
    if available is None:
        return None
    return frozenset(
        _reference(sid, slots, where, "slot", " in 'available'")
        for sid in _list(available, f"{where}: 'available'")
    )


AGENDA_KEYS = ("minimise_breaks", "max_break_spread")


def _agenda(raw: Any) -> Agenda | None:
    """The optional `agenda` object: `minimise_breaks` (true/false, default true) and
    `max_break_spread` (a whole number from 0; absent means no limit)."""
    if raw is None:
        return None
    _require(isinstance(raw, dict), "'agenda' must be an object")
    for key in raw:
        _require(
            key in AGENDA_KEYS,
            f"'agenda': unknown key {str(key)!r:.60} (known: {', '.join(AGENDA_KEYS)})",
        )
    minimise = raw.get("minimise_breaks", True)
    _require(isinstance(minimise, bool), "'agenda': 'minimise_breaks' must be true or false")
    spread = None
    if "max_break_spread" in raw:
        spread = _count(raw["max_break_spread"], "'agenda': 'max_break_spread'")
    return Agenda(bool(minimise), spread)


def _list(value: Any, where: str) -> list[Any]:
    _require(isinstance(value, list), f"{where} must be a list")
    _require(len(value) <= MAX_ITEMS, f"{where} has more than {MAX_ITEMS} items")
    return list(value)


def parse_instance(data: Any) -> Instance:
    """Validate a decoded JSON instance and return it as plain data (slots in time order)."""
    _require(isinstance(data, dict), "the instance must be a JSON object")
    _object(data, "the instance", INSTANCE_KEYS)
    slots_data = _list(data.get("slots"), "'slots'")
    default_tables = data.get("tables")
    if default_tables is not None:
        default_tables = _count(default_tables, "'tables'")

    slots: dict[str, Slot] = {}
    for n, raw in enumerate(slots_data):
        _require(isinstance(raw, dict), f"slot #{n + 1} must be an object")
        slot_id = _id(raw.get("id"), f"slot #{n + 1}")
        where = f"slot '{slot_id}'"
        _object(raw, where, SLOT_KEYS)
        _require(slot_id not in slots, f"{where}: duplicate id")
        start, end = _time(raw.get("start"), where), _time(raw.get("end"), where)
        _require(end > start, f"{where}: end must be after start")
        if "capacity" in raw:
            capacity = _count(raw["capacity"], f"{where}: capacity")
        else:
            _require(
                default_tables is not None,
                f"{where}: has no capacity and the instance has no 'tables'",
            )
            capacity = int(default_tables)
        slots[slot_id] = Slot(slot_id, start, end, capacity)

    limits = data.get("limits", {})
    _require(isinstance(limits, dict), "'limits' must be an object")
    _object(limits, "'limits'", LIMIT_KEYS)
    default_limits = _limits(limits, "'limits'", (None, None))

    participants_data = _list(data.get("participants", []), "'participants'")
    participants: dict[str, Participant] = {}
    for n, raw in enumerate(participants_data):
        _require(isinstance(raw, dict), f"participant #{n + 1} must be an object")
        pid = _id(raw.get("id"), f"participant #{n + 1}")
        where = f"participant '{pid}'"
        _object(raw, where, PARTICIPANT_KEYS)
        _require(pid not in participants, f"{where}: duplicate id")
        per_day, in_a_row = _limits(raw, where, default_limits)
        participants[pid] = Participant(pid, _availability(raw, slots, where), per_day, in_a_row)

    interpreters: dict[str, Interpreter] = {}
    for n, raw in enumerate(_list(data.get("interpreters", []), "'interpreters'")):
        _require(isinstance(raw, dict), f"interpreter #{n + 1} must be an object")
        iid = _id(raw.get("id"), f"interpreter #{n + 1}")
        where = f"interpreter '{iid}'"
        _object(raw, where, INTERPRETER_KEYS)
        _require(iid not in interpreters, f"{where}: duplicate id")
        interpreters[iid] = Interpreter(iid, _availability(raw, slots, where))

    meetings_data = _list(data.get("meetings", []), "'meetings'")
    meetings: dict[str, Meeting] = {}
    for n, raw in enumerate(meetings_data):
        _require(isinstance(raw, dict), f"meeting #{n + 1} must be an object")
        mid = _id(raw.get("id"), f"meeting #{n + 1}")
        meetings[mid] = _meeting(raw, mid, meetings, slots, participants)

    agenda = _agenda(data.get("agenda"))
    ordered = tuple(sorted(slots.values(), key=lambda s: (s.start, s.end, s.id)))
    instance = Instance(
        ordered,
        tuple(participants.values()),
        tuple(meetings.values()),
        tuple(interpreters.values()),
        agenda,
    )
    _check_fixed(instance)
    return instance


def _meeting(
    raw: dict[str, Any],
    mid: str,
    meetings: dict[str, Meeting],
    slots: dict[str, Slot],
    participants: dict[str, Participant],
) -> Meeting:
    where = f"meeting '{mid}'"
    _require(mid not in meetings, f"{where}: duplicate id")
    _object(raw, where, MEETING_KEYS)
    people = [
        _reference(pid, participants, where, "participant")
        for pid in _list(raw.get("participants"), f"{where}: 'participants'")
    ]
    _require(len(people) >= 2, f"{where}: needs at least two participants")
    _require(len(set(people)) == len(people), f"{where}: a participant is listed twice")
    priority = raw.get("priority", 1)
    _require(
        isinstance(priority, int | float) and not isinstance(priority, bool),
        f"{where}: priority must be a number",
    )
    _require(
        isinstance(priority, float) or abs(priority) <= MAX_PRIORITY,
        f"{where}: priority must be at most {MAX_PRIORITY:g}",
    )
    priority = float(priority)
    _require(math.isfinite(priority) and priority > 0, f"{where}: priority must be positive")
    _require(priority <= MAX_PRIORITY, f"{where}: priority must be at most {MAX_PRIORITY:g}")
    window = None
    if raw.get("allowed_slots") is not None:
        window = frozenset(
            _reference(sid, slots, where, "slot", " in 'allowed_slots'")
            for sid in _list(raw["allowed_slots"], f"{where}: 'allowed_slots'")
        )
    online = _flag(raw, "online", where)
    needs_interpreter = _flag(raw, "needs_interpreter", where)
    fixed = raw.get("fixed")
    fixed_slot = fixed_table = None
    if fixed is not None:
        _require(isinstance(fixed, dict), f"{where}: 'fixed' must be an object")
        _object(fixed, f"{where}: 'fixed'", FIXED_KEYS)
        fixed_slot = _reference(fixed.get("slot"), slots, where, "fixed slot")
        if online:  # a video call takes no table
            _require("table" not in fixed, f"{where}: an online meeting takes no table")
        else:
            fixed_table = _count(fixed.get("table"), f"{where}: fixed table")
            capacity = slots[fixed_slot].capacity
            _require(
                1 <= fixed_table <= capacity,
                f"{where}: fixed table {fixed_table} is outside 1..{capacity} of slot "
                f"'{fixed_slot}'",
            )
    return Meeting(
        mid, tuple(people), priority, fixed_slot, fixed_table, online, needs_interpreter, window
    )


def _check_fixed(instance: Instance) -> None:
    """Two pinned meetings may not share a table, or a participant, in one slot."""
    tables: dict[tuple[str, int], str] = {}
    people: dict[tuple[str, str], str] = {}
    for meeting in instance.meetings:
        if meeting.fixed_slot is None:
            continue
        if meeting.fixed_table is not None:
            key = (meeting.fixed_slot, meeting.fixed_table)
            _require(
                key not in tables,
                f"meeting '{meeting.id}': table {key[1]} of slot '{key[0]}' is already fixed "
                f"for meeting '{tables.get(key)}'",
            )
            tables[key] = meeting.id
        for pid in meeting.participants:
            pkey = (meeting.fixed_slot, pid)
            _require(
                pkey not in people,
                f"meeting '{meeting.id}': participant '{pid}' is already fixed in slot "
                f"'{meeting.fixed_slot}' for meeting '{people.get(pkey)}'",
            )
            people[pkey] = meeting.id
