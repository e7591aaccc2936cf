"""Mail delivery, off the request and after the commit."""

from __future__ import annotations

from django_tasks import task

from yeongilman.core import lanes
from yeongilman.outbox import services


@task(queue_name=lanes.MAIL)
def deliver_mail(mail_id: int) -> str:
    """Send one queued mail (retried with backoff by the service)."""
    return services.mail_deliver(mail_id)


@task(queue_name=lanes.MAIL)
def retry_due_mail() -> int:
    """Queue every mail whose next attempt is due (run every minute by the clock)."""
    return services.mail_retry_due()
