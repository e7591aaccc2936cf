from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "yeongilman.core"
    label = "core"
