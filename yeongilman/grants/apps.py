from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "yeongilman.grants"
    verbose_name = _("Agreements and milestones")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the app's periodic work with the clock."""
        from yeongilman.grants.tasks import remind_missing_agreement_documents
        from yeongilman.jobs.periodic import register

        register(remind_missing_agreement_documents, every="day")
