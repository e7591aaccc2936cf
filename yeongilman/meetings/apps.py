from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """B2B meeting days: slots, tables, requests, meetings, interpreters, the scheduler runs."""

    name = "yeongilman.meetings"
    label = "meetings"
    verbose_name = _("B2B meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Cancel a registration's meeting requests when its place is given up; tell the
        suggestion cards where the viewer's meeting requests stand."""
        from yeongilman.events.services import registration_cancelled
        from yeongilman.matchmaking.selectors import meeting_states_collecting
        from yeongilman.meetings.selectors import meeting_states_with
        from yeongilman.meetings.services import requests_cancel_for_registration

        registration_cancelled.connect(requests_cancel_for_registration)
        meeting_states_collecting.connect(meeting_states_with)
