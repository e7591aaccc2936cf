from django.urls import path

from yeongilman.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("meetings/<int:pk>/rate/", views.rate, name="rate"),
    path("meetings/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("events/<str:slug>/", views.event_outcomes, name="event"),
    path("events/<str:slug>/settings/", views.event_settings, name="settings"),
    path("events/<str:slug>/meetings/<int:pk>/no-show/", views.no_show, name="no_show"),
    path("links/", views.links, name="links"),
    path("links/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("visits/<int:pk>/link/", views.link, {"source": "visit"}, name="link_visit"),
    path(
        "introductions/<int:pk>/link/",
        views.link,
        {"source": "introduction"},
        name="link_introduction",
    ),  # fmt: skip
]
