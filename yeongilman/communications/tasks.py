"""Background work of communications: each task only calls its service."""

from __future__ import annotations

from django_tasks import task

from yeongilman.communications import services


@task()
def send_message(message_id: int) -> int:
    """Send a scheduled message to its segment once it is due."""
    return services.message_deliver(message_id)


@task()
def send_due_messages() -> int:
    """Send scheduled messages that are due (every minute, for lost or undeferred tasks)."""
    return services.messages_due()


@task()
def send_meeting_reminders() -> int:
    """Remind people of their meetings at each event's reminder time (every minute)."""
    return services.reminders_send()


@task()
def send_booking_nudges() -> int:
    """Nudge participants without meeting requests (daily; each event's own period)."""
    return services.nudges_send()


@task()
def expire_meeting_requests() -> int:
    """Expire meeting requests left unanswered past each event's limit (daily)."""
    return services.requests_expire()
