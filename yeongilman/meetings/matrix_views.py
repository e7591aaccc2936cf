"""Operators' booking matrix of a B2B day: the page and its XLSX (the manage page's rules)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.spreadsheets import xlsx_response
from yeongilman.events import access, selectors
from yeongilman.events.models import Event
from yeongilman.meetings.manage_selectors import booking_matrix, matrix_breaks
from yeongilman.meetings.matrix_export import matrix_xlsx as build_xlsx


def _operators_event(request: HttpRequest, slug: str) -> Event:
    event = selectors.visible_event(request.user, slug)
    access.require_event_operator(request.user, event)
    return event


@login_required
@require_GET
@domain_errors_as_pages
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: who is booked when, participants by slots, with totals."""
    event = _operators_event(request, slug)
    grid = booking_matrix(event)
    return render(
        request,
        "meetings/matrix.html",
        {"event": event, "matrix": grid, "breaks": matrix_breaks(event, grid)},
    )


@login_required
@require_GET
@domain_errors_as_pages
def matrix_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: the booking matrix as XLSX."""
    event = _operators_event(request, slug)
    return xlsx_response(build_xlsx(event), [event.title, _("booking matrix")])
