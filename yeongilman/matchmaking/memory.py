"""What suggestions remember of meetings held: pairs that met and what they said came of it.

Matchmaking stands below meetings and outcomes, which record the meetings and how they went.
The outcomes app hands this module its two reads at start-up (`OutcomesConfig.ready`, like
`insights.extensions.provide_meeting_funnel`); without it, suggestions remember nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from yeongilman.events.models import Event

NO_FIT = "no_fit"  # a side said the meeting showed no interest, and nobody saw cooperation
FOLLOW_UP = "follow_up"  # a side saw cooperation possible, or a follow-up is negotiating
MIN_PEERS = 2  # similar organisations that met a candidate well before it moves up


@dataclass(frozen=True)
class Met:
    """The latest telling meeting of an organisation with a partner, and what came of it."""

    organisation_id: int
    partner_id: int
    state: str  # NO_FIT or FOLLOW_UP
    event: Event
    met_at: dt.datetime


HistoryReader = Callable[[Collection[int]], list[Met]]
GoodPairsReader = Callable[[], list[tuple[int, int]]]

_history: HistoryReader | None = None
_good_pairs: GoodPairsReader | None = None


def provide_meeting_memory(*, history: HistoryReader, good_pairs: GoodPairsReader) -> None:
    """Called once by the app that records outcomes: the pairs of given organisations that met
    with a telling outcome (both directions), and every pair that met with a good outcome."""
    global _history, _good_pairs
    _history, _good_pairs = history, good_pairs


def met_partners(organisation_ids: Collection[int]) -> dict[int, dict[int, Met]]:
    """For each given organisation: the partners it met with a telling outcome, by id."""
    out: dict[int, dict[int, Met]] = defaultdict(dict)
    if _history is None or not organisation_ids:
        return out
    for met in sorted(_history(organisation_ids), key=lambda m: m.met_at):
        out[met.organisation_id][met.partner_id] = met  # the latest one wins
    return out


def good_pairs() -> list[tuple[int, int]]:
    """Every (organisation, partner) pair, both ways, that met with a good outcome."""
    return _good_pairs() if _good_pairs is not None else []


def peers_who_met_well(
    subject_id: int,
    similar: Callable[[int], bool],
    pairs: Iterable[tuple[int, int]],
    skip: Collection[int] = (),
) -> dict[int, int]:
    """Candidates that at least MIN_PEERS distinct organisations similar to the subject met
    with a good outcome, with how many did; the subject's own meetings and `skip` are left out
    (one meeting, or one enthusiastic organisation, never decides)."""
    peers: dict[int, set[int]] = defaultdict(set)
    for organisation_id, partner_id in pairs:
        if subject_id in (organisation_id, partner_id) or partner_id in skip:
            continue
        if similar(organisation_id):
            peers[partner_id].add(organisation_id)
    return {pk: len(who) for pk, who in peers.items() if len(who) >= MIN_PEERS}
