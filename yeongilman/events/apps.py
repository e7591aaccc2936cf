from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "yeongilman.events"
    label = "events"
