"""A page for any background job: progress that updates itself, the outcome, a cancel button."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yeongilman.core.errors import DomainError
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.jobs import selectors, services


@login_required
@require_GET
@domain_errors_as_pages
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's status; as an htmx partial while it polls."""
    job = selectors.job_for_viewer(request.user, job_id)
    template = "jobs/_status.html" if request.htmx else "jobs/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


@login_required
@require_POST
@domain_errors_as_pages
def job_cancel(request: HttpRequest, job_id: int) -> HttpResponse:
    """Cancel, then go back where the button was."""
    job = selectors.job_for_viewer(request.user, job_id)
    try:
        services.job_cancel(actor=request.user, job=job)
        messages.success(request, _("The job was cancelled."))
    except DomainError as exc:
        messages.error(request, exc.message)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect("jobs:detail", job_id=job.pk)
    return redirect(back)
