from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "yeongilman.directory"
    label = "directory"
