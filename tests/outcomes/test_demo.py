"""The demo outcomes load once and give the funnel something to show."""

from __future__ import annotations

from yeongilman.outcomes import selectors
from yeongilman.outcomes.demo import load_demo_outcomes
from yeongilman.outcomes.models import OutcomeLink


def test_demo_outcomes_load_once_with_a_full_funnel(operator):
    assert load_demo_outcomes(operator) == 1
    assert load_demo_outcomes(operator) == 0
    (row,) = selectors.funnel("event")
    # Without the member and partner demo accounts: the five meetings among the others.
    assert row.counts == {"requested": 5, "accepted": 4, "held": 2, "negotiation": 2,
                          "agreement": 1}  # fmt: skip
    assert OutcomeLink.objects.filter(confirmed=True, meeting__isnull=False).count() == 1
