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
