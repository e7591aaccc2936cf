"""Agendas: meeting windows (`allowed_slots`), breaks, their spread, and the lexicographic
objective (priority first, then fewest breaks), checked against an independent count and, on
tiny days, against brute force."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from tests.scheduling.test_extensions import _day, check_extended_rules
from tests.scheduling.test_rules import _cli, _slots
from yeongilman.scheduling import InstanceError, parse_instance, plan
from yeongilman.scheduling.generate import generate_brokerage_day

AGENDA = {"minimise_breaks": True, "max_break_spread": 2}


def breaks_in(data: dict, output: dict) -> dict[str, int]:
    """Each participant's breaks, counted from the answer and the instance's raw times."""
    slots = sorted(data["slots"], key=lambda s: (datetime.fromisoformat(s["start"]), s["id"]))
    order = {s["id"]: i for i, s in enumerate(slots)}
    day = [datetime.fromisoformat(s["start"]).date() for s in slots]
    people: dict[str, set[int]] = {p["id"]: set() for p in data["participants"]}
    meetings = {m["id"]: m["participants"] for m in data["meetings"]}
    for a in output["assignments"]:
        for pid in meetings[a["meeting"]]:
            people[pid].add(order[a["slot"]])
    counts = {}
    for pid, used in people.items():
        runs = sum(1 for s in used if s - 1 not in used or day[s - 1] != day[s])
        days = len({day[s] for s in used})
        counts[pid] = runs - days
    return counts


def check_breaks(data: dict, output: dict) -> None:
    """The reported breaks agree with an independent count, and the bound is below them."""
    counts = breaks_in(data, output).values()
    stats = output["stats"]["breaks"]
    assert stats["total"] == sum(counts)
    assert (stats["max"], stats["min"]) == (max(counts), min(counts))
    assert stats["spread"] == max(counts) - min(counts)
    assert 0 <= stats["lower_bound"] <= stats["total"]
    limit = data.get("agenda", {}).get("max_break_spread")
    assert stats["spread_met"] == (limit is None or stats["spread"] <= limit)


def _run(data: dict, seconds: float = 5) -> dict:
    output = plan(parse_instance(data), time_limit=seconds).to_json()
    check_extended_rules(data, output)
    return output


def _meeting(mid: str, *people: str, **extra: Any) -> dict[str, Any]:
    return {"id": mid, "participants": list(people), **extra}


def _people(*ids: str, **extra: Any) -> list[dict[str, Any]]:
    return [{"id": pid, **extra} for pid in ids]


# Windows --------------------------------------------------------------------------------


def test_a_window_and_availability_together_leave_one_slot():
    data = {
        "slots": _slots(4),
        "tables": 2,
        "participants": [{"id": "a", "available": ["s0", "s1", "s2"]}, {"id": "b"}],
        "meetings": [_meeting("m", "a", "b", allowed_slots=["s2", "s3"])],
    }
    output = _run(data)
    assert [(a["meeting"], a["slot"]) for a in output["assignments"]] == [("m", "s2")]


def test_a_window_with_no_common_free_slot_is_named_as_the_reason():
    data = {
        "slots": _slots(4),
        "tables": 2,
        "participants": [{"id": "a", "available": ["s0", "s1"]}, {"id": "b"}],
        "meetings": [
            _meeting("m1", "a", "b", allowed_slots=["s2", "s3"]),
            _meeting("m2", "a", "b", allowed_slots=[]),
        ],
    }
    output = _run(data)
    assert output["assignments"] == []
    assert {u["meeting"] for u in output["unscheduled"]} == {"m1", "m2"}
    assert all("allowed_slots" in u["reason"] for u in output["unscheduled"])


def test_a_fixed_meeting_outside_its_window_is_reported_not_placed():
    data = {
        "slots": _slots(3),
        "tables": 2,
        "participants": _people("a", "b"),
        "meetings": [
            _meeting("m", "a", "b", allowed_slots=["s0"], fixed={"slot": "s2", "table": 1})
        ],
    }
    output = _run(data)
    assert output["assignments"] == []
    (missing,) = output["unscheduled"]
    assert "fixed" in missing["reason"] and "allowed_slots" in missing["reason"]


def test_windows_hold_on_a_generated_day():
    data = generate_brokerage_day(40, 80, 12, seed=5)
    output = _run(data, seconds=10)
    windows = {m["id"]: m.get("allowed_slots") for m in data["meetings"]}
    assert any(windows.values())
    for a in output["assignments"]:
        assert windows[a["meeting"]] is None or a["slot"] in windows[a["meeting"]]
    check_breaks(data, output)


# Counting breaks ------------------------------------------------------------------------


def _lunch_day() -> list[dict[str, Any]]:
    """Four morning slots, a 90-minute lunch, four afternoon slots (UTC+9)."""
    out = []
    for s in range(8):
        minute = 9 * 60 + 30 * s + (90 if s >= 4 else 0)
        start = f"2027-03-09T{minute // 60:02d}:{minute % 60:02d}:00+09:00"
        end_minute = minute + 25
        end = f"2027-03-09T{end_minute // 60:02d}:{end_minute % 60:02d}:00+09:00"
        out.append({"id": f"s{s}", "start": start, "end": end})
    return out


def _pinned(data: dict, placement: dict[str, str]) -> dict:
    tables: dict[str, int] = {}
    for meeting in data["meetings"]:
        slot = placement[meeting["id"]]
        tables[slot] = tables.get(slot, 0) + 1
        meeting["fixed"] = {"slot": slot, "table": tables[slot]}
    return data


def test_a_lunch_pause_is_no_break_but_a_free_slot_is():
    data = _pinned(
        {
            "slots": _lunch_day(),
            "tables": 4,
            "participants": _people("a", "b", "c", "d", "loner"),
            "agenda": {},
            "meetings": [
                _meeting("m1", "a", "b"),  # a: s3 then s4, across lunch: no break
                _meeting("m2", "a", "c"),
                _meeting("m3", "b", "d"),  # b: s3 and s5: one break
                _meeting("m4", "c", "d"),  # c: s4, s6; d: s5, s6
            ],
        },
        {"m1": "s3", "m2": "s4", "m3": "s5", "m4": "s6"},
    )
    output = _run(data)
    assert breaks_in(data, output) == {"a": 0, "b": 1, "c": 1, "d": 0, "loner": 0}
    check_breaks(data, output)
    assert output["stats"]["breaks"]["min"] == 0  # the loner, with no meeting, counts


def test_breaks_are_counted_per_calendar_day():
    slots = _day(8)  # s0..s3 on one day, s4..s7 on the next (UTC+9)
    data = _pinned(
        {
            "slots": slots,
            "tables": 2,
            "participants": _people("a", "b", "c"),
            "agenda": {"max_break_spread": 5},
            "meetings": [
                _meeting("m1", "a", "b"),
                _meeting("m2", "a", "c"),
                _meeting("m3", "a", "b"),
                _meeting("m4", "a", "c"),
            ],
        },
        # a: day one s0, s3 (1 break); day two s4, s5 (none). The night is no break.
        {"m1": "s0", "m2": "s3", "m3": "s4", "m4": "s5"},
    )
    output = _run(data)
    stats = output["stats"]["breaks"]
    assert breaks_in(data, output)["a"] == 1
    # b (s0, s4) and c (s3, s5) meet once a day: no breaks.
    assert (stats["total"], stats["max"], stats["spread"]) == (1, 1, 1)
    check_breaks(data, output)


def test_one_meeting_people_have_no_breaks_and_count_in_the_spread():
    data = {
        "slots": _slots(3),
        "tables": 3,
        "participants": _people("a", "b", "c"),
        "agenda": AGENDA,
        "meetings": [_meeting("m1", "a", "b")],
    }
    stats = _run(data)["stats"]["breaks"]
    assert stats == {
        "total": 0,
        "max": 0,
        "min": 0,
        "spread": 0,
        "lower_bound": 0,
        "spread_met": True,
        "method": "exact",
    }


# Spread ---------------------------------------------------------------------------------


def test_a_spread_that_cannot_be_met_is_said_and_kept_as_small_as_it_can_be():
    # a's pinned meetings leave three breaks; the loner has none, so the spread is 3 > 2.
    data = _pinned(
        {
            "slots": _slots(7),
            "tables": 2,
            "participants": _people("a", "b", "c", "loner"),
            "agenda": AGENDA,
            "meetings": [
                _meeting("m1", "a", "b"),
                _meeting("m2", "a", "c"),
                _meeting("m3", "a", "b"),
                _meeting("m4", "a", "c"),
            ],
        },
        {"m1": "s0", "m2": "s2", "m3": "s4", "m4": "s6"},
    )
    data["meetings"].append(_meeting("m5", "b", "c"))  # free to go anywhere
    stats = _run(data)["stats"]["breaks"]
    assert stats["spread_met"] is False
    assert stats["spread"] == 3 and stats["max"] == 3
    check_breaks(data, _run(data))


# Malformed new fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"agenda": {"minimise_breaks": "yes"}}, "'agenda': 'minimise_breaks' must be true"),
        ({"agenda": {"max_break_spread": -1}}, "'agenda': 'max_break_spread' must be a whole"),
        ({"agenda": {"max_break_spread": 1.5}}, "'agenda': 'max_break_spread' must be a whole"),
        ({"agenda": {"max_break_spread": True}}, "'agenda': 'max_break_spread' must be a whole"),
        ({"agenda": {"breaks": 2}}, "'agenda': unknown key 'breaks'"),
        ({"agenda": [1]}, "'agenda' must be an object"),
        ({"allowed_slots": "s0"}, "meeting 'm1': 'allowed_slots' must be a list"),
        ({"allowed_slots": ["s0", "s9"]}, "meeting 'm1': unknown slot 's9' in 'allowed_slots'"),
        ({"allowed_slots": [0]}, "meeting 'm1': slot in 'allowed_slots' must be an id"),
    ],
)
def test_malformed_new_fields_exit_2_naming_the_item(tmp_path, change, message):
    data: dict[str, Any] = {
        "slots": _slots(2),
        "tables": 1,
        "participants": _people("a", "b"),
        "meetings": [_meeting("m1", "a", "b")],
    }
    if "allowed_slots" in change:
        data["meetings"][0]["allowed_slots"] = change["allowed_slots"]
    else:
        data.update(change)
    with pytest.raises(InstanceError, match=message.replace("(", r"\(")):
        parse_instance(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = _cli(str(path))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_cli_reports_breaks_for_an_agenda(tmp_path):
    data = {
        "slots": _slots(3),
        "tables": 2,
        "participants": _people("a", "b", "c"),
        "agenda": AGENDA,
        "meetings": [_meeting("m1", "a", "b"), _meeting("m2", "a", "c")],
    }
    path = tmp_path / "day.json"
    path.write_text(json.dumps(data))
    result = _cli(str(path), "--time-limit", "5")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    check_breaks(data, output)
    assert output["stats"]["breaks"]["total"] == 0  # a meets b and c back to back
