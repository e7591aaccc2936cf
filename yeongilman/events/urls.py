from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
import yeongilman.directory.urls  # noqa: F401 - registers the "uslug" converter (Korean slugs)
from yeongilman.events import archive_views, hybrid_views, matrix_views, views
from yeongilman.events import exhibitor_views as xv

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("archive/", archive_views.archive, name="archive"),
    path("<uslug:slug>/", views.event_page, name="detail"),
    path("<uslug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("<uslug:slug>/register/", views.register, name="register"),
    path("<uslug:slug>/cancel/", views.cancel, name="cancel"),
    path(
        "<uslug:slug>/exhibitors/<id:exhibitor_id>/",
        views.exhibitor_edit,
        name="exhibitor_edit",
    ),
    # The exhibitor portal, lead capture and the operator's stands table (exhibitor_views).
    path("<uslug:slug>/exhibitors/", xv.exhibitors_manage, name="exhibitors_manage"),
    path("<uslug:slug>/exhibitors/remind/", xv.exhibitors_remind, name="exhibitors_remind"),
    path("<uslug:slug>/floor-plan/", xv.floor_plan, name="floor_plan"),
    path("<uslug:slug>/stands/<id:exhibitor_id>/", xv.exhibitor_portal, name="exhibitor_portal"),
    path("<uslug:slug>/stands/<id:exhibitor_id>/team/", xv.exhibitor_team, name="exhibitor_team"),
    path("<uslug:slug>/stands/<id:exhibitor_id>/products/new/", xv.product_new, name="product_new"),
    path(
        "<uslug:slug>/stands/<id:exhibitor_id>/products/<id:product_id>/",
        xv.product_edit,
        name="product_edit",
    ),
    path(
        "<uslug:slug>/stands/<id:exhibitor_id>/products/<id:product_id>/delete/",
        xv.product_delete,
        name="product_delete",
    ),
    path("<uslug:slug>/stands/<id:exhibitor_id>/documents/", xv.document_add, name="document_add"),
    path(
        "<uslug:slug>/stands/<id:exhibitor_id>/documents/<id:document_id>/",
        xv.document_download,
        name="document",
    ),
    path(
        "<uslug:slug>/stands/<id:exhibitor_id>/documents/<id:document_id>/delete/",
        xv.document_delete,
        name="document_delete",
    ),
    path("<uslug:slug>/stands/<id:exhibitor_id>/leads/", xv.leads, name="leads"),
    path(
        "<uslug:slug>/stands/<id:exhibitor_id>/leads/export.xlsx",
        xv.leads_export,
        name="leads_export",
    ),
    path("<uslug:slug>/b2b/", views.b2b, name="b2b"),
    path("<uslug:slug>/b2b/request/<id:registration_id>/", views.send_request, name="send_request"),
    path("<uslug:slug>/b2b/answer/<id:request_id>/", views.answer_request, name="answer"),
    path("<uslug:slug>/b2b/availability/", views.availability, name="availability"),
    path("<uslug:slug>/b2b/manage/", views.manage, name="manage"),
    path("<uslug:slug>/b2b/matrix/", matrix_views.matrix, name="matrix"),
    path("<uslug:slug>/b2b/matrix.xlsx", matrix_views.matrix_xlsx, name="matrix_xlsx"),
    path("<uslug:slug>/b2b/runs/<id:run_id>/", views.run_status, name="run_status"),
    path("<uslug:slug>/b2b/move/<id:request_id>/", views.move, name="move"),
    path(
        "<uslug:slug>/b2b/meetings/<id:request_id>/",
        hybrid_views.meeting_update,
        name="meeting_update",
    ),
    path("<uslug:slug>/b2b/interpreters/", hybrid_views.interpreters, name="interpreters"),
    path(
        "<uslug:slug>/b2b/interpreters.xlsx",
        hybrid_views.interpreters_xlsx,
        name="interpreters_xlsx",
    ),
]
