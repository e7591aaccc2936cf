"""URL map: pages under a language prefix (/ko/, /en/), the JSON API under /api/v1."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from config.api import api
from yeongilman.core import views as core_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/switch/", core_views.switch_language, name="switch_language"),
    path("healthz", core_views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("yeongilman.core.urls")),
    path("accounts/", include("yeongilman.accounts.urls")),
    path("directory/", include("yeongilman.directory.urls")),
    path("events/", include("yeongilman.events.urls")),
    path("partnering/", include("yeongilman.partnering.urls")),
    path("programs/", include("yeongilman.programs.urls")),
    path("insights/", include("yeongilman.insights.urls")),
    path("jobs/", include("yeongilman.jobs.urls")),
    path("privacy/", include("yeongilman.privacy.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
