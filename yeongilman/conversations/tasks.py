"""Background work of conversations: each task only calls its service."""

from __future__ import annotations

from django_tasks import task

from yeongilman.conversations import services
from yeongilman.core import lanes


@task()
def send_message_notices() -> int:
    """Mail the notices and digests that are due (every minute, and after a message)."""
    return services.notices_send()


@task(queue_name=lanes.BULK)
def apply_message_retention() -> dict[str, int]:
    """Erase messages past YV_RETENTION_MESSAGES_DAYS (daily; nothing when unlimited)."""
    return services.messages_retention_apply()
