"""The demo outcomes load once and give the funnel something to show."""

from __future__ import annotations

from collections import Counter

from yeongilman.meetings.models import MeetingRequest
from yeongilman.outcomes import selectors
from yeongilman.outcomes.demo import load_demo_outcomes
from yeongilman.outcomes.models import OutcomeLink


def test_demo_outcomes_load_once_with_a_full_funnel(operator):
    assert load_demo_outcomes(operator) == 1
    assert load_demo_outcomes(operator) == 0
    (row,) = selectors.funnel("event")
    # Without the member and partner demo accounts: the five meetings among the others.
    assert row.counts == {"requested": 5, "talked": 0, "accepted": 4, "held": 2,
                          "negotiation": 2, "agreement": 1}  # fmt: skip
    assert OutcomeLink.objects.filter(confirmed=True, meeting__isnull=False).count() == 1


def test_demo_meetings_keep_the_days_rules(operator):
    """The demo day reads as a real one: no table given twice in a slot, nobody twice in one."""
    load_demo_outcomes(operator)
    placed = MeetingRequest.objects.filter(slot__isnull=False)
    assert placed.count() >= 4
    tables = Counter((m.slot_id, m.table) for m in placed)
    people = Counter((m.slot_id, r) for m in placed for r in (m.requester_id, m.recipient_id))
    assert max(tables.values()) == 1 and max(people.values()) == 1
