"""Background work of partnering: reminders for opportunities about to expire."""

from __future__ import annotations

from django_tasks import task

from yeongilman.partnering import services


@task()
def remind_expiring_opportunities() -> int:
    """Remind owners of opportunities that expire soon (once per expiry date)."""
    return services.remind_expiring()
