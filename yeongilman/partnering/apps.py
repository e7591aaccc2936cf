from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartneringConfig(AppConfig):
    name = "yeongilman.partnering"
    verbose_name = _("Partnering")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the app's periodic work with the clock."""
        from yeongilman.jobs.periodic import register
        from yeongilman.partnering.tasks import remind_expiring_opportunities

        register(remind_expiring_opportunities, every="day")
