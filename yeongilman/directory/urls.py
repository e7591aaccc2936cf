from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id" and "uslug"
from yeongilman.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.directory, name="list"),
    path("new/", views.organisation_new, name="new"),
    path("import/", views.import_view, name="import"),
    path("export/", views.export, name="export"),
    path("o/<uslug:slug>/", views.organisation_page, name="detail"),
    path("o/<uslug:slug>/edit/", views.organisation_edit, name="edit"),
    path("o/<uslug:slug>/people/new/", views.person_new, name="person_new"),
    path("o/<uslug:slug>/invite/", views.invite, name="invite"),
    path("people/<id:pk>/edit/", views.person_edit, name="person_edit"),
]
