from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "yeongilman.conversations"
    label = "conversations"
    verbose_name = _("Conversations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the periodic work, link meetings booked by people who talk, hand the
        funnel its "talked" count, offer subjects' pages their conversation, and join
        privacy's download and erasure."""
        from yeongilman.conversations import selectors, services
        from yeongilman.conversations.tasks import apply_message_retention, send_message_notices
        from yeongilman.core.talk import provide_talk_links
        from yeongilman.jobs.periodic import register
        from yeongilman.meetings.extensions import provide_talked
        from yeongilman.meetings.services import meeting_requested
        from yeongilman.privacy.services import account_forgetting, personal_data_collecting

        register(send_message_notices, every="minute")
        register(apply_message_retention, every="day")
        meeting_requested.connect(services.meeting_requested)
        provide_talked(selectors.talked_about_meeting)
        provide_talk_links(selectors.talk_links_for)
        account_forgetting.connect(services.messages_forget)
        personal_data_collecting.connect(services.personal_records)
