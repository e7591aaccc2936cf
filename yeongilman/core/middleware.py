"""Requests the platform refuses before any view runs: bodies above the limits get 413, text
a database cannot store (a NUL character) in the address, the query, a form or a JSON body
gets 400 (422 under /api/) naming where it is."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

# Multipart bodies carry uploads (imports, application files): the import limit plus room for
# the envelope. Other bodies (forms, JSON) are small: Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
MULTIPART_MARGIN = 1024 * 1024
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


class RequestSizeLimit:
    """Answer 413 (JSON under /api/, a page elsewhere) when Content-Length is above the limit,
    instead of letting a view meet Django's RequestDataTooBig half-way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.content_type == "multipart/form-data"
        limit = (
            settings.YV_IMPORT_MAX_BYTES + MULTIPART_MARGIN
            if multipart
            else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if length > limit:
            return too_large(request, limit)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:  # parse the form here, so a field above Django's limit is 413, not a 400
                request.POST  # noqa: B018 - parsing is the point
            except RequestDataTooBig:
                return too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return self.get_response(request)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    """The 413 answer, with the limit in megabytes, in the caller's language (the address's
    /ko/ or /en/, else Accept-Language: this runs before the locale middleware)."""
    with translation.override(translation.get_language_from_request(request, check_path=True)):
        message = _("The request is too large (at most %(mb)d MB).") % {
            "mb": max(1, limit // 2**20)
        }
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        body = render_to_string("413.html", {"message": message})
    return HttpResponse(body, status=413)


NUL = "\x00"


def _nul_in_json(value: Any, path: str = "") -> str | None:
    """The dotted path of the first key or string holding a NUL in a parsed JSON value."""
    if isinstance(value, str):
        return path or "body" if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            if NUL in str(key):
                return inner
            found = _nul_in_json(item, inner)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_in_json(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


def nul_location(request: HttpRequest) -> str | None:
    """Where the request carries a NUL character (PostgreSQL refuses it in any text): the
    address, a query or form field's name, a JSON body's field; None when it carries none."""
    if NUL in request.path:
        return "address"
    sources = [request.GET, request.POST] if request.content_type in FORM_TYPES else [request.GET]
    for data in sources:
        for key, values in data.lists():
            if NUL in key or any(NUL in v for v in values):
                return key.replace(NUL, "\\0")
    if request.content_type == "application/json" and b"\\u0000" in request.body.lower():
        try:
            parsed = json.loads(request.body)
        except ValueError:  # the API says what is wrong with it
            return None
        return _nul_in_json(parsed)
    return None


class RefuseUnstorableText:
    """Answer 400 (a page) or 422 (JSON under /api/) naming the field when a request carries a
    NUL character, before any view reads it: forms, filters, the API and messages alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = nul_location(request)
        if where is None:
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            message = _("“%(field)s” contains a NUL character (\\0), which cannot be stored.") % {
                "field": where
            }
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "errors": {where: [message]}}, status=422)
            body = render_to_string("refused.html", {"title": _("Bad request"), "message": message})
        return HttpResponse(body, status=400)
