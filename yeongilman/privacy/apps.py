from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "yeongilman.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        """Register the app's periodic work with the clock."""
        from yeongilman.jobs.periodic import register
        from yeongilman.privacy.tasks import apply_retention

        register(apply_retention, every="day")
