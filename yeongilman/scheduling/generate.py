"""Realistic random instances for benchmarks and tests (plain data, as the CLI reads it).

Shape: a few popular investors and corporates receive far more requests than others; some
people are free only in the morning or the afternoon; about 5 % of meetings have three people;
priorities 1–3, mostly 1.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any

PACIFIC = timezone(timedelta(hours=-8))


def generate_instance(
    participants: int,
    requests: int,
    slots: int,
    *,
    tables: int | None = None,
    seed: int = 0,
    hybrid: bool = False,
) -> dict[str, Any]:
    """A B2B meeting day with `requests` accepted meeting requests over `slots` slots.

    `hybrid` adds the optional rules: a fifth of the meetings online, about one in seven
    needing Korean–English interpretation from a few interpreters with their own hours,
    and limits of 10 meetings a day and 4 in a row for everyone."""
    rng = random.Random(seed)
    day = datetime(2027, 1, 6, 9, 0, tzinfo=PACIFIC)
    slot_list = []
    for s in range(slots):
        start = day + timedelta(minutes=30 * s + (60 if s >= slots // 2 else 0))  # lunch break
        slot_list.append(
            {
                "id": f"s{s}",
                "start": start.isoformat(),
                "end": (start + timedelta(minutes=25)).isoformat(),
            }
        )
    morning = [f"s{s}" for s in range(slots // 2)]
    afternoon = [f"s{s}" for s in range(slots // 2, slots)]
    people = []
    for p in range(participants):
        entry: dict[str, Any] = {"id": f"p{p}"}
        roll = rng.random()
        if roll < 0.1:
            entry["available"] = morning
        elif roll < 0.2:
            entry["available"] = afternoon
        elif roll < 0.3:
            entry["available"] = rng.sample([f"s{s}" for s in range(slots)], k=max(1, slots - 3))
        people.append(entry)
    # Popularity: a few hubs (investors, corporates) attract most requests (Zipf-like).
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(participants)]
    order = list(range(participants))
    rng.shuffle(order)
    popular = [order[i] for i in range(participants)]
    meetings: list[dict[str, Any]] = []
    seen: set[tuple[int, ...]] = set()
    while len(meetings) < requests:
        host = rng.choices(popular, weights=weights)[0]
        guest = rng.randrange(participants)
        group = {host, guest}
        if rng.random() < 0.05:
            group.add(rng.randrange(participants))
        if len(group) < 2:
            continue
        key = tuple(sorted(group))
        if key in seen:
            continue
        seen.add(key)
        priority = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        meetings.append(
            {
                "id": f"m{len(meetings)}",
                "participants": [f"p{q}" for q in key],
                "priority": priority,
            }
        )
    if tables is None:
        tables = max(1, int(requests / slots * 0.9))
    instance = {"slots": slot_list, "tables": tables, "participants": people, "meetings": meetings}
    if hybrid:
        _add_hybrid_rules(instance, rng)
    return instance


def _add_hybrid_rules(instance: dict[str, Any], rng: random.Random) -> None:
    slot_ids = [slot["id"] for slot in instance["slots"]]
    for meeting in instance["meetings"]:
        roll = rng.random()
        if roll < 0.2:
            meeting["online"] = True
        elif roll < 0.34:
            meeting["needs_interpreter"] = True
    interpreters = max(2, len(instance["meetings"]) // len(slot_ids) // 10)
    instance["interpreters"] = [
        {"id": f"i{i}", "available": rng.sample(slot_ids, k=max(1, len(slot_ids) * 3 // 4))}
        for i in range(interpreters)
    ]
    instance["limits"] = {"max_meetings_per_day": 10, "max_in_a_row": 4}


def generate_brokerage_day(
    participants: int,
    meetings: int,
    slots: int,
    *,
    tables: int | None = None,
    window_share: float = 0.2,
    seed: int = 0,
) -> dict[str, Any]:
    """A brokerage day of real shape, with an `agenda` asking for compact days (spread 2).

    `slots` 20-minute slots, the first half in the morning and the rest after a 70-minute
    lunch; every participant is away in up to three random slots; a few popular people hold
    many meetings (never more than they have free slots, less two); `window_share` of the
    meetings may only be held in the morning or the afternoon (`allowed_slots`), chosen so
    that both people are free there. `tables` defaults to the fewest that leave a tenth of
    the day's places free, kept within 10..30. Meetings are pairs, priorities 1 to 3."""
    rng = random.Random(seed)
    start = datetime(2027, 3, 9, 9, 0, tzinfo=timezone(timedelta(hours=9)))
    half = slots // 2
    slot_list = []
    for s in range(slots):
        begin = start + timedelta(minutes=20 * s + (70 if s >= half else 0))
        end = begin + timedelta(minutes=20)
        slot_list.append({"id": f"s{s}", "start": begin.isoformat(), "end": end.isoformat()})
    away = [set(rng.sample(range(slots), k=rng.randint(0, 3))) for _ in range(participants)]
    room = [slots - len(a) - 2 for a in away]
    weights = [1.0 / (rank + 1) ** 0.7 for rank in range(participants)]
    degree = [0] * participants
    chosen: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    attempts = 0
    while len(chosen) < meetings and attempts < 200 * meetings:
        attempts += 1
        a = rng.choices(range(participants), weights=weights)[0]
        b = rng.randrange(participants)
        key = (min(a, b), max(a, b))
        if a == b or key in seen or degree[a] >= room[a] or degree[b] >= room[b]:
            continue
        seen.add(key)
        chosen.append(key)
        degree[a] += 1
        degree[b] += 1
    morning, afternoon = set(range(half)), set(range(half, slots))
    meeting_list: list[dict[str, Any]] = []
    for n, (a, b) in enumerate(chosen):
        entry: dict[str, Any] = {
            "id": f"m{n}",
            "participants": [f"p{a}", f"p{b}"],
            "priority": rng.choices([1, 2, 3], weights=[70, 20, 10])[0],
        }
        if rng.random() < window_share:
            part = rng.choice([morning, afternoon])
            if len(part - away[a] - away[b]) >= 2:
                entry["allowed_slots"] = [f"s{s}" for s in sorted(part)]
        meeting_list.append(entry)
    if tables is None:
        tables = min(30, max(10, -(-len(chosen) * 10 // (9 * slots))))
    people = [
        {"id": f"p{p}", "available": [f"s{s}" for s in range(slots) if s not in away[p]]}
        for p in range(participants)
    ]
    return {
        "slots": slot_list,
        "tables": tables,
        "participants": people,
        "meetings": meeting_list,
        "agenda": {"minimise_breaks": True, "max_break_spread": 2},
    }
