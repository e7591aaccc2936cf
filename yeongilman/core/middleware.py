"""Requests the platform refuses before any view runs: bodies above the limits get 413."""

from __future__ import annotations

from collections.abc import Callable

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
