from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
from yeongilman.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.call_edit, name="call_new"),
    path("applications/<id:pk>/", views.application_page, name="application"),
    path("applications/<id:pk>/autosave/", views.application_autosave, name="autosave"),
    path("applications/<id:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("files/<id:pk>/", views.file_download, name="file"),
    path("reviews/<id:pk>/", views.review_page, name="review"),
    path("reviews/<id:pk>/conflict/", views.review_conflict, name="conflict"),
    path("reviewing/", views.reviewing, name="reviewing"),
    path("applications/<id:pk>/appeal/", views.appeal_page, name="appeal"),
    path("<uslug:slug>/", views.call_page, name="call"),
    path("<uslug:slug>/apply/", views.application_start, name="start"),
    path("<uslug:slug>/edit/", views.call_edit, name="call_edit"),
    path("<uslug:slug>/form/", views.form_builder, name="form_builder"),
    path("<uslug:slug>/form/<id:pk>/", views.field_edit, name="field_edit"),
    path("<uslug:slug>/manage/", views.manage, name="manage"),
    path("<uslug:slug>/export.xlsx", views.export, name="export"),
    path("<uslug:slug>/audit/", views.audit, name="audit"),
    path(
        "<uslug:slug>/stages/<id:stage_id>/presentations/",
        views.presentations,
        name="presentations",
    ),  # fmt: skip
    path("<uslug:slug>/stages/<id:stage_id>/appeals/", views.appeals, name="appeals"),
]
