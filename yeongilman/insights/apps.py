from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "yeongilman.insights"
    verbose_name = _("Insights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the app's periodic work with the clock."""
        from yeongilman.insights.tasks import remind_overdue_next_steps
        from yeongilman.jobs.periodic import register

        register(remind_overdue_next_steps, every="day")
