"""The check-in desk page: scan, type or walk in; counts; the event's desk staff (operators)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from yeongilman.accounts.access import is_operator
from yeongilman.core.converters import id_from
from yeongilman.core.downloads import name_download
from yeongilman.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.events.codes import code_for, registration_id_from_code
from yeongilman.events.models import Event, RegistrationStatus
from yeongilman.events.qr import qr_png
from yeongilman.onsite import access, printing, selectors, services
from yeongilman.onsite.forms import StaffForm, WalkInForm
from yeongilman.onsite.models import CheckInMethod


def _int_or_none(text: str) -> int | None:
    return id_from(text)


def _desk(request: HttpRequest, slug: str, **forms_: forms.Form) -> HttpResponse:
    event = access.access_check_in_event(request.user, slug=slug)
    operator = is_operator(request.user)
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "onsite/desk.html",
        {
            "event": event,
            "counts": selectors.attendance_counts(event),
            # ?session=<id> opens the desk switched to that session's door.
            "place": _int_or_none(request.GET.get("session", "")),
            "recent": selectors.recent_check_ins(event),
            "walk_in_form": forms_.get("walk_in_form") or WalkInForm(),
            "staff_form": forms_.get("staff_form") or StaffForm(),
            "is_operator": operator,
            "staff": selectors.staff_of(event) if operator else [],
            "refused": selectors.refused_attempts(event, 10) if operator else [],
            "query": query,
            "found": selectors.desk_search(event, query, get_language() or "ko") if query else [],
        },
        status=422 if forms_ else 200,
    )


@require_GET
@domain_errors_as_pages
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    """The check-in desk of an event, for operators and its check-in staff."""
    return _desk(request, slug)


@require_POST
@domain_errors_as_pages
def walk_in(request: HttpRequest, slug: str) -> HttpResponse:
    """Register a walk-in and check them in at once."""
    event = access.access_check_in_event(request.user, slug=slug)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            result = services.walk_in_register(
                actor=request.user,
                event=event,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                organisation_name=form.cleaned_data["organisation"],
            )
        except DomainError as exc:  # a bad address, a cancelled registration, a full event
            add_domain_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is registered and checked in.")
                % {"name": form.cleaned_data["full_name"]}
                if result.admitted
                else result.message,
            )
            return redirect("onsite:desk", slug=event.slug)
    return _desk(request, slug, walk_in_form=form)


@require_POST
@domain_errors_as_pages
def desk_check_in(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    """Check in someone found by the desk's search (no code at hand)."""
    registration = access.access_desk_registration(request.user, slug, registration_id)
    result = services.check_in_scan(
        actor=request.user,
        event=registration.event,
        scan=services.Scan(code=code_for(registration), method=CheckInMethod.TYPED),
    )
    name = str(registration.user)
    if result.admitted:
        messages.success(request, _("%(name)s is checked in.") % {"name": name})
    else:
        messages.warning(request, f"{name}: {result.message}")
    return redirect(reverse("onsite:desk", args=[slug]) + "#checkin-search")


@require_GET
@domain_errors_as_pages
def desk_badge(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    """Print someone's badge again at the desk (a lost or misprinted one)."""
    registration = access.access_desk_registration(request.user, slug, registration_id)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise PermissionDenied(_("Badges and agendas are printed for confirmed places only."))
    response = HttpResponse(
        printing.badge_pdf_for(registration, request.GET.get("label", "a6")),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    name = printing.file_name(registration.event, "badge", registration=registration)
    return name_download(response, name, "pdf", inline=True)


@require_POST
@domain_errors_as_pages
def staff_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Name check-in staff for the event (operators)."""
    event = access.access_check_in_event(request.user, slug=slug)
    form = StaffForm(request.POST)
    if form.is_valid():
        try:
            staff = services.staff_add(
                actor=request.user, event=event, email=form.cleaned_data["email"]
            )
        except ValidationFailed as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s can now check people in.") % {"name": str(staff.user)},
            )
            return redirect("onsite:desk", slug=event.slug)
    return _desk(request, slug, staff_form=form)


@require_POST
@domain_errors_as_pages
def staff_remove(request: HttpRequest, slug: str, staff_id: int) -> HttpResponse:
    """Take someone off the event's check-in staff (operators)."""
    event = access.access_check_in_event(request.user, slug=slug)
    try:
        services.staff_remove(actor=request.user, event=event, staff_id=staff_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Removed from the check-in staff."))
    return redirect("onsite:desk", slug=event.slug)


@require_POST
@domain_errors_as_pages
def session_signup(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    """Sign up for, or leave (`leave` in the form), a programme session from My agenda."""
    event = Event.objects.filter(slug=slug, is_published=True).first()
    if event is None:
        raise Http404
    leave = bool(request.POST.get("leave"))
    try:
        if leave:
            services.session_signup_cancel(actor=request.user, event=event, session_id=session_id)
        else:
            services.session_signup(actor=request.user, event=event, session_id=session_id)
    except (ValidationFailed, PermissionDenied, NotFound) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("You are no longer signed up for this session.")
            if leave
            else _("You are signed up for this session."),
        )
    return redirect(reverse("portal:agenda") + "#my-sessions")


@require_GET
@cache_control(private=True, max_age=3600)
@domain_errors_as_pages
def qr_image(request: HttpRequest, code: str) -> HttpResponse:
    """The QR picture of a valid code (the link in the confirmation mail); the code is the
    secret, so the picture shows nothing its holder does not already have."""
    try:
        registration_id_from_code(code)
    except ValidationFailed:
        raise Http404 from None
    return HttpResponse(qr_png(code), content_type="image/png")
