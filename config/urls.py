"""URL map: pages under a language prefix (/ko/, /en/), the JSON API under /api/v1."""

from allauth.urls import build_provider_urlpatterns
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve

from config.api import api
from yeongilman.accounts import views as account_views
from yeongilman.core import error_pages
from yeongilman.portal import views as portal_views

handler500 = error_pages.server_error
handler404 = error_pages.page_not_found

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/switch/", account_views.switch_language, name="switch_language"),
    path("healthz", portal_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page links to.
    path(
        "favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "favicon.svg", permanent=True)
    ),
]

# Social log-in: allauth's provider and social-account pages only. Its own e-mail log-in and
# sign-up pages are not mounted (ours carry the consents); the names allauth redirects to lead
# to our pages.
social_patterns = [
    path("", include("allauth.socialaccount.urls")),
    *build_provider_urlpatterns(),
    path("login/", RedirectView.as_view(pattern_name="accounts:login"), name="account_login"),
    path("signup/", RedirectView.as_view(pattern_name="accounts:signup"), name="account_signup"),
    path("inactive/", RedirectView.as_view(pattern_name="accounts:login"), name="account_inactive"),
]

urlpatterns += i18n_patterns(
    # First: the composite pages keep /events/agenda/ and /jobs/system/ before the apps.
    path("", include("yeongilman.portal.urls")),
    path("accounts/", include("yeongilman.accounts.urls")),
    path("accounts/social/", include(social_patterns)),
    path("directory/", include("yeongilman.directory.urls")),
    path("events/", include("yeongilman.events.urls")),
    path("events/", include("yeongilman.meetings.urls")),
    path("events/", include("yeongilman.exhibitors.urls")),
    path("communications/", include("yeongilman.communications.urls")),
    path("onsite/", include("yeongilman.onsite.urls")),
    path("events/", include("yeongilman.onsite.printing.urls")),
    path("partnering/", include("yeongilman.partnering.urls")),
    path("partnering/", include("yeongilman.matchmaking.urls")),
    path("programs/", include("yeongilman.programs.urls")),
    path("outcomes/", include("yeongilman.outcomes.urls")),
    path("agreements/", include("yeongilman.grants.urls")),
    path("insights/", include("yeongilman.insights.urls")),
    path("jobs/", include("yeongilman.jobs.urls")),
    path("privacy/", include("yeongilman.privacy.urls")),
    path("messages/", include("yeongilman.conversations.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG or settings.YV_SERVE_MEDIA:
    # Production's nginx serves /media/ itself (deploy/nginx); this is for sites without it.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
