"""A URL map for the error-page tests: the site's own pages plus one view that fails."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_patterns
from yeongilman.core import error_pages

handler500 = error_pages.server_error


def broken(request: HttpRequest) -> HttpResponse:
    """Fail the way an unexpected bug does."""
    raise RuntimeError("boom")


urlpatterns = [path("en/broken/", broken), path("ko/broken/", broken), *site_patterns]
