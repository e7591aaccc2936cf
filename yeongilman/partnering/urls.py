from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
from yeongilman.partnering import views

app_name = "partnering"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.opportunity_new, name="new"),
    path("<id:pk>/", views.opportunity_page, name="detail"),
    path("<id:pk>/edit/", views.opportunity_edit, name="edit"),
    path("<id:pk>/status/", views.opportunity_status, name="status"),
    path("<id:pk>/interest/", views.interest_send, name="interest"),
    path("interests/<id:pk>/answer/", views.interest_answer, name="answer"),
    path("introductions/", views.introductions, name="introductions"),
    path("introductions/<id:pk>/", views.introduction_update, name="introduction"),
]
