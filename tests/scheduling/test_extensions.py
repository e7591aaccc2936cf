"""Online meetings, interpreters and per-person limits: the rules always hold, the planner
finds the brute-force optimum on small days, the LP bound stays a bound, and instances that
use none of them keep the original answer shape."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scheduling.test_rules import _slots
from yeongilman.scheduling import InstanceError, parse_instance, plan
from yeongilman.scheduling.bound import exact_priority, lp_upper_bound
from yeongilman.scheduling.model import Instance
from yeongilman.scheduling.solver import solve

SEOUL = timezone(timedelta(hours=9))


def _day(n: int) -> list[dict[str, Any]]:
    """n back-to-back 25-minute slots every 30 minutes, then the next day's."""
    out = []
    for s in range(n):
        day, index = (6, s) if s < 4 else (7, s - 4)
        start = datetime(2027, 1, day, 9, tzinfo=SEOUL) + timedelta(minutes=30 * index)
        end = start + timedelta(minutes=25)
        out.append({"id": f"s{s}", "start": start.isoformat(), "end": end.isoformat()})
    return out


@st.composite
def extended(draw: st.DrawFn, max_meetings: int = 8) -> dict:
    n_slots = draw(st.integers(1, 6))
    slot_ids = [f"s{s}" for s in range(n_slots)]
    people = []
    for p in range(draw(st.integers(2, 5))):
        entry: dict = {"id": f"p{p}"}
        if draw(st.booleans()):
            entry["available"] = draw(st.lists(st.sampled_from(slot_ids), unique=True))
        if draw(st.integers(0, 3)) == 0:
            entry["max_meetings_per_day"] = draw(st.integers(1, 2))
        if draw(st.integers(0, 3)) == 0:
            entry["max_in_a_row"] = draw(st.integers(1, 2))
        people.append(entry)
    interpreters = [
        {"id": f"i{i}", "available": draw(st.lists(st.sampled_from(slot_ids), unique=True))}
        for i in range(draw(st.integers(0, 2)))
    ]
    meetings = []
    for m in range(draw(st.integers(0, max_meetings))):
        group = draw(st.lists(st.integers(0, len(people) - 1), min_size=2, max_size=2, unique=True))
        meetings.append(
            {
                "id": f"m{m}",
                "participants": [f"p{q}" for q in group],
                "priority": draw(st.integers(1, 3)),
                "online": draw(st.integers(0, 3)) == 0,
                "needs_interpreter": draw(st.integers(0, 2)) == 0,
            }
        )
    return {
        "slots": _day(n_slots),
        "tables": draw(st.integers(0, 2)),
        "participants": people,
        "interpreters": interpreters,
        "meetings": meetings,
    }


def _back_to_back(instance: Instance) -> list[bool]:
    return [False, *instance.back_to_back()]


def check_extended_rules(data: dict, output: dict) -> None:
    """Every rule, old and new, on the answer."""
    instance = parse_instance(data)
    slots = {s.id: i for i, s in enumerate(instance.slots)}
    capacity = {s.id: s.capacity for s in instance.slots}
    meetings = {m.id: m for m in instance.meetings}
    people = {p.id: p for p in instance.participants}
    placed = [a["meeting"] for a in output["assignments"]]
    assert sorted(placed + [u["meeting"] for u in output["unscheduled"]]) == sorted(meetings)
    tables: set[tuple[str, int]] = set()
    interpreters: set[tuple[str, str]] = set()
    busy: dict[str, set[int]] = {pid: set() for pid in people}
    for a in output["assignments"]:
        meeting = meetings[a["meeting"]]
        if meeting.online:
            assert a["table"] is None and a["online"] is True
        else:
            assert 1 <= a["table"] <= capacity[a["slot"]]
            assert (a["slot"], a["table"]) not in tables
            tables.add((a["slot"], a["table"]))
        if meeting.needs_interpreter:
            assert a["interpreter"] in instance.interpreters_in(a["slot"])
            assert (a["slot"], a["interpreter"]) not in interpreters
            interpreters.add((a["slot"], a["interpreter"]))
        else:
            assert "interpreter" not in a
        for pid in meeting.participants:
            free = people[pid].available
            assert free is None or a["slot"] in free
            assert slots[a["slot"]] not in busy[pid]
            busy[pid].add(slots[a["slot"]])
    linked = _back_to_back(instance)
    for pid, used in busy.items():
        person = people[pid]
        if person.max_per_day is not None:
            per_day: dict[object, int] = {}
            for s in used:
                day = instance.slots[s].start.date()
                per_day[day] = per_day.get(day, 0) + 1
            assert max(per_day.values(), default=0) <= person.max_per_day
        if person.max_in_a_row is not None:
            run = 0
            for s in range(len(instance.slots)):
                run = (run + 1 if linked[s] else 1) if s in used else 0
                assert run <= person.max_in_a_row, f"{pid} has {run} in a row"
    total = sum(meetings[m].priority for m in placed)
    assert output["stats"]["priority_total"] == pytest.approx(total)
    assert output["stats"]["upper_bound"] >= total - 1e-9


