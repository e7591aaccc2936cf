"""Daily privacy work: retention."""

from __future__ import annotations

from django_tasks import task

from yeongilman.core import lanes
from yeongilman.privacy import services


@task(queue_name=lanes.BULK)
def apply_retention() -> dict[str, int]:
    """Erase what is past its retention period."""
    return services.retention_apply()
