"""The daily work, in one list for every way a site runs it (systemd timer or the clock)."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def daily_tasks() -> list[Any]:
    """The daily tasks; each is safe to run twice on the same day."""
    from yeongilman.grants.tasks import remind_missing_agreement_documents
    from yeongilman.insights.tasks import remind_overdue_next_steps
    from yeongilman.jobs.tasks import prune_finished
    from yeongilman.matchmaking.tasks import rebuild_match_index
    from yeongilman.partnering.tasks import remind_expiring_opportunities
    from yeongilman.privacy.tasks import apply_retention

    return [
        apply_retention,
        remind_expiring_opportunities,
        remind_overdue_next_steps,
        remind_missing_agreement_documents,
        rebuild_match_index,
        prune_finished,
    ]


def enqueue_daily() -> int:
    """Queue the daily tasks for the task workers; returns how many were queued."""
    tasks = daily_tasks()
    for task in tasks:
        task.enqueue()
    log.info("queued %d daily tasks", len(tasks))
    return len(tasks)
