from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "yeongilman.matchmaking"
    verbose_name = _("Matchmaking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the match index fresh, and tell profiles what the viewer's meetings came to."""
        from yeongilman.directory.extensions import provide_profile_notes
        from yeongilman.jobs.periodic import register
        from yeongilman.matchmaking import signals  # noqa: F401 - keeps the match index fresh
        from yeongilman.matchmaking.explanations import profile_notes
        from yeongilman.matchmaking.tasks import rebuild_match_index

        register(rebuild_match_index, every="day")
        provide_profile_notes(profile_notes)
