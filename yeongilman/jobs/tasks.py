"""Housekeeping of the queue itself."""

from __future__ import annotations

from django_tasks import task

from yeongilman.core import lanes
from yeongilman.jobs import services


@task(queue_name=lanes.BULK)
def prune_finished() -> int:
    """Delete the queue backend's records of tasks finished more than two weeks ago."""
    return services.task_results_prune(days=14)
