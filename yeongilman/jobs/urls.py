from django.urls import path

from yeongilman.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.system, name="system"),
    path("<int:job_id>/", views.job_page, name="detail"),
    path("<int:job_id>/cancel/", views.job_cancel, name="cancel"),
]
