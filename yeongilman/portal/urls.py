"""Addresses of the composite pages; each keeps the path it had in the app it came from."""

from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id" and "uslug"
from yeongilman.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("events/agenda/", views.agenda, name="agenda"),
    path("events/calendar/<str:token>.ics", views.personal_calendar, name="personal_calendar"),
    path("jobs/system/", views.system, name="system"),
    path("operations/", views.operations, name="operations"),
    path("events/<uslug:slug>/control/", views.event_control, name="event_control"),
    path("programs/<uslug:slug>/control/", views.call_control, name="call_control"),
]
