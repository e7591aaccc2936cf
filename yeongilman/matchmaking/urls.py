"""Suggestion pages and feedback, under the partnering address (/partnering/...)."""

from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id" and "uslug"
from yeongilman.matchmaking import views

app_name = "matchmaking"
urlpatterns = [
    path("<id:pk>/suggestions/", views.opportunity_suggestions, name="opportunity_suggestions"),
    path("suggestions/<uslug:slug>/", views.organisation_suggestions, name="suggestions"),
    path("feedback/", views.feedback, name="feedback"),
]
