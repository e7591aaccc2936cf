"""Programme pages: calls, applications, reviews, and the operators' management."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.core.errors import DomainError, PermissionDenied
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.directory.access import is_operator, require_operator
from yeongilman.directory.models import Industry, Organisation
from yeongilman.programs import access, selectors
from yeongilman.programs.answers import display_value
from yeongilman.programs.eligibility import eligibility_rules
from yeongilman.programs.exporting import applications_xlsx
from yeongilman.programs.forms import (
    CallForm,
    CriterionForm,
    FieldForm,
    OverrideForm,
    PoolForm,
    application_form,
)
from yeongilman.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    Criterion,
    FieldKind,
    FormField,
)
from yeongilman.programs.services import applications as application_services
from yeongilman.programs.services import calls as call_services
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import selection as selection_services


def _zone(call: Call) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(call.time_zone)


# --- public ----------------------------------------------------------------------------


@require_GET
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
            "zone": _zone(call),
            "is_open": call.is_open(now),
            "not_yet": now < call.opens_at,
            "remaining_days": (call.closes_at - now).days,
            "remaining_hours": (call.closes_at - now).seconds // 3600,
            "rules": eligibility_rules(call),
            "mine": selectors.eligibility_for(request.user, call),
            "fields": call.fields.filter(retired=False),
            "criteria": call.criteria.all(),
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


def _answers_for_display(application: Application) -> list[dict[str, Any]]:
    files = {f.field_key: f for f in application.files.all()}
    rows = []
    for field in application.call.fields.all():
        value = application.answers.get(field.key)
        if field.retired and value in (None, "", []) and field.key not in files:
            continue
        rows.append(
            {
                "field": field,
                "value": display_value(field, value),
                "file": files.get(field.key) if field.kind == FieldKind.FILE else None,
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def application_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's form while it is a draft and the call is open; otherwise a read-only
    copy (with the result once published). Reviewers and operators read it too."""
    application = access.access_application(request.user, pk)
    call = application.call
    editable = (
        access.is_applicant(request.user, application)
        and application.status == ApplicationStatus.DRAFT
        and call.is_open()
    )
    fields = list(call.fields.all())
    form = application_form(application, fields)
    if request.method == "POST":
        if not editable:
            raise DjangoPermissionDenied(_("This application can no longer be changed."))
        form = application_form(application, fields, request.POST, request.FILES)
        form.is_valid()  # only to bind; the services check the answers
        if _save_from_form(request, application, form, submit="submit" in request.POST):
            return redirect("programs:application", pk=application.pk)
    blind = (
        call.blind_review
        and not is_operator(request.user)
        and not (access.is_applicant(request.user, application))
    )
    return render(
        request,
        "programs/application.html",
        {
            "application": application,
            "call": call,
            "zone": _zone(call),
            "form": form if editable else None,
            "files": {f.field_key: f for f in application.files.all()},
            "answers": _answers_for_display(application),
            "is_applicant": access.is_applicant(request.user, application),
            "can_withdraw": access.is_applicant(request.user, application)
            and application.status != ApplicationStatus.WITHDRAWN
            and timezone.now() < call.closes_at,
            "show_result": bool(call.results_published_at)
            and application.status == ApplicationStatus.SUBMITTED,
            "blind": blind,
        },
    )


