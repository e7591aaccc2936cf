"""Event pages: list, detail (programme, pavilion, itinerary), registration, B2B day, agenda."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yeongilman.core.converters import id_from
from yeongilman.core.downloads import NamePart, name_download
from yeongilman.core.errors import DomainError
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.zones import viewer_zone
from yeongilman.directory.models import Organisation
from yeongilman.events import access, calendar, selectors, services
from yeongilman.events.models import EventKind


@require_GET
@domain_errors_as_pages
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events."""
    return render(request, "events/list.html", {"events": selectors.upcoming_events(request.user)})


@require_GET
@domain_errors_as_pages
def event_page(request: HttpRequest, slug: str) -> HttpResponse:
    """An event: when and where in its own zone, programme, exhibitors or itinerary."""
    event = selectors.event_detail(request.user, slug)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "registration": selectors.registration_of(request.user, event),
            "my_organisations": selectors.organisations_of(request.user),
            "viewer_zone": viewer_zone(request, event.time_zone),
            "is_b2b": event.kind == EventKind.B2B,
            "has_ended": selectors.event_has_ended(event),
            "editable_exhibitors": access.exhibitor_editable_organisations(request.user, event),
        },
    )


@login_required
@require_POST
@domain_errors_as_pages
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """Register the signed-in user (confirmed, pending approval, or waitlisted)."""
    event = selectors.event_detail(request.user, slug)
    organisation = None
    org_id = request.POST.get("organisation", "")
    org_pk = id_from(org_id)
    if org_pk is not None:
        organisation = Organisation.objects.filter(pk=org_pk).first()
    try:
        registration = services.registration_create(
            actor=request.user, event=event, organisation=organisation
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, registration.get_status_display())
    return redirect("events:detail", slug=event.slug)


@login_required
@require_POST
@domain_errors_as_pages
def cancel(request: HttpRequest, slug: str) -> HttpResponse:
    """Cancel the signed-in user's registration."""
    event = selectors.event_detail(request.user, slug)
    registration = selectors.registration_of(request.user, event)
    if registration is not None:
        try:
            services.registration_cancel(actor=request.user, registration=registration)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your registration was cancelled."))
    return redirect("events:detail", slug=event.slug)


def _ics(body: bytes, name: Sequence[NamePart]) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    return name_download(response, name, "ics")


@require_GET
@domain_errors_as_pages
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """An event, its programme and a delegation's stops (each in its own zone) as an
    iCalendar file."""
    event = selectors.event_detail(request.user, slug)
    entries = [calendar.event_entry(event)] + [
        calendar.session_entry(s) for s in event.sessions.all()
    ]
    entries += [calendar.visit_entry(v) for v in selectors.itinerary(event)]
    return _ics(calendar.build(str(event.title), entries), [event.title])
