from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "yeongilman.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from yeongilman.directory import synonyms  # noqa: F401 - connects its receivers
