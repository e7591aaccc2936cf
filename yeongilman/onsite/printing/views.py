"""Printing pages: one person's badge or agenda as PDF, and the event's bulk files (operators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from yeongilman.accounts.access import require_operator
from yeongilman.core.audit import export_recorded
from yeongilman.core.downloads import NamePart, name_download
from yeongilman.core.errors import DomainError
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.events import selectors as event_selectors
from yeongilman.events.models import Registration
from yeongilman.jobs.models import JobKind
from yeongilman.jobs.selectors import job_of_kind, job_output
from yeongilman.onsite import printing
from yeongilman.onsite.printing.data import LABELS, registrations_to_print
from yeongilman.onsite.printing.forms import PrintingForm


def _pdf(data: bytes, name: list[NamePart]) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return name_download(response, name, "pdf", inline=True)


def _registration(request: HttpRequest, slug: str, registration_id: int) -> Registration:
    registration = printing.access_registration_for_print(request.user, registration_id)
    if registration.event.slug != slug:
        raise Http404
    return registration


@login_required
@require_GET
@domain_errors_as_pages
def badge(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    """One person's badge (the person themself or operators), in the size asked for."""
    registration = _registration(request, slug, registration_id)
    label = request.GET.get("label", "a6")
    label = label if label in LABELS else "a6"
    data = printing.badge_pdf_for(registration, label)
    return _pdf(data, printing.file_name(registration.event, "badge", registration=registration))


@login_required
@require_GET
@domain_errors_as_pages
def agenda(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    """One person's agenda in their language (the person themself or operators)."""
    registration = _registration(request, slug, registration_id)
    data = printing.agenda_pdf_for(registration)
    return _pdf(data, printing.file_name(registration.event, "agenda", registration=registration))


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def event_printing(request: HttpRequest, slug: str) -> HttpResponse:
    """The event's badges, agendas and table cards: start a file, follow it, download it."""
    require_operator(request.user)
    event = get_object_or_404(event_selectors.events_for(request.user), slug=slug)
    page = reverse("printing:event", args=[event.slug])
    form = PrintingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = printing.printing_start(
                actor=request.user,
                event=event,
                what=form.cleaned_data["what"],
                label=form.cleaned_data["label"] or "a6",
                language=(get_language() or "ko")[:2],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            running = (exc.extra or {}).get("job")
            return redirect(f"{page}?job={running}" if running else page)
        return redirect(f"{page}?job={job.pk}")
    shown = job_of_kind(request.user, request.GET.get("job", ""), JobKind.PRINTING)
    if request.htmx and shown:  # type: ignore[attr-defined]
        return render(request, "onsite/_printing_job.html", {"event": event, "job": shown})
    latest = printing.event_jobs(event)
    if shown is not None:
        latest[shown.args.get("what", "")] = shown
    return render(
        request,
        "onsite/printing.html",
        {
            "event": event,
            "form": form,
            "jobs": [job for job in latest.values() if job is not None],
            "registrations": registrations_to_print(event).count(),
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def download(request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
    """The PDF of a finished printing job (whoever may follow the job)."""
    job, output = job_output(request.user, job_id)
    if job.kind != JobKind.PRINTING:
        raise Http404
    export_recorded(actor=request.user, what="printing", job=job.pk, file=output.name)
    response = HttpResponse(bytes(output.content), content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    what = job.args.get("what", "")
    label = job.args.get("label", "") if what == "badges" else ""
    event = get_object_or_404(event_selectors.events_for(request.user), slug=slug)
    return name_download(response, printing.file_name(event, what, label=label), "pdf")
