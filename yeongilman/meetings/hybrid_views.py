"""B2B pages for hybrid and interpreted meetings: the interpreter roster (page and XLSX) and a
participant's change of how a meeting is held."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.spreadsheets import xlsx_response
from yeongilman.events import access
from yeongilman.events import selectors as event_selectors
from yeongilman.events.templatetags.event_times import clock_in_zone
from yeongilman.meetings import selectors, services
from yeongilman.meetings.forms import InterpreterForm
from yeongilman.meetings.models import Interpreter, MeetingMode, MeetingRequest
from yeongilman.meetings.roster import roster_xlsx


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def interpreters(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: the day's interpreters (add, remove) and who is at which meeting per slot."""

    event = event_selectors.event_detail(request.user, slug)
    access.require_event_operator(request.user, event)
    labels = {s.pk: clock_in_zone(s.starts_at, event.time_zone) for s in event.slots.all()}
    form = InterpreterForm(
        request.POST if request.POST.get("action") == "add" else None,
        event=event,
        zone_label=labels,
    )
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            raw = request.POST.get("interpreter", "")
            interpreter = get_object_or_404(Interpreter, pk=id_from(raw) or 0, event=event)
            services.interpreter_delete(actor=request.user, interpreter=interpreter)
            messages.success(request, _("The interpreter was removed."))
            return redirect("meetings:interpreters", slug=event.slug)
        if form.is_valid():
            try:
                services.interpreter_save(
                    actor=request.user,
                    event=event,
                    name=form.cleaned_data["name"],
                    languages=form.cleaned_data["languages"],
                    slot_ids=[int(v) for v in form.cleaned_data["slots"]],
                )
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("The interpreter was added."))
                return redirect("meetings:interpreters", slug=event.slug)
    return render(
        request,
        "meetings/interpreters.html",
        {
            "event": event,
            "form": form,
            "interpreters": list(event.interpreters.prefetch_related("available_slots")),
            "roster": selectors.interpreter_roster(event),
            "slot_labels": labels,
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def interpreters_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: the interpreter roster as XLSX."""
    event = event_selectors.event_detail(request.user, slug)
    access.require_event_operator(request.user, event)
    return xlsx_response(roster_xlsx(event), [event.title, gettext_lazy("interpreter roster")])


@login_required
@require_POST
@domain_errors_as_pages
def meeting_update(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    """Either participant changes how a meeting is held: online or in person, the video link,
    interpretation."""
    event = event_selectors.event_detail(request.user, slug)
    meeting = get_object_or_404(MeetingRequest, pk=request_id, event=event)
    mode = request.POST.get("mode", "")
    sent = mode in MeetingMode.values  # the form always sends its mode; nothing else changes
    try:
        services.meeting_request_update(
            actor=request.user,
            request=meeting,
            mode=mode if sent else None,
            video_link=request.POST.get("video_link", "") if mode == MeetingMode.ONLINE else None,
            needs_interpreter=request.POST.get("needs_interpreter") == "on" if sent else None,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The meeting was updated."))
    return redirect("meetings:b2b", slug=event.slug)
