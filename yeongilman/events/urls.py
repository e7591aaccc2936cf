from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
import yeongilman.directory.urls  # noqa: F401 - registers the "uslug" converter (Korean slugs)
from yeongilman.events import hybrid_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("agenda/", views.agenda, name="agenda"),
    path("calendar/<str:token>.ics", views.personal_calendar, name="personal_calendar"),
    path("<uslug:slug>/", views.event_page, name="detail"),
    path("<uslug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("<uslug:slug>/register/", views.register, name="register"),
    path("<uslug:slug>/cancel/", views.cancel, name="cancel"),
    path(
        "<uslug:slug>/exhibitors/<id:exhibitor_id>/",
        views.exhibitor_edit,
        name="exhibitor_edit",
    ),
    path("<uslug:slug>/b2b/", views.b2b, name="b2b"),
    path("<uslug:slug>/b2b/request/<id:registration_id>/", views.send_request, name="send_request"),
    path("<uslug:slug>/b2b/answer/<id:request_id>/", views.answer_request, name="answer"),
    path("<uslug:slug>/b2b/availability/", views.availability, name="availability"),
    path("<uslug:slug>/b2b/manage/", views.manage, name="manage"),
    path("<uslug:slug>/b2b/runs/<id:run_id>/", views.run_status, name="run_status"),
    path("<uslug:slug>/b2b/move/<id:request_id>/", views.move, name="move"),
    path(
        "<uslug:slug>/b2b/meetings/<id:request_id>/",
        hybrid_views.meeting_update,
        name="meeting_update",
    ),
    path("<uslug:slug>/b2b/interpreters/", hybrid_views.interpreters, name="interpreters"),
    path(
        "<uslug:slug>/b2b/interpreters.xlsx",
        hybrid_views.interpreters_xlsx,
        name="interpreters_xlsx",
    ),
]