def brute_force_best(data: dict) -> float:
    """The best total priority over every assignment that keeps every rule."""
    instance = parse_instance(data)
    best = 0.0
    options = [[None, *range(len(instance.slots))] for _ in instance.meetings]
    for choice in itertools.product(*options):
        output: dict[str, Any] = {"assignments": [], "unscheduled": [], "stats": {}}
        ok = True
        load: dict[int, int] = {}
        interpreted: dict[int, int] = {}
        for meeting, slot in zip(instance.meetings, choice, strict=True):
            if slot is None:
                continue
            if meeting.online:
                table = None
            else:
                load[slot] = load.get(slot, 0) + 1
                table = load[slot]
            row: dict[str, Any] = {"meeting": meeting.id, "slot": instance.slots[slot].id}
            row["table"] = table
            if meeting.online:
                row["online"] = True
            if meeting.needs_interpreter:
                interpreted[slot] = interpreted.get(slot, 0) + 1
                free = instance.interpreters_in(instance.slots[slot].id)
                if interpreted[slot] > len(free):
                    ok = False
                    break
                row["interpreter"] = free[interpreted[slot] - 1]
            output["assignments"].append(row)
        if not ok:
            continue
        total = sum(
            m.priority for m, s in zip(instance.meetings, choice, strict=True) if s is not None
        )
        if total <= best:
            continue
        placed = {a["meeting"] for a in output["assignments"]}
        output["unscheduled"] = [{"meeting": m.id} for m in instance.meetings if m.id not in placed]
        output["stats"] = {"priority_total": total, "upper_bound": total}
        try:
            check_extended_rules(data, output)
        except AssertionError:
            continue
        best = total
    return best


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extended())
def test_heuristic_keeps_every_rule_with_online_interpreters_and_limits(data):
    check_extended_rules(data, solve(parse_instance(data), time_limit=1).to_json())


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extended(max_meetings=5))
def test_planner_finds_the_optimum_and_the_lp_bound_holds(data):
    instance = parse_instance(data)
    output = plan(instance, time_limit=5).to_json()
    check_extended_rules(data, output)
    best = brute_force_best(data)
    assert output["stats"]["priority_total"] == pytest.approx(best)
    assert lp_upper_bound(instance) >= best - 1e-6
    assert exact_priority(instance)[0] == pytest.approx(best)


def _people(*ids: str, **extra: Any) -> list[dict[str, Any]]:
    return [{"id": pid, **extra} for pid in ids]


def test_online_meetings_take_no_table():
    data = {
        "slots": _slots(1),
        "tables": 1,
        "participants": _people("a", "b", "c", "d"),
        "meetings": [
            {"id": "room", "participants": ["a", "b"]},
            {"id": "video", "participants": ["c", "d"], "online": True},
        ],
    }
    output = plan(parse_instance(data), time_limit=2).to_json()
    assert output["assignments"] == [
        {"meeting": "room", "slot": "s0", "table": 1},
        {"meeting": "video", "slot": "s0", "table": None, "online": True},
    ]
    assert output["stats"]["online"] == 1


def test_interpreted_meetings_go_where_an_interpreter_is_free_and_losers_are_named():
    data = {
        "slots": _slots(2),
        "tables": 5,
        "participants": _people("a", "b", "c", "d", "e", "f"),
        "interpreters": [{"id": "kim", "available": ["s1"]}],
        "meetings": [
            {"id": "m1", "participants": ["a", "b"], "needs_interpreter": True, "priority": 2},
            {"id": "m2", "participants": ["c", "d"], "needs_interpreter": True},
            {"id": "m3", "participants": ["e", "f"]},
        ],
    }
    output = plan(parse_instance(data), time_limit=2).to_json()
    placed = {a["meeting"]: a for a in output["assignments"]}
    assert placed["m1"]["slot"] == "s1" and placed["m1"]["interpreter"] == "kim"
    assert "interpreter" not in placed["m3"]
    assert output["unscheduled"] == [
        {"meeting": "m2", "reason": "every interpreter free in a common slot was booked"}
    ]
    assert output["stats"]["lost_for_interpreter"] == 1
    assert output["stats"]["upper_bound"] == 3


def test_no_interpreter_at_all_is_the_reason_given():
    data = {
        "slots": _slots(2),
        "tables": 2,
        "participants": _people("a", "b"),
        "meetings": [{"id": "m1", "participants": ["a", "b"], "needs_interpreter": True}],
    }
    output = plan(parse_instance(data), time_limit=1).to_json()
    assert output["unscheduled"] == [
        {"meeting": "m1", "reason": "no interpreter is available in a common free slot"}
    ]


