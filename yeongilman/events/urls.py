"""Events: the list, the archive, an event's page, registration and its calendar file. A B2B
day's pages (meetings.urls) and the stand portal (exhibitors.urls) share the /events/ prefix."""

from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id" and "uslug"
from yeongilman.events import archive_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("archive/", archive_views.archive, name="archive"),
    path("<uslug:slug>/", views.event_page, name="detail"),
    path("<uslug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("<uslug:slug>/register/", views.register, name="register"),
    path("<uslug:slug>/cancel/", views.cancel, name="cancel"),
]
