from django.urls import path

from yeongilman.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.directory, name="list"),
    path("new/", views.organisation_new, name="new"),
    path("import/", views.import_view, name="import"),
    path("export/", views.export, name="export"),
    path("o/<slug:slug>/", views.organisation_page, name="detail"),
    path("o/<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("o/<slug:slug>/people/new/", views.person_new, name="person_new"),
    path("o/<slug:slug>/invite/", views.invite, name="invite"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
]
