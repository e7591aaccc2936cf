"""The pages shown when the server fails: no database, no user, the address's language.

While the database is unreachable (a connection refused or dropped) a request answers 503 with
`Retry-After` instead of 500, as JSON under /api/ and as a page elsewhere; an unknown address
under /api/ answers the API's JSON 404 instead of the HTML page.
"""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

# Errors that mean "the database cannot be reached now" rather than "the code is wrong".
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _language(request: HttpRequest) -> str:
    prefix = request.path.strip("/").split("/", 1)[0]
    if prefix in dict(settings.LANGUAGES):
        return prefix
    if request.path.startswith("/api/"):
        return translation.get_language_from_request(request) or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After, rendered without touching the database."""
    language = _language(request)
    with translation.override(language):
        message = _("The database cannot be reached at the moment. Please try again shortly.")
        if _is_api(request):
            response: HttpResponse = JsonResponse({"detail": message}, status=503)
        else:
            try:
                body = loader.get_template("503.html").render(
                    {"language": language, "message": message}
                )
            except Exception:  # the page about an error must not raise one of its own
                body = "<h1>Service unavailable · 서비스 일시 중단</h1>"
            response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the language of the address, without touching the database (which may
    be what failed): no context processors, no user, only the template and static files. When
    what failed is the connection to the database, the 503 answer instead."""
    if isinstance(sys.exc_info()[1], DATABASE_UNREACHABLE):
        return database_unavailable(request)
    language = _language(request)
    if _is_api(request):
        with translation.override(language):
            return JsonResponse({"detail": _("Something went wrong")}, status=500)
    try:
        with translation.override(language):
            body = loader.get_template("500.html").render({"language": language})
    except Exception:  # the page about an error must not raise one of its own
        body = "<h1>Server error · 서버 오류</h1>"
    return HttpResponseServerError(body)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The API's JSON 404 under /api/ (unknown operations included), Django's page elsewhere."""
    if _is_api(request):
        with translation.override(_language(request)):
            return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


class DatabaseOutage:
    """Answer 503 with Retry-After when a view meets an unreachable database (the handler of
    500 answers the same for failures outside views, e.g. loading the session)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The 503 answer for a connection error; anything else goes on to the 500 handler."""
        if isinstance(exception, DATABASE_UNREACHABLE):
            return database_unavailable(request)
        return None
