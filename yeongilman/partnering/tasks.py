"""Background work of partnering: reminders for opportunities about to expire. (The match
index tasks are in matchmaking; their names here let tasks queued before the move run.)"""

from __future__ import annotations

from django_tasks import task

from yeongilman.matchmaking.tasks import (  # noqa: F401 - tasks queued under these paths
    rebuild_match_index,
    rebuild_match_index_job,
    refresh_match_index,
)
from yeongilman.partnering import services


@task()
def remind_expiring_opportunities() -> int:
    """Remind owners of opportunities that expire soon (once per expiry date)."""
    return services.remind_expiring()
