from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
from yeongilman.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<id:job_id>/", views.job_page, name="detail"),
    path("<id:job_id>/cancel/", views.job_cancel, name="cancel"),
]