def test_meetings_per_day_limit_holds_and_is_named():
    data = {
        "slots": _slots(4),
        "tables": 5,
        "limits": {"max_meetings_per_day": 2},
        "participants": _people("hub", "a", "b", "c"),
        "meetings": [{"id": f"m{x}", "participants": ["hub", x]} for x in "abc"],
    }
    output = plan(parse_instance(data), time_limit=2).to_json()
    check_extended_rules(data, output)
    assert output["stats"]["scheduled"] == 2
    assert output["unscheduled"][0]["reason"] == (
        "a participant reached their limit of meetings per day or in a row"
    )
    assert output["stats"]["upper_bound"] == 2


def test_a_free_slot_after_k_meetings_in_a_row():
    slots = _day(4)  # 09:00, 09:30, 10:00, 10:30: back to back
    data = {
        "slots": slots,
        "tables": 5,
        "participants": [{"id": "hub", "max_in_a_row": 2}, *_people("a", "b", "c", "d")],
        "meetings": [{"id": f"m{x}", "participants": ["hub", x]} for x in "abcd"],
    }
    output = plan(parse_instance(data), time_limit=2).to_json()
    check_extended_rules(data, output)
    hub_slots = sorted(a["slot"] for a in output["assignments"])
    assert len(hub_slots) == 3 and "s2" not in hub_slots  # two, a break, then one more


def test_a_long_break_counts_as_the_free_slot():
    data = {
        "slots": [
            {"id": "a", "start": "2027-01-06T09:00:00+09:00", "end": "2027-01-06T09:25:00+09:00"},
            {"id": "b", "start": "2027-01-06T10:30:00+09:00", "end": "2027-01-06T10:55:00+09:00"},
        ],
        "tables": 2,
        "participants": [{"id": "hub", "max_in_a_row": 1}, *_people("x", "y")],
        "meetings": [{"id": f"m{p}", "participants": ["hub", p]} for p in "xy"],
    }
    output = plan(parse_instance(data), time_limit=1).to_json()
    assert output["stats"]["scheduled"] == 2


def test_per_person_limits_override_the_instance_defaults():
    instance = parse_instance(
        {
            "slots": _slots(1),
            "tables": 1,
            "limits": {"max_meetings_per_day": 3, "max_in_a_row": 2},
            "participants": [{"id": "a", "max_meetings_per_day": 5}, {"id": "b"}],
        }
    )
    a, b = instance.participants
    assert (a.max_per_day, a.max_in_a_row) == (5, 2)
    assert (b.max_per_day, b.max_in_a_row) == (3, 2)


def test_an_instance_without_the_new_fields_keeps_the_original_shape():
    data = {
        "slots": _slots(2),
        "tables": 1,
        "participants": _people("a", "b"),
        "meetings": [{"id": "m1", "participants": ["a", "b"]}],
    }
    output = plan(parse_instance(data), time_limit=1).to_json()
    assert output["assignments"] == [{"meeting": "m1", "slot": "s0", "table": 1}]
    assert set(output["stats"]) == {"scheduled", "priority_total", "upper_bound", "seconds"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"limits": {"max_in_a_row": 0}}, "'max_in_a_row' must be at least 1"),
        ({"limits": []}, "'limits' must be an object"),
        ({"interpreters": [{"id": "i", "available": ["nope"]}]}, "unknown slot 'nope'"),
        ({"interpreters": [{"id": "i"}, {"id": "i"}]}, "interpreter 'i': duplicate id"),
        (
            {"meetings": [{"id": "m", "participants": ["a", "b"], "online": "yes"}]},
            "'online' must be true or false",
        ),
        (
            {
                "meetings": [
                    {
                        "id": "m",
                        "participants": ["a", "b"],
                        "online": True,
                        "fixed": {"slot": "s0", "table": 1},
                    }
                ]
            },
            "an online meeting takes no table",
        ),
    ],
)
def test_bad_extended_instances_are_refused_with_a_named_item(change, message):
    data = {"slots": _slots(2), "tables": 2, "participants": _people("a", "b"), **change}
    with pytest.raises(InstanceError, match=message):
        parse_instance(data)


def test_online_meeting_can_be_fixed_to_a_slot_alone():
    data = {
        "slots": _slots(2),
        "tables": 0,
        "participants": _people("a", "b"),
        "meetings": [
            {"id": "m", "participants": ["a", "b"], "online": True, "fixed": {"slot": "s1"}}
        ],
    }
    output = plan(parse_instance(data), time_limit=1).to_json()
    assert output["assignments"] == [{"meeting": "m", "slot": "s1", "table": None, "online": True}]
