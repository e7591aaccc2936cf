from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
from yeongilman.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.summary, name="summary"),
    path("all/", views.operators_dashboard, name="dashboard"),
    path("charts/<slug:key>.csv", views.chart_csv, name="chart_csv"),
    path("pipelines/<slug:kind>/", views.pipeline_list, name="pipeline"),
    path("pipelines/<slug:kind>/new/", views.pipeline_item, name="pipeline_new"),
    path("pipelines/<slug:kind>/<id:pk>/", views.pipeline_item, name="pipeline_item"),
    path("documents/<id:pk>/", views.pipeline_document, name="document"),
    path("report/", views.report, name="report"),
    path("report/<id:job_id>/download/", views.report_download, name="report_download"),
    path("rates/", views.rates, name="rates"),
    path("figures/import/", views.figures_import, name="import"),
    path("figures/<uslug:slug>/", views.figures, name="figures"),
]
