"""Daily privacy work: retention."""

from __future__ import annotations

from django_tasks import task

from yeongilman.privacy import services


@task()
def apply_retention() -> dict[str, int]:
    """Erase what is past its retention period."""
    return services.retention_apply()
