from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
from yeongilman.onsite import views

app_name = "onsite"
urlpatterns = [
    path("qr/<str:code>.png", views.qr_image, name="qr_image"),
    path("<uslug:slug>/check-in/", views.desk, name="desk"),
    path("<uslug:slug>/check-in/walk-in/", views.walk_in, name="walk_in"),
    path("<uslug:slug>/check-in/staff/", views.staff_add, name="staff_add"),
    path(
        "<uslug:slug>/check-in/<id:registration_id>/admit/",
        views.desk_check_in,
        name="desk_check_in",
    ),
    path(
        "<uslug:slug>/check-in/<id:registration_id>/badge.pdf",
        views.desk_badge,
        name="desk_badge",
    ),
    path(
        "<uslug:slug>/sessions/<id:session_id>/signup/",
        views.session_signup,
        name="session_signup",
    ),
    path(
        "<uslug:slug>/check-in/staff/<id:staff_id>/remove/",
        views.staff_remove,
        name="staff_remove",
    ),
]
