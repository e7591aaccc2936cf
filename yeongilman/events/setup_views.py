"""Operators set an event up on its pages, without the admin: its details, its programme, its
exhibitors and a delegation's stops. Times are typed and shown in the event's own zone."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from yeongilman.accounts.access import require_operator
from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.zones import valid_zone
from yeongilman.events import selectors, services
from yeongilman.events.forms import EventForm, ExhibitorAddForm, SessionForm, VisitForm
from yeongilman.events.models import Event, EventKind, Exhibitor, ProgrammeSession, Visit


@contextmanager
def _in_zone(name: str) -> Iterator[None]:
    """Forms read and show times in this zone (an event's, a stop's)."""
    timezone.activate(zoneinfo.ZoneInfo(valid_zone(name) or "Asia/Seoul"))
    try:
        yield
    finally:
        timezone.deactivate()


def _operators_event(request: HttpRequest, slug: str) -> Event:
    require_operator(request.user)
    return selectors.visible_event(request.user, slug)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def event_new(request: HttpRequest) -> HttpResponse:
    """A new event: its details first; programme, stands, stops and B2B slots follow."""
    require_operator(request.user)
    kind = request.GET.get("kind", "")
    initial = {"kind": kind if kind in EventKind.values else EventKind.FORUM}
    with _in_zone(request.POST.get("time_zone", "Asia/Seoul")):
        form = EventForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                event = services.event_create(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, _("The event is created. Set up the rest from here."))
                return redirect("portal:event_control", slug=event.slug)
        return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change an event's details (times in its own zone)."""
    event = _operators_event(request, slug)
    with _in_zone(request.POST.get("time_zone") or event.time_zone):
        form = EventForm(request.POST or None, instance=event)
        if request.method == "POST" and form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                services.event_update(
                    actor=request.user, event=Event.objects.get(pk=event.pk), values=values
                )
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, _("Your changes were saved."))
                return redirect("portal:event_control", slug=event.slug)
        return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    """Call an event off: what it will do and to how many people, the reason, a confirmation.
    A refusal (ended, cancelled already) goes back to the control room with its reason."""
    event = _operators_event(request, slug)
    if refused := selectors.cancellation_refused(event):
        messages.error(request, refused)
        return redirect("portal:event_control", slug=event.slug)
    reason = request.POST.get("reason", "")
    field_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            told = services.event_cancel(actor=request.user, event=event, reason=reason)
        except DomainError as error:
            field_errors = dict(error.field_errors or {})
            if not field_errors:
                messages.error(request, error.message)
                return redirect("portal:event_control", slug=event.slug)
        else:
            messages.success(
                request,
                ngettext(
                    "The event is cancelled; %(count)s person was told.",
                    "The event is cancelled; %(count)s people were told.",
                    told,
                )
                % {"count": told},
            )
            return redirect("portal:event_control", slug=event.slug)
    return render(
        request,
        "events/cancel_event.html",
        {
            "event": event,
            "summary": selectors.cancellation_summary(event),
            "reason": reason,
            "field_errors": field_errors,
            "reason_max": services.REASON_MAX,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme: its sessions, a form to add one or change the one chosen."""
    event = _operators_event(request, slug)
    chosen = event.sessions.filter(pk=id_from(request.GET.get("session")) or 0).first()
    with _in_zone(event.time_zone):
        form = SessionForm(request.POST or None, instance=chosen)
        if request.method == "POST" and form.is_valid():
            try:
                services.session_save(
                    actor=request.user, event=event, values=form.cleaned_data, session=chosen
                )
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, _("The programme is saved."))
                return redirect("events:programme", slug=event.slug)
        return render(
            request,
            "events/programme_setup.html",
            {"event": event, "form": form, "chosen": chosen, "sessions": event.sessions.all()},
        )


@login_required
@require_POST
@domain_errors_as_pages
def session_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Take a session off the programme."""
    event = _operators_event(request, slug)
    session = get_object_or_404(ProgrammeSession, pk=pk, event=event)
    services.session_delete(actor=request.user, session=session)
    messages.success(request, _("The session is taken off the programme."))
    return redirect("events:programme", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def itinerary(request: HttpRequest, slug: str) -> HttpResponse:
    """A delegation's stops, each in its own zone; a form to add one or change the one chosen."""
    event = _operators_event(request, slug)
    chosen = event.visits.filter(pk=id_from(request.GET.get("stop")) or 0).first()
    zone = request.POST.get("time_zone") or (chosen.time_zone if chosen else "") or event.time_zone
    with _in_zone(zone):
        initial = (
            {"organisation": chosen.organisation.slug} if chosen and chosen.organisation else {}
        )
        form = VisitForm(request.POST or None, instance=chosen, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.visit_save(
                    actor=request.user, event=event, values=form.cleaned_data, visit=chosen
                )
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, _("The itinerary is saved."))
                return redirect("events:itinerary", slug=event.slug)
        return render(
            request,
            "events/itinerary_setup.html",
            {"event": event, "form": form, "chosen": chosen, "stops": selectors.itinerary(event)},
        )


@login_required
@require_POST
@domain_errors_as_pages
def visit_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Take a stop off the itinerary."""
    event = _operators_event(request, slug)
    visit = get_object_or_404(Visit, pk=pk, event=event)
    services.visit_delete(actor=request.user, visit=visit)
    messages.success(request, _("The stop is taken off the itinerary."))
    return redirect("events:itinerary", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def exhibitors_setup(request: HttpRequest, slug: str) -> HttpResponse:
    """Who exhibits at the pavilion, with their stands; a form to add an organisation."""
    event = _operators_event(request, slug)
    form = ExhibitorAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exhibitor = services.exhibitor_add(
                actor=request.user, event=event, organisation=data["organisation"],
                booth=data["booth"], hall=data["hall"], zone=data["zone"],
            )  # fmt: skip
        except DomainError as error:
            add_domain_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s exhibits at the pavilion.") % {"name": exhibitor.organisation}
            )
            return redirect("events:exhibitors_setup", slug=event.slug)
    exhibitors = event.exhibitors.select_related("organisation").order_by("booth", "pk")
    return render(
        request,
        "events/exhibitors_setup.html",
        {"event": event, "form": form, "exhibitors": exhibitors},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
@domain_errors_as_pages
def exhibitor_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Take an exhibitor off the pavilion."""
    event = _operators_event(request, slug)
    exhibitor = get_object_or_404(Exhibitor, pk=pk, event=event)
    services.exhibitor_remove(actor=request.user, exhibitor=exhibitor)
    messages.success(request, _("The exhibitor is taken off the pavilion."))
    return redirect("events:exhibitors_setup", slug=event.slug)
