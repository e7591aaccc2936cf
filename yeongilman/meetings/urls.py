"""Pages of a B2B meeting day, under the event's address (/events/<slug>/b2b/...)."""

from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id" and "uslug"
from yeongilman.meetings import hybrid_views, matrix_views, views

app_name = "meetings"
day = "<uslug:slug>/b2b"
urlpatterns = [
    path(f"{day}/", views.b2b, name="b2b"),
    path(f"{day}/request/<id:registration_id>/", views.send_request, name="send_request"),
    path(f"{day}/answer/<id:request_id>/", views.answer_request, name="answer"),
    path(f"{day}/availability/", views.availability, name="availability"),
    path(f"{day}/manage/", views.manage, name="manage"),
    path(f"{day}/matrix/", matrix_views.matrix, name="matrix"),
    path(f"{day}/matrix.xlsx", matrix_views.matrix_xlsx, name="matrix_xlsx"),
    path(f"{day}/runs/<id:run_id>/", views.run_status, name="run_status"),
    path(f"{day}/move/<id:request_id>/", views.move, name="move"),
    path(f"{day}/meetings/<id:request_id>/", hybrid_views.meeting_update, name="meeting_update"),
    path(f"{day}/interpreters/", hybrid_views.interpreters, name="interpreters"),
    path(f"{day}/interpreters.xlsx", hybrid_views.interpreters_xlsx, name="interpreters_xlsx"),
]
