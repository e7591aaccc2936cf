from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "yeongilman.outcomes"
    label = "outcomes"
    verbose_name = _("Meeting outcomes")

    def ready(self) -> None:
        """Register the app's periodic work, hand insights the meeting funnel and matchmaking
        what meetings came to."""
        from yeongilman.insights.extensions import provide_meeting_funnel
        from yeongilman.jobs.periodic import register
        from yeongilman.matchmaking.memory import provide_meeting_memory
        from yeongilman.outcomes.reports import funnel_tables
        from yeongilman.outcomes.selectors import funnels, good_meeting_pairs, pair_memory
        from yeongilman.outcomes.tasks import ask_meeting_outcomes

        register(ask_meeting_outcomes, every="day")
        provide_meeting_funnel(groups=funnels, tables=funnel_tables)
        provide_meeting_memory(history=pair_memory, good_pairs=good_meeting_pairs)
