"""The daily work, in one list for every way a site runs it (systemd timer or the clock)."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def daily_tasks() -> list[Any]:
    """The daily tasks; each is safe to run twice on the same day."""
    from yeongilman.communications.tasks import expire_meeting_requests, send_booking_nudges
    from yeongilman.grants.tasks import remind_missing_agreement_documents
    from yeongilman.insights.tasks import remind_overdue_next_steps
    from yeongilman.jobs.tasks import prune_finished
    from yeongilman.matchmaking.tasks import rebuild_match_index
    from yeongilman.outcomes.tasks import ask_meeting_outcomes
    from yeongilman.partnering.tasks import remind_expiring_opportunities
    from yeongilman.privacy.tasks import apply_retention

    return [
        apply_retention,
        remind_expiring_opportunities,
        remind_overdue_next_steps,
        remind_missing_agreement_documents,
        ask_meeting_outcomes,
        rebuild_match_index,
        prune_finished,
        send_booking_nudges,
        expire_meeting_requests,
    ]


def enqueue_daily() -> int:
    """Queue the daily tasks for the task workers; returns how many were queued."""
    tasks = daily_tasks()
    for task in tasks:
        task.enqueue()
    log.info("queued %d daily tasks", len(tasks))
    return len(tasks)


def minutely_tasks() -> list[Any]:
    """The tasks queued every minute (by the clock or the every-minute timer): work that must
    not wait a day, such as a reminder 30 minutes before a meeting; each is safe to run twice
    or on two workers at once."""
    from yeongilman.communications.tasks import send_due_messages, send_meeting_reminders

    return [send_due_messages, send_meeting_reminders]


def enqueue_minutely() -> int:
    """Queue the every-minute tasks for the task workers; returns how many were queued."""
    tasks = minutely_tasks()
    for task in tasks:
        task.enqueue()
    return len(tasks)
