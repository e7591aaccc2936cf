"""Programme pages for everyone and for applicants: calls, applying, the application."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.accounts.access import is_operator
from yeongilman.core.errors import DomainError, PermissionDenied
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.directory.models import Organisation
from yeongilman.programs import access, selectors
from yeongilman.programs.eligibility import eligibility_rules
from yeongilman.programs.forms import (
    application_form,
)
from yeongilman.programs.models import (
    Application,
    ApplicationStatus,
    Outcome,
)
from yeongilman.programs.services import applications as application_services
from yeongilman.programs.services import selection as selection_services
from yeongilman.programs.services.appeals import appeal_refusal
from yeongilman.programs.views.common import answers_for_display, call_zone, raw_value


@require_GET
@domain_errors_as_pages
def call_list(request: HttpRequest) -> HttpResponse:
    """Open calls (soonest deadline first), upcoming and recently closed ones."""
    return render(request, "programs/list.html", {"groups": selectors.calls_by_state(request.user)})


@require_GET
@domain_errors_as_pages
def call_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A call: description, deadline in its zone with a countdown, eligibility and, for a
    member, whether each of their organisations may apply (and why not)."""
    call = access.access_call(request.user, slug)
    now = timezone.now()
    return render(
        request,
        "programs/call.html",
        {
            "call": call,
            "zone": call_zone(call),
            "is_open": call.is_open(now),
            "not_yet": now < call.opens_at,
            "remaining_days": (call.closes_at - now).days,
            "remaining_hours": (call.closes_at - now).seconds // 3600,
            "rules": eligibility_rules(call),
            "mine": selectors.eligibility_for(request.user, call),
            "fields": call.fields.filter(retired=False),
            "criteria": call.criteria.all(),
            "stages": selectors.stages_of(call),
            "is_operator": is_operator(request.user),
        },
    )


@login_required
@require_POST
@domain_errors_as_pages
def application_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Open (or reopen) the chosen organisation's application and go to its form."""
    call = access.access_call(request.user, slug)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    try:
        application = application_services.application_start(
            actor=request.user, call=call, organisation=organisation
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("programs:call", slug=call.slug)
    return redirect("programs:application", pk=application.pk)


@login_required
@require_GET
@domain_errors_as_pages
def mine(request: HttpRequest) -> HttpResponse:
    """The user's organisations' applications and, for reviewers, their assignments."""
    return render(
        request,
        "programs/mine.html",
        {
            "applications": selectors.my_applications(request.user),
            "reviews": selectors.reviews_of(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def application_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's form while it is a draft and the call is open; otherwise a read-only
    copy (with the result once published). Reviewers and operators read it too."""
    application = access.access_application(request.user, pk)
    call = application.call
    applicant = access.is_applicant(request.user, application)
    files = {f.field_key: f for f in application.files.all()}
    editable = applicant and application.status == ApplicationStatus.DRAFT and call.is_open()
    fields = list(call.fields.all())
    form = application_form(application, fields)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("This application can no longer be changed."))
        form = application_form(application, fields, request.POST, request.FILES)
        form.is_valid()  # only to bind; the services check the answers
        if _save_from_form(request, application, form, submit="submit" in request.POST):
            return redirect("programs:application", pk=application.pk)
    blind = access.hides_applicant(request.user, application)
    return render(
        request,
        "programs/application.html",
        {
            "application": application,
            "call": call,
            "zone": call_zone(call),
            "form": form if editable else None,
            "files": files,
            "answers": answers_for_display(application, files),
            "is_applicant": applicant,
            "operator_may_withdraw": is_operator(request.user)
            and application.status == ApplicationStatus.SUBMITTED
            and application.outcome == Outcome.SELECTED,
            "can_withdraw": applicant
            and application.status != ApplicationStatus.WITHDRAWN
            and not (application.outcome == Outcome.SELECTED and call.results_published_at)
            and call.is_open(),
            "show_result": bool(call.results_published_at)
            and application.status == ApplicationStatus.SUBMITTED,
            "blind": blind,
            "timeline": selectors.timeline(application)
            if applicant or is_operator(request.user)
            else [],
            **_presenting(application, applicant),
        },
    )


def _presenting(application: Application, applicant: bool) -> dict[str, Any]:
    """The applicant's presentation slots and whether a stage's result can be appealed now."""
    if not applicant or application.status != ApplicationStatus.SUBMITTED:
        return {"presentation_slots": [], "can_appeal": False}

    stages = [s for s in selectors.stages_of(application.call) if s.pk]
    return {
        "presentation_slots": list(selectors.presentation_slots_of_application(application)),
        "can_appeal": any(not appeal_refusal(s, application) for s in stages),
        "appeals_made": application.appeals.exists(),
    }


def _save_from_form(
    request: HttpRequest, application: Application, form: forms.Form, submit: bool
) -> bool:
    raw = {key: raw_value(request, key) for key in form.fields if key in request.POST
           or f"{key}-present" in request.POST}  # fmt: skip
    try:
        application_services.application_save_draft(
            actor=request.user, application=application, answers=raw
        )
        for key in request.FILES:
            upload = request.FILES.get(key)
            if key in form.fields and upload is not None:
                application_services.application_upload(
                    actor=request.user, application=application, field_key=key, upload=upload
                )
        if submit:
            application_services.application_submit(actor=request.user, application=application)
            messages.success(
                request, _("Your application was submitted. A confirmation is on its way.")
            )
        else:
            messages.success(request, _("Draft saved."))
        return True
    except DomainError as exc:
        add_domain_errors(form, exc)
        messages.error(request, exc.message)
        return False


@login_required
@require_POST
@domain_errors_as_pages
def application_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the draft's answers as typed (htmx, on every change); answers with a status."""
    application = access.access_application_for_edit(request.user, pk)
    fields = list(application.call.fields.all())
    keys = {f.key for f in fields}
    raw = {key: raw_value(request, key) for key in keys if key in request.POST
           or f"{key}-present" in request.POST}  # fmt: skip
    try:
        application_services.application_save_draft(
            actor=request.user, application=application, answers=raw
        )
    except DomainError as exc:
        return HttpResponse(exc.message, status=exc.status_code)
    stamp = timezone.localtime(application.updated_at, call_zone(application.call))
    return HttpResponse(_("Draft saved at %(time)s.") % {"time": f"{stamp:%H:%M:%S}"})


@login_required
@require_POST
@domain_errors_as_pages
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw before the deadline (the applicant); a selected application (operators, with
    the reason)."""
    if is_operator(request.user):
        application = access.access_application(request.user, pk)
        try:
            selection_services.selected_application_withdraw(
                actor=request.user, application=application,
                reason=request.POST.get("reason", ""),
            )  # fmt: skip
            messages.success(request, _("The application was withdrawn."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("programs:application", pk=application.pk)
    application = access.access_application_for_edit(request.user, pk)
    try:
        application_services.application_withdraw(actor=request.user, application=application)
        messages.success(request, _("The application was withdrawn."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("programs:application", pk=application.pk)


@login_required
@require_GET
@domain_errors_as_pages
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    """An uploaded file, for the applicant, assigned reviewers and operators only."""
    upload = access.access_file(request.user, pk)
    if access.hides_applicant(request.user, upload.application):
        name = f"file-{upload.pk}{PurePosixPath(upload.original_name).suffix}"
    else:
        name = upload.original_name
    response = FileResponse(upload.file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response
