from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
from yeongilman.grants import views

app_name = "grants"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<id:pk>/", views.agreement_page, name="agreement"),
    path("milestones/<id:pk>/report/", views.report_page, name="report"),
    path("documents/<id:pk>/", views.document_file, name="document"),
    path("calls/<uslug:slug>/", views.call_agreements, name="call"),
    path("calls/<uslug:slug>/letters/", views.letters, name="letters"),
]
