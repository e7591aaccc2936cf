"""Events: the list, the archive, an event's page, registration and its calendar file. A B2B
day's pages (meetings.urls) and the stand portal (exhibitors.urls) share the /events/ prefix."""

from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id" and "uslug"
from yeongilman.events import archive_views, setup_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("archive/", archive_views.archive, name="archive"),
    path("new/", setup_views.event_new, name="new"),
    path("<uslug:slug>/", views.event_page, name="detail"),
    path("<uslug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("<uslug:slug>/register/", views.register, name="register"),
    path("<uslug:slug>/cancel/", views.cancel, name="cancel"),
    # Set-up (operators): details, programme, a delegation's stops, a pavilion's exhibitors.
    path("<uslug:slug>/edit/", setup_views.event_edit, name="edit"),
    path("<uslug:slug>/cancel-event/", setup_views.event_cancel, name="event_cancel"),
    path("<uslug:slug>/programme/", setup_views.programme, name="programme"),
    path(
        "<uslug:slug>/programme/<id:pk>/delete/", setup_views.session_delete, name="session_delete"
    ),
    path("<uslug:slug>/itinerary/", setup_views.itinerary, name="itinerary"),
    path("<uslug:slug>/itinerary/<id:pk>/delete/", setup_views.visit_delete, name="visit_delete"),
    path("<uslug:slug>/setup/exhibitors/", setup_views.exhibitors_setup, name="exhibitors_setup"),
    path(
        "<uslug:slug>/setup/exhibitors/<id:pk>/remove/",
        setup_views.exhibitor_remove,
        name="exhibitor_remove",
    ),
]
