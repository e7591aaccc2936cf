"""Pages made of several apps: the front page, My agenda and its calendar feed, the System
page and the health check."""

from __future__ import annotations

import os
from collections.abc import Sequence

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from yeongilman.accounts.access import require_operator
from yeongilman.accounts.models import User
from yeongilman.core.converters import id_from
from yeongilman.core.downloads import NamePart, name_download
from yeongilman.core.errors import DomainError
from yeongilman.core.models import AuditEntry
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.zones import viewer_zone
from yeongilman.events import access as event_access
from yeongilman.events import calendar
from yeongilman.events import selectors as event_selectors
from yeongilman.events import services as event_services
from yeongilman.events.models import Registration, RegistrationStatus
from yeongilman.jobs import selectors as job_selectors
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.services import match_index_rebuild_start
from yeongilman.meetings import calendar as meeting_calendar
from yeongilman.meetings import selectors as meeting_selectors
from yeongilman.meetings.selectors import own_side
from yeongilman.outbox.selectors import outbox_summary
from yeongilman.portal import control
from yeongilman.portal.selectors import front_page, next_steps
from yeongilman.programs.access import access_call
from yeongilman.programs.calendar import presentation_entry
from yeongilman.programs.selectors import presentation_slots_for_applicant


@require_GET
@domain_errors_as_pages
def home(request: HttpRequest) -> HttpResponse:
    """The front page: a search box, what is on in the ecosystem and the viewer's next steps."""
    user = request.user
    zone = viewer_zone(request)  # profile, else browser, else the site's (Seoul)
    return render(
        request,
        "portal/home.html",
        {
            "page": front_page(user),
            "steps": next_steps(user),
            "viewer_zone": zone,
            "now": timezone.now(),
        },
    )


@require_GET
@domain_errors_as_pages
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 while the database answers (503 when not), with the task
    queue's depth and the age of its oldest waiting task. A slow queue does not take the web
    server out of rotation: pages still answer; the figures are there for alerts."""
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
        queue = job_selectors.queue_health()
    except Exception:  # e.g. a migration not applied yet: the web still answers
        queue = {}
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


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def system(request: HttpRequest) -> HttpResponse:
    """Operators: the queue, recent jobs, the match index and the outbox, at a glance."""
    require_operator(request.user)
    if request.method == "POST" and request.POST.get("action") == "rebuild":
        try:
            job = match_index_rebuild_start(actor=request.user)  # type: ignore[arg-type]
            messages.success(request, _("The match index is being rebuilt."))
            return redirect("jobs:detail", job_id=job.pk)
        except DomainError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "portal/system.html",
        {
            "queue": job_selectors.queue_health(),
            "jobs": job_selectors.recent_jobs(),
            "backlog": adapter.backlog(),
            "stored_version": adapter.stored_version(),
            "replicas": adapter.replicas(),
            "mail": outbox_summary(),
            "retention": {
                "files_years": settings.YV_RETENTION_APPLICATION_FILES_YEARS,
                "mail_days": settings.YV_RETENTION_MAIL_DAYS,
                "job_days": settings.YV_RETENTION_JOB_DAYS,
                "last": AuditEntry.objects.filter(action="retention_applied").first(),
            },
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def agenda(request: HttpRequest) -> HttpResponse:
    """My events and meetings, in my time zone (or each event's own with ?tz=event)."""
    user: User = request.user  # type: ignore[assignment]
    token = event_services.calendar_token_for(user)
    registrations, past_registrations = event_selectors.split_by_end(
        list(event_selectors.agenda_registrations(user))
    )
    meetings, past_meetings = event_selectors.split_by_end(
        list(meeting_selectors.agenda_meetings(user))
    )
    return render(
        request,
        "portal/agenda.html",
        {
            # What is still to come first; what has ended, the latest first, folded away.
            "registrations": registrations,
            "meetings": meetings,
            # The meetings with the free time between them merged into blocks.
            "entries": meeting_selectors.agenda_with_free_time(user, meetings),
            "past_registrations": past_registrations,
            "past_meetings": past_meetings,
            "waiting": meeting_selectors.waiting_requests(user),
            # Presentation slots of the user's programme applications (programs app's hook).
            "presentations": presentation_slots_for_applicant(user),
            "zone": viewer_zone(request),
            "own_zone": request.GET.get("tz") == "event",
            "calendar_token": token,
        },
    )


def _ics(body: bytes, name: Sequence[NamePart]) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    return name_download(response, name, "ics")


@require_GET
@domain_errors_as_pages
def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A person's agenda as an iCalendar feed, at a secret address for calendar apps."""
    user = User.objects.filter(calendar_token=token).first() if len(token) > 20 else None
    if user is None:
        raise Http404
    entries = [calendar.event_entry(r.event) for r in event_selectors.agenda_registrations(user)]
    for meeting in meeting_selectors.agenda_meetings(user):
        entries.append(meeting_calendar.meeting_entry(meeting, own_side(meeting, user).pk))
    entries += [presentation_entry(s) for s in presentation_slots_for_applicant(user)]
    return _ics(
        calendar.build("Yeongilman Valley", entries),
        [gettext_lazy("Yeongilman Valley"), gettext_lazy("My agenda")],
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def event_control(request: HttpRequest, slug: str) -> HttpResponse:
    """An event's control room: its state at a glance, what to do next, one click to each tool.
    Operators act from here (approving registrations); the organisers read it."""
    event = event_selectors.visible_event(request.user, slug)
    role = event_access.require_event_staff(request.user, event)
    if request.method == "POST":
        require_operator(request.user)
        registration = get_object_or_404(
            Registration, pk=id_from(request.POST.get("registration")) or 0, event=event
        )
        try:
            event_services.registration_approve(actor=request.user, registration=registration)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s is approved.") % {"name": registration.user})
        return redirect("portal:event_control", slug=event.slug)
    pending = (
        event.registrations.filter(status=RegistrationStatus.PENDING)
        .select_related("user", "organisation")
        .order_by("created_at")[:50]
    )
    return render(
        request,
        "portal/event_control.html",
        {
            "event": event,
            "state": control.event_state(event),
            "operator": role == "operator",
            "pending": pending,
            "zone": viewer_zone(request, event.time_zone),
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def operations(request: HttpRequest) -> HttpResponse:
    """The operators' area: every event and call with its control room, the tools, and on a
    fresh installation the first steps."""
    require_operator(request.user)
    now = timezone.now()
    return render(
        request,
        "portal/operations.html",
        {
            "events": event_selectors.events_for(request.user).filter(ends_at__gte=now)
            .order_by("starts_at")[:20],
            "past_events": event_selectors.events_for(request.user).filter(ends_at__lt=now)
            .order_by("-starts_at")[:5],
            "calls": control.operations_calls(),
            "first_run": control.first_run_steps(request),
        },
    )  # fmt: skip


@login_required
@require_GET
@domain_errors_as_pages
def call_control(request: HttpRequest, slug: str) -> HttpResponse:
    """A support call's control room: applications by stage, reviews missing per reviewer,
    deadlines, appeals and agreements, and what to do next (operators)."""
    require_operator(request.user)
    call = access_call(request.user, slug)
    return render(
        request,
        "portal/call_control.html",
        {"call": call, "state": control.call_state(call), "now": timezone.now()},
    )
