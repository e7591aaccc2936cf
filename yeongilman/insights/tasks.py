"""Background work of insights: reminders of overdue next steps."""

from __future__ import annotations

from django_tasks import task

from yeongilman.insights import services


@task()
def remind_overdue_next_steps() -> int:
    """Mail owners of pipeline items whose next step is overdue (once per due date)."""
    return services.remind_overdue()
