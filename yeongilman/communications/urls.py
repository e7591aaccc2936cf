from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
from yeongilman.communications import views

app_name = "communications"
urlpatterns = [
    path("templates/", views.templates, name="templates"),
    path("templates/<str:kind>/", views.template_edit, name="template_edit"),
    path("<uslug:slug>/", views.messages_log, name="messages"),
    path("<uslug:slug>/compose/", views.compose, name="compose"),
    path("<uslug:slug>/messages/<id:message_id>/", views.message_detail, name="message"),
    path("<uslug:slug>/messages/<id:message_id>/cancel/", views.cancel, name="cancel"),
    path("<uslug:slug>/settings/", views.settings_page, name="settings"),
]
