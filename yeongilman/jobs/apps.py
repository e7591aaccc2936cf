from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "yeongilman.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from yeongilman.jobs import signals  # noqa: F401 - a starting task reaps lost jobs
        from yeongilman.jobs.periodic import register
        from yeongilman.jobs.tasks import prune_finished

        register(prune_finished, every="day")