def _save_from_form(
    request: HttpRequest, application: Application, form: forms.Form, submit: bool
) -> bool:
    raw = {key: _raw_value(request, key) for key in form.fields if key in request.POST
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


def _raw_value(request: HttpRequest, key: str) -> Any:
    values = request.POST.getlist(key)
    return values if len(values) != 1 else values[0]


@login_required
@require_POST
@domain_errors_as_pages
def application_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the draft's answers as typed (htmx, on every change); answers with a status."""
    application = access.access_application_for_edit(request.user, pk)
    fields = list(application.call.fields.all())
    keys = {f.key for f in fields}
    raw = {key: _raw_value(request, key) for key in keys if key in request.POST
           or f"{key}-present" in request.POST}  # fmt: skip
    try:
        application_services.application_save_draft(
            actor=request.user, application=application, answers=raw
        )
    except DomainError as exc:
        return HttpResponse(exc.message, status=exc.status_code)
    stamp = timezone.localtime(application.updated_at, _zone(application.call))
    return HttpResponse(_("Draft saved at %(time)s.") % {"time": f"{stamp:%H:%M:%S}"})


@login_required
@require_POST
@domain_errors_as_pages
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw before the deadline."""
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
    if upload.application.call.blind_review and not (
        is_operator(request.user) or access.is_applicant(request.user, upload.application)
    ):
        name = f"file-{upload.pk}{upload.original_name[upload.original_name.rfind('.') :]}"
    else:
        name = upload.original_name
    response = FileResponse(upload.file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


# --- reviewers ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the assigned application and score it against the rubric."""
    review = access.access_review(request.user, pk)
    application = review.application
    call = application.call
    criteria = list(call.criteria.all())
    errors: dict[str, list[str]] = {}
    values = {str(k): v for k, v in review.scores.items()}
    comment = review.comment
    if request.method == "POST":
        values = {str(c.pk): request.POST.get(f"score-{c.pk}", "") for c in criteria}
        comment = request.POST.get("comment", "")
        try:
            review_services.review_save(
                actor=request.user, review=review, scores=values, comment=comment,
                submit="submit" in request.POST,
            )  # fmt: skip
            messages.success(request, _("Your review was saved."))
            return redirect("programs:review", pk=review.pk)
        except DomainError as exc:
            errors = exc.field_errors
            messages.error(request, exc.message)
    return render(
        request,
        "programs/review.html",
        {
            "review": review,
            "application": application,
            "call": call,
            "blind": call.blind_review,
            "answers": _answers_for_display(application),
            "criteria": [
                {
                    "criterion": c,
                    "value": values.get(str(c.pk), ""),
                    "errors": errors.get(str(c.pk), []),
                }  # fmt: skip
                for c in criteria
            ],
            "comment": comment,
        },
    )


@login_required
@require_POST
@domain_errors_as_pages
def review_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    """Declare a conflict of interest: the application goes to another reviewer."""
    review = access.access_review(request.user, pk)
    review_services.conflict_declare(
        actor=request.user, review=review, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("Conflict recorded; the application goes to another reviewer."))
    return redirect("programs:mine")


# --- operators ---------------------------------------------------------------------------


def _operator_call(request: HttpRequest, slug: str) -> Call:
    require_operator(request.user)
    return access.access_call(request.user, slug)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def call_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Create or change a call (operators)."""
    require_operator(request.user)
    call = access.access_call(request.user, slug) if slug else None
    zone_name = request.POST.get("time_zone") or (call.time_zone if call else "Asia/Seoul")
    try:
        timezone.activate(zoneinfo.ZoneInfo(zone_name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.activate(zoneinfo.ZoneInfo("Asia/Seoul"))
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "eligible_industries"}
        try:
            saved = call_services.call_save(
                actor=request.user, values=values,
                industries=list(form.cleaned_data["eligible_industries"]), call=call,
            )  # fmt: skip
            messages.success(request, _("The call was saved."))
            return redirect("programs:manage", slug=saved.slug)
        except DomainError as exc:
            add_domain_errors(form, exc)
    return render(request, "programs/call_form.html", {"form": form, "call": call})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def form_builder(request: HttpRequest, slug: str) -> HttpResponse:
    """The call's questions and rubric: add, change, retire, reorder (operators)."""
    call = _operator_call(request, slug)
    field_form = FieldForm(prefix="field")
    criterion_form = CriterionForm(prefix="criterion")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "add_field":
                field_form = FieldForm(request.POST, prefix="field")
                if field_form.is_valid():
                    call_services.field_add(actor=request.user, call=call, **field_form.values())
                    messages.success(request, _("Question added."))
                    return redirect("programs:form_builder", slug=call.slug)
            elif action == "add_criterion":
                criterion_form = CriterionForm(request.POST, prefix="criterion")
                if criterion_form.is_valid():
                    call_services.criterion_add(
                        actor=request.user, call=call, **criterion_form.cleaned_data
                    )
                    messages.success(request, _("Criterion added."))
                    return redirect("programs:form_builder", slug=call.slug)
            elif action in ("retire", "restore", "up", "down"):
                field = get_object_or_404(FormField, call=call, pk=request.POST.get("field"))
                if action in ("up", "down"):
                    call_services.field_move(
                        actor=request.user, field=field, step=-1 if action == "up" else 1
                    )
                else:
                    call_services.field_retire(
                        actor=request.user, field=field, retired=action == "retire"
                    )
                return redirect("programs:form_builder", slug=call.slug)
            elif action == "remove_criterion":
                criterion = get_object_or_404(
                    Criterion, call=call, pk=request.POST.get("criterion")
                )
                call_services.criterion_remove(actor=request.user, criterion=criterion)
                return redirect("programs:form_builder", slug=call.slug)
        except DomainError as exc:
            target = criterion_form if action == "add_criterion" else field_form
            add_domain_errors(target, exc)
            messages.error(request, exc.message)
    return render(
        request,
        "programs/form_builder.html",
        {
            "call": call,
            "fields": call.fields.all(),
            "criteria": call.criteria.all(),
            "field_form": field_form,
            "criterion_form": criterion_form,
            "has_applications": call.applications.exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def field_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change one question (only widening changes once applications exist)."""
    call = _operator_call(request, slug)
    field = get_object_or_404(FormField, call=call, pk=pk)
    form = FieldForm(request.POST or None, instance=field, prefix="field")
    if request.method == "POST" and form.is_valid():
        original = FormField.objects.get(pk=field.pk)  # the form wrote into `field`
        try:
            call_services.field_update(actor=request.user, field=original, **form.values())
            messages.success(request, _("Question saved."))
            return redirect("programs:form_builder", slug=call.slug)
        except DomainError as exc:
            add_domain_errors(form, exc)
    return render(request, "programs/field_form.html", {"call": call, "field": field, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: applications with filters, reviewers, progress, ranking, selection."""
    call = _operator_call(request, slug)
    pool_form = PoolForm(initial={"reviewers": [r.user_id for r in call.reviewer_pool.all()]})
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "pool":
                pool_form = PoolForm(request.POST)
                if pool_form.is_valid():
                    existing = {r.user_id: r.expertise for r in call.reviewer_pool.all()}
                    review_services.pool_set(
                        actor=request.user, call=call,
                        entries={u.pk: existing.get(u.pk, []) for u in
                                 pool_form.cleaned_data["reviewers"]},
                    )  # fmt: skip
                    messages.success(request, _("Reviewers saved."))
            elif action == "assign":
                result = review_services.reviewers_assign(actor=request.user, call=call)
                messages.success(request, _("Reviewers assigned."))
                if result.missing:
                    messages.warning(
                        request,
                        _("%(n)s applications have fewer reviewers than asked (conflicts).")
                        % {"n": len(result.missing)},
                    )
            elif action == "select":
                places = int(request.POST.get("places") or call.places)
                quotas = {
                    key.removeprefix("quota-"): int(request.POST.get(key, ""))
                    for key in request.POST
                    if key.startswith("quota-") and request.POST.get(key, "").strip().isdigit()
                }
                chosen = selection_services.selection_apply(
                    actor=request.user, call=call, places=places, quotas=quotas
                )
                messages.success(request, _("%(n)s applications selected.") % {"n": len(chosen)})
            elif action == "override":
                form = OverrideForm(request.POST)
                application = get_object_or_404(
                    Application, call=call, pk=request.POST.get("application")
                )
                if form.is_valid():
                    selection_services.selection_override(
                        actor=request.user, application=application,
                        outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"],
                    )  # fmt: skip
                    messages.success(request, _("Decision recorded."))
            elif action == "publish":
                letters = selection_services.results_publish(actor=request.user, call=call)
                messages.success(
                    request, _("Results published; %(n)s letters sent.") % {"n": letters}
                )
            return redirect(f"{request.path}#{action}")
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", _("Enter whole numbers.")))
    params = {
        "status": request.GET.get("status", "")[:12],
        "industry": request.GET.get("industry", "")[:40],
        "q": request.GET.get("q", "")[:100],
    }
    if params["status"] not in ApplicationStatus.values:
        params["status"] = ""
    ranking = selectors.ranking(call)
    return render(
        request,
        "programs/manage.html",
        {
            "call": call,
            "zone": _zone(call),
            "params": params,
            "statuses": ApplicationStatus.choices,
            "industries": Industry.objects.all(),
            "applications": selectors.applications_for_operator(call, **params)[:500],
            "progress": selectors.progress(call),
            "reviewer_stats": selectors.reviewer_stats(call),
            "ranking": ranking,
            "pool_form": pool_form,
            "override_form": OverrideForm(),
            "quota_industries": sorted({r.industry for r in ranking if r.industry}),
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """All applications of the call as XLSX: one row each, one column per question."""
    call = _operator_call(request, slug)
    content = applications_xlsx(call, request.build_absolute_uri("/")[:-1])
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{call.slug}-applications.xlsx"'
    return response


@login_required
@require_GET
@domain_errors_as_pages
def audit(request: HttpRequest, slug: str) -> HttpResponse:
    """The call's audit log (read-only)."""
    call = _operator_call(request, slug)
    return render(
        request,
        "programs/audit.html",
        {"call": call, "entries": selectors.audit_entries(call)[:1000], "zone": _zone(call)},
    )
