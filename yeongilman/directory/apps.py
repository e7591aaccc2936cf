from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "yeongilman.directory"
    label = "directory"

    def ready(self) -> None:
        from yeongilman.directory import synonyms  # noqa: F401 - connects its receivers
