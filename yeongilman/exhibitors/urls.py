"""The stand portal, lead capture and the operators' stands table, under the event's address."""

from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id" and "uslug"
from yeongilman.exhibitors import views

app_name = "exhibitors"
stand = "<uslug:slug>/stands/<id:exhibitor_id>"
urlpatterns = [
    path("<uslug:slug>/exhibitors/", views.exhibitors_manage, name="exhibitors_manage"),
    path("<uslug:slug>/exhibitors/<id:exhibitor_id>/", views.exhibitor_edit, name="exhibitor_edit"),
    path("<uslug:slug>/exhibitors/remind/", views.exhibitors_remind, name="exhibitors_remind"),
    path("<uslug:slug>/floor-plan/", views.floor_plan, name="floor_plan"),
    path(f"{stand}/", views.exhibitor_portal, name="exhibitor_portal"),
    path(f"{stand}/team/", views.exhibitor_team, name="exhibitor_team"),
    path(f"{stand}/products/new/", views.product_new, name="product_new"),
    path(f"{stand}/products/<id:product_id>/", views.product_edit, name="product_edit"),
    path(f"{stand}/products/<id:product_id>/delete/", views.product_delete, name="product_delete"),
    path(f"{stand}/documents/", views.document_add, name="document_add"),
    path(f"{stand}/documents/<id:document_id>/", views.document_download, name="document"),
    path(
        f"{stand}/documents/<id:document_id>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path(f"{stand}/leads/", views.leads, name="leads"),
    path(f"{stand}/leads/export.xlsx", views.leads_export, name="leads_export"),
]
