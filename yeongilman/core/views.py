"""The home page, the language switch and a health check."""

from __future__ import annotations

import os

from django.conf import settings
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import translate_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from yeongilman.accounts.services import user_set_language
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.selectors import front_page, next_steps
from yeongilman.core.zones import viewer_zone


@require_GET
@domain_errors_as_pages
def home(request: HttpRequest) -> HttpResponse:
    """The front page: a search box, what is on in the ecosystem and the viewer's next steps."""
    user = request.user
    zone = viewer_zone(request)  # profile, else browser, else the site's (Seoul)
    return render(
        request,
        "core/home.html",
        {
            "page": front_page(user),
            "steps": next_steps(user),
            "viewer_zone": zone,
            "now": timezone.now(),
        },
    )


@require_POST
@domain_errors_as_pages
def switch_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language, remember it, and return to the same page."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect("/")
    next_url = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = f"/{language}/"
    response = HttpResponseRedirect(translate_url(next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    return response


@require_GET
@domain_errors_as_pages
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 while the database answers (503 when not), with the task
    queue's depth and the age of its oldest waiting task. A slow queue does not take the web
    server out of rotation: pages still answer; the figures are there for alerts."""
    from yeongilman.jobs.selectors import queue_health

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "error": type(exc).__name__},
            status=503,
        )
    try:
        queue = queue_health()
    except Exception:  # e.g. a migration not applied yet: the web still answers
        queue = {}
    from yeongilman.matchmaking import adapter

    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            **queue,
            # Which version of the match index is stored, and which each web worker holds.
            "match_index": {
                "stored_version": adapter.stored_version(),
                "workers": adapter.replicas(),
            },
            "worker": {"pid": os.getpid(), "match_index_version": adapter.loaded_version()},
        }
    )
