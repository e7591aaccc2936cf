from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "yeongilman.communications"
    label = "communications"
    verbose_name = _("Organiser communications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the app's periodic work, and mail the people whose meetings moved."""
        from yeongilman.communications.services import schedule_changes_notify
        from yeongilman.communications.tasks import (
            expire_meeting_requests,
            send_booking_nudges,
            send_due_messages,
            send_meeting_reminders,
        )
        from yeongilman.jobs.periodic import register
        from yeongilman.meetings.services import schedule_changed

        register(send_booking_nudges, every="day")
        register(expire_meeting_requests, every="day")
        register(send_due_messages, every="minute")
        register(send_meeting_reminders, every="minute")
        schedule_changed.connect(schedule_changes_notify)
