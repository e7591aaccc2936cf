"""Background work of meeting outcomes: asking the sides of ended meetings, once each."""

from __future__ import annotations

from django_tasks import task

from yeongilman.outcomes import services


@task()
def ask_meeting_outcomes() -> int:
    """Ask both sides of meetings that ended how they went, and of meetings whose follow-up
    period ran out what came of them (each side once; a second run sends nothing)."""
    return services.outcomes_ask_due() + services.follow_ups_ask_due()
