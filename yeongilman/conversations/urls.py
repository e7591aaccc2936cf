"""Pages of conversations, under /<language>/messages/."""

from django.urls import path

import yeongilman.core.converters  # noqa: F401 - registers "id"
from yeongilman.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.start, name="start"),
    path("unread/", views.unread, name="unread"),
    path("new/<str:kind>/<id:subject_id>/", views.compose, name="compose"),
    path("settings/", views.settings_page, name="settings"),
    path("blocks/<id:pk>/delete/", views.unblock, name="unblock"),
    path("files/<id:pk>/", views.attachment, name="attachment"),
    path("messages/<id:pk>/language/", views.language, name="language"),
    path("messages/<id:pk>/translate/", views.translate, name="translate"),
    path("reports/", views.reports, name="reports"),
    path("reports/<id:pk>/", views.report_detail, name="report"),
    path("reports/<id:pk>/resolve/", views.resolve, name="resolve"),
    path("suspensions/<id:pk>/lift/", views.lift, name="lift"),
    path("figures/", views.figures, name="figures"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/poll/", views.poll, name="poll"),
    path("<id:pk>/draft/", views.draft, name="draft"),
    path("<id:pk>/mute/", views.mute, name="mute"),
    path("<id:pk>/block/", views.block, name="block"),
    path("<id:pk>/report/", views.report, name="report_send"),
    path("<id:pk>/link/", views.link, name="link"),
]
