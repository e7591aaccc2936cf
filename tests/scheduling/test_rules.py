"""The scheduler never breaks a rule, finds the optimum where brute force can check it,
and rejects malformed instances with a message that names the item."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yeongilman.scheduling import InstanceError, parse_instance, plan
from yeongilman.scheduling.solver import solve

ROOT = Path(__file__).resolve().parents[2]


def _slots(n: int, capacity: int | None = None) -> list[dict[str, Any]]:
    out = []
    for s in range(n):
        slot: dict[str, Any] = {
            "id": f"s{s}",
            "start": f"2027-01-06T{9 + s:02d}:00:00-08:00",
            "end": f"2027-01-06T{9 + s:02d}:25:00-08:00",
        }
        if capacity is not None:
            slot["capacity"] = capacity
        out.append(slot)
    return out


@st.composite
def instances(draw: st.DrawFn, max_meetings: int = 9) -> dict:
    n_slots = draw(st.integers(1, 4))
    n_people = draw(st.integers(2, 6))
    tables = draw(st.integers(0, 3))
    slot_ids = [f"s{s}" for s in range(n_slots)]
    people = []
    for p in range(n_people):
        entry: dict = {"id": f"p{p}"}
        if draw(st.booleans()):
            entry["available"] = draw(st.lists(st.sampled_from(slot_ids), unique=True))
        people.append(entry)
    meetings = []
    for m in range(draw(st.integers(0, max_meetings))):
        group = draw(st.lists(st.integers(0, n_people - 1), min_size=2, max_size=3, unique=True))
        meetings.append(
            {
                "id": f"m{m}",
                "participants": [f"p{q}" for q in group],
                "priority": draw(st.integers(1, 3)),
            }
        )
    return {
        "slots": _slots(n_slots),
        "tables": tables,
        "participants": people,
        "meetings": meetings,
    }


def check_rules(data: dict, output: dict) -> None:
    """The contract: each meeting once; no person or table twice in a slot; availability."""
    instance = parse_instance(data)
    capacity = {s.id: s.capacity for s in instance.slots}
    free = {p.id: p.available for p in instance.participants}
    meetings = {m.id: m for m in instance.meetings}
    placed = [a["meeting"] for a in output["assignments"]]
    missing = [u["meeting"] for u in output["unscheduled"]]
    assert sorted(placed + missing) == sorted(meetings), "every meeting exactly once"
    seen_people, seen_tables = set(), set()
    for a in output["assignments"]:
        assert 1 <= a["table"] <= capacity[a["slot"]]
        assert (a["slot"], a["table"]) not in seen_tables
        seen_tables.add((a["slot"], a["table"]))
        for pid in meetings[a["meeting"]].participants:
            allowed = free[pid]
            assert allowed is None or a["slot"] in allowed
            assert (a["slot"], pid) not in seen_people
            seen_people.add((a["slot"], pid))
    total = sum(meetings[m].priority for m in placed)
    assert output["stats"]["priority_total"] == pytest.approx(total)
    assert output["stats"]["scheduled"] == len(placed)
    assert output["stats"]["upper_bound"] >= total - 1e-9


def brute_force_best(data: dict) -> float:
    """The best total priority by trying every assignment (tiny instances only)."""
    instance = parse_instance(data)
    slots = [s.id for s in instance.slots]
    options = []
    for meeting in instance.meetings:
        allowed = [None] + [
            s
            for s in slots
            if all(
                p.available is None or s in p.available
                for p in instance.participants
                if p.id in meeting.participants
            )
        ]
        options.append(allowed)
    capacity = {s.id: s.capacity for s in instance.slots}
    best = 0.0
    for choice in itertools.product(*options):
        used: dict[str, int] = {}
        people: set[tuple[str, str]] = set()
        ok = True
        for meeting, slot in zip(instance.meetings, choice, strict=True):
            if slot is None:
                continue
            used[slot] = used.get(slot, 0) + 1
            for pid in meeting.participants:
                if (slot, pid) in people:
                    ok = False
                people.add((slot, pid))
        if ok and all(used[s] <= capacity[s] for s in used):
            best = max(
                best, sum(m.priority for m, s in zip(instance.meetings, choice, strict=True) if s)
            )
    return best


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_heuristic_never_breaks_a_rule(data):
    schedule = solve(parse_instance(data), time_limit=1)
    check_rules(data, schedule.to_json())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_meetings=6))
def test_planner_finds_the_brute_force_optimum(data):
    output = plan(parse_instance(data), time_limit=5).to_json()
    check_rules(data, output)
    assert output["stats"]["priority_total"] == pytest.approx(brute_force_best(data))


def test_fixed_meetings_keep_their_slot_and_table():
    data = {
        "slots": _slots(2),
        "tables": 3,
        "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "meetings": [
            {"id": "m1", "participants": ["a", "b"], "fixed": {"slot": "s1", "table": 3}},
            {"id": "m2", "participants": ["a", "c"], "priority": 3},
            {"id": "m3", "participants": ["b", "c"], "priority": 3},
        ],
    }
    output = plan(parse_instance(data), time_limit=2).to_json()
    check_rules(data, output)
    placed = {a["meeting"]: (a["slot"], a["table"]) for a in output["assignments"]}
    assert placed["m1"] == ("s1", 3)


def test_fixed_meeting_in_an_unavailable_slot_is_reported_not_placed():
    data = {
        "slots": _slots(2),
        "tables": 2,
        "participants": [{"id": "a", "available": ["s0"]}, {"id": "b"}],
        "meetings": [{"id": "m1", "participants": ["a", "b"], "fixed": {"slot": "s1", "table": 1}}],
    }
    output = plan(parse_instance(data), time_limit=1).to_json()
    assert output["assignments"] == []
    assert output["unscheduled"][0]["meeting"] == "m1"
    assert "fixed" in output["unscheduled"][0]["reason"]


def test_no_common_slot_is_the_reason_given():
    data = {
        "slots": _slots(2),
        "tables": 2,
        "participants": [{"id": "a", "available": ["s0"]}, {"id": "b", "available": ["s1"]}],
        "meetings": [{"id": "m7", "participants": ["a", "b"]}],
    }
    output = plan(parse_instance(data), time_limit=1).to_json()
    assert output["unscheduled"] == [{"meeting": "m7", "reason": "no common free slot"}]


def test_per_slot_capacity_overrides_tables():
    data = {
        "slots": [*_slots(1, capacity=1)],
        "tables": 40,
        "participants": [{"id": f"p{i}"} for i in range(4)],
        "meetings": [
            {"id": "m1", "participants": ["p0", "p1"]},
            {"id": "m2", "participants": ["p2", "p3"], "priority": 2},
        ],
    }
    output = plan(parse_instance(data), time_limit=1).to_json()
    assert [a["meeting"] for a in output["assignments"]] == ["m2"]
    assert output["assignments"][0]["table"] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["meetings"].append({"id": "m9", "participants": ["a", "zz"]}), "'zz'"),
        (
            lambda d: d["meetings"].append({"id": "m1", "participants": ["a", "b"]}),
            "'m1': duplicate",
        ),
        (lambda d: d["slots"].append(dict(d["slots"][0])), "'s0': duplicate"),
        (lambda d: d["slots"][0].update(start="yesterday"), "'s0'"),
        (lambda d: d["slots"][0].update(end=d["slots"][0]["start"]), "end must be after start"),
        (lambda d: d["meetings"][0].update(priority=-1), "'m1': priority must be positive"),
        (lambda d: d["meetings"][0].update(participants=["a"]), "at least two"),
        (lambda d: d["meetings"][0].update(fixed={"slot": "s0", "table": 9}), "outside 1..2"),
        (lambda d: d["participants"][0].update(available=["nope"]), "unknown slot 'nope'"),
        (lambda d: d.pop("tables"), "has no capacity"),
    ],
)
def test_malformed_instances_name_the_item(change, message):
    data = {
        "slots": _slots(1),
        "tables": 2,
        "participants": [{"id": "a"}, {"id": "b"}],
        "meetings": [{"id": "m1", "participants": ["a", "b"]}],
    }
    change(data)
    with pytest.raises(InstanceError, match=message):
        parse_instance(data)


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the project's own CLI
        [sys.executable, "-m", "yeongilman.scheduling", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_prints_the_schedule_as_json(tmp_path):
    data = {
        "slots": _slots(2),
        "tables": 1,
        "participants": [{"id": "p1", "available": ["s0", "s1"]}, {"id": "p2"}, {"id": "p3"}],
        "meetings": [
            {"id": "m1", "participants": ["p1", "p2"], "priority": 2},
            {"id": "m2", "participants": ["p2", "p3"]},
        ],
    }
    path = tmp_path / "day.json"
    path.write_text(json.dumps(data))
    result = _cli(str(path), "--time-limit", "5")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) == {"assignments", "unscheduled", "stats"}
    assert set(output["stats"]) == {"scheduled", "priority_total", "upper_bound", "seconds"}
    check_rules(data, output)
    assert output["stats"]["priority_total"] == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"slots": [], "meetings": [{"id": "m1", "participants": ["x", "y"]}]}', "'x'"),
        (
            '{"slots": [{"id": "s0", "start": "2027-01-06T09:00", "end": "2027-01-06T10:00"}]}',
            "UTC offset",
        ),
    ],
)
def test_cli_rejects_bad_input_without_a_traceback(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = _cli(str(path))
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_cli_missing_file_is_a_clear_error():
    result = _cli("/nonexistent/instance.json")
    assert result.returncode == 2 and "cannot read" in result.stderr


SLOT = '{"id": "s0", "start": "2027-01-06T09:00:00-08:00", "end": "2027-01-06T09:30:00-08:00"}'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # wrong JSON types where an id is expected
        (f'{{"slots": [{SLOT}], "tables": 1, '
         '"participants": [{"id": "p", "available": [["s0"]]}]}',
         "participant 'p': slot in 'available' must be an id"),
        (f'{{"slots": [{SLOT}], "tables": 1, "participants": [{{"id": "a"}}], "meetings": '
         '[{"id": "m", "participants": [{"id": "a"}, "a"]}]}', "meeting 'm': participant must be"),
        (f'{{"slots": [{SLOT}], "tables": 1, "participants": [{{"id": "a"}}, {{"id": "b"}}], '
         '"meetings": [{"id": "m", "participants": ["a", "b"], "fixed": {"slot": ["s0"], '
         '"table": 1}}]}', "meeting 'm': fixed slot must be an id"),
        ('{"slots": [{"id": 7}]}', "slot #1: id must be a non-empty string"),
        # numbers too large
        (f'{{"slots": [{SLOT}], "tables": 100000000000000000000}}', "'tables' must be a whole"),
        (f'{{"slots": [{SLOT}], "tables": 1, "participants": [{{"id": "a"}}, {{"id": "b"}}], '
         '"meetings": [{"id": "m", "participants": ["a", "b"], "priority": 1e400}]}',
         "meeting 'm': priority must be positive"),
        ('{"tables": 1' + "0" * 5000 + "}", "not valid JSON"),
        # nesting too deep, invalid Unicode
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ('{"slots": [{"id": "\\ud800", "start": "x", "end": "y"}]}', "not valid Unicode"),
    ],
)  # fmt: skip
def test_cli_names_the_item_of_every_malformed_instance(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = _cli(str(path))
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_cli_refuses_invalid_utf8(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"slots": [{"id": "\xff\xfe"}]}')
    result = _cli(str(path))
    assert result.returncode == 2 and "not valid JSON" in result.stderr


@pytest.mark.parametrize("limit", ["nan", "inf", "-inf", "-1", "0", "ten"])
def test_cli_time_limit_must_be_a_finite_positive_number(tmp_path, limit):
    path = tmp_path / "day.json"
    path.write_text(f'{{"slots": [{SLOT}], "tables": 1}}')
    result = _cli(str(path), f"--time-limit={limit}")
    assert result.returncode == 2 and "--time-limit" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
