"""Agendas on whole days: the priority total never pays for compactness, real-size days are
planned in full, and tiny days reach the optimum of breaks that brute force finds."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.scheduling.test_agenda import (
    AGENDA,
    _lunch_day,
    _meeting,
    _run,
    breaks_in,
    check_breaks,
)
from tests.scheduling.test_extensions import _day, brute_force_best, extended
from yeongilman.scheduling import parse_instance
from yeongilman.scheduling.bound import exact_priority
from yeongilman.scheduling.generate import generate_brokerage_day, generate_instance

# The lexicographic objective ------------------------------------------------------------


def test_no_meeting_or_priority_is_traded_for_compactness():
    data = generate_instance(40, 160, 6, tables=5, seed=11)  # more requests than places
    best, _bound, optimal = exact_priority(parse_instance(data), time_limit=60)
    assert optimal
    plain = _run(data, seconds=20)
    compact = _run({**data, "agenda": AGENDA}, seconds=20)
    assert plain["stats"]["priority_total"] == pytest.approx(best)
    assert compact["stats"]["priority_total"] == pytest.approx(best)
    assert compact["stats"]["scheduled"] < len(data["meetings"])  # the day really is full
    check_breaks({**data, "agenda": AGENDA}, compact)
    counts_plain = breaks_in(data, plain)
    assert compact["stats"]["breaks"]["total"] <= sum(counts_plain.values())


def test_a_generated_real_size_day_places_every_meeting_and_reports_breaks():
    data = generate_brokerage_day(70, 125, 21, seed=1)
    output = _run(data, seconds=20)
    assert output["stats"]["scheduled"] == len(data["meetings"])
    check_breaks(data, output)
    stats = output["stats"]["breaks"]
    assert stats["method"] == "exact" and stats["spread_met"]
    assert stats["lower_bound"] > 0  # the exact model proves something on a real day


# Small days against brute force ---------------------------------------------------------


@st.composite
def tiny_days(draw: st.DrawFn) -> dict:
    n_slots = draw(st.integers(3, 6))
    layout = draw(st.sampled_from(["lunch", "two days"]))
    slots = _lunch_day()[:n_slots] if layout == "lunch" else _day(n_slots)
    if layout == "lunch" and n_slots > 3:  # put the lunch pause inside the day
        slots = [*_lunch_day()[: n_slots // 2], *_lunch_day()[4 : 4 + n_slots - n_slots // 2]]
    slot_ids = [s["id"] for s in slots]
    people = []
    for p in range(draw(st.integers(2, 6))):
        entry: dict[str, Any] = {"id": f"p{p}"}
        if draw(st.integers(0, 2)) == 0:
            entry["available"] = draw(st.lists(st.sampled_from(slot_ids), min_size=2, unique=True))
        people.append(entry)
    meetings = []
    for m in range(draw(st.integers(1, 6))):
        pair = draw(st.lists(st.integers(0, len(people) - 1), min_size=2, max_size=2, unique=True))
        meeting = _meeting(f"m{m}", *(f"p{q}" for q in pair), priority=draw(st.integers(1, 2)))
        if draw(st.integers(0, 3)) == 0:
            meeting["allowed_slots"] = draw(
                st.lists(st.sampled_from(slot_ids), min_size=1, unique=True)
            )
        meetings.append(meeting)
    spread = draw(st.sampled_from([None, 0, 1, 2]))
    agenda: dict[str, Any] = {"minimise_breaks": True}
    if spread is not None:
        agenda["max_break_spread"] = spread
    return {
        "slots": slots,
        "tables": draw(st.integers(1, 3)),
        "participants": people,
        "meetings": meetings,
        "agenda": agenda,
    }


def brute_force_agenda(data: dict) -> tuple[int, int] | None:
    """(spread excess, total breaks) of the best schedule holding every meeting, trying every
    placement; None when no placement holds them all."""
    instance = parse_instance(data)
    slot_ids = [s["id"] for s in data["slots"]]
    free = {
        p.id: frozenset(slot_ids) if p.available is None else p.available
        for p in instance.participants
    }
    limit = data["agenda"].get("max_break_spread")
    options = []
    for meeting in instance.meetings:
        options.append(
            [
                s
                for s in slot_ids
                if (meeting.window is None or s in meeting.window)
                and all(s in free[p] for p in meeting.participants)
            ]
        )
    best = None
    for choice in itertools.product(*options):
        load: dict[str, int] = {}
        busy: set[tuple[str, str]] = set()
        ok = True
        for meeting, slot in zip(instance.meetings, choice, strict=True):
            load[slot] = load.get(slot, 0) + 1
            for pid in meeting.participants:
                ok = ok and (slot, pid) not in busy
                busy.add((slot, pid))
        if not ok or any(n > data["tables"] for n in load.values()):
            continue
        output = {
            "assignments": [
                {"meeting": m.id, "slot": s} for m, s in zip(instance.meetings, choice, strict=True)
            ]
        }
        counts = list(breaks_in(data, output).values())
        spread = max(counts) - min(counts)
        value = (0 if limit is None else max(0, spread - limit), sum(counts))
        best = value if best is None else min(best, value)
    return best


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_days())
def test_tiny_days_reach_the_brute_force_optimum_of_breaks_and_prove_it(data):
    best = brute_force_agenda(data)
    assume(best is not None)  # days where every meeting fits: the priority phase is settled
    output = _run(data, seconds=10)
    check_breaks(data, output)
    assert output["stats"]["scheduled"] == len(data["meetings"])
    stats = output["stats"]["breaks"]
    limit = data["agenda"].get("max_break_spread")
    excess = 0 if limit is None else max(0, stats["spread"] - limit)
    assert (excess, stats["total"]) == best
    assert stats["method"] == "exact"
    if excess == 0:
        assert stats["lower_bound"] == stats["total"]  # proven optimal


def test_large_days_get_the_local_method_without_losing_priority(monkeypatch):
    from yeongilman.scheduling import agenda

    monkeypatch.setattr(agenda, "EXACT_MEETINGS", 10)  # this day counts as large
    data = generate_brokerage_day(60, 110, 16, seed=3)
    plain = {k: v for k, v in data.items() if k != "agenda"}
    before = _run(plain, seconds=6)
    output = _run(data, seconds=6)
    check_breaks(data, output)
    stats = output["stats"]
    assert stats["breaks"]["method"] == "local"
    assert stats["priority_total"] == before["stats"]["priority_total"]
    assert stats["breaks"]["total"] <= sum(breaks_in(data, before).values())


def test_breaks_are_only_reported_when_not_to_be_minimised():
    data = generate_brokerage_day(30, 50, 12, seed=2)
    data["agenda"] = {"minimise_breaks": False}
    output = _run(data, seconds=4)
    check_breaks(data, output)
    assert output["stats"]["breaks"]["method"] == "none"
    assert output["stats"]["breaks"]["lower_bound"] == 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extended(max_meetings=4), st.sampled_from([None, 0, 1, 2]))
def test_agendas_keep_online_interpreter_and_limit_rules_and_the_priority_total(data, spread):
    agenda: dict[str, Any] = {} if spread is None else {"max_break_spread": spread}
    compact = {**data, "agenda": agenda}
    output = _run(compact, seconds=4)  # checks every rule, old and new
    check_breaks(compact, output)
    assert output["stats"]["priority_total"] == pytest.approx(brute_force_best(data))
