"""The page shown when the server fails: no database, no user, the address's language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the language of the address, without touching the database (which may
    be what failed): no context processors, no user, only the template and static files."""
    prefix = request.path.strip("/").split("/", 1)[0]
    language = prefix if prefix in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            body = loader.get_template("500.html").render({"language": language})
    except Exception:  # the page about an error must not raise one of its own
        body = "<h1>Server error · 서버 오류</h1>"
    return HttpResponseServerError(body)
