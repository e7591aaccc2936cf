"""Programme pages for operators: calls, the form builder, management, export, audit."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from yeongilman.accounts.access import require_operator
from yeongilman.accounts.models import User
from yeongilman.core.audit import export_recorded
from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.spreadsheets import xlsx_response
from yeongilman.directory.models import Industry
from yeongilman.programs import access, selectors
from yeongilman.programs.assignment import Assignment
from yeongilman.programs.exporting import applications_xlsx
from yeongilman.programs.forms import (
    CallForm,
    CriterionForm,
    FieldForm,
    OverrideForm,
    StageForm,
)
from yeongilman.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    Criterion,
    FormField,
    Outcome,
    Stage,
)
from yeongilman.programs.services import calls as call_services
from yeongilman.programs.services import readiness
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import selection as selection_services
from yeongilman.programs.services import stages as stage_services
from yeongilman.programs.views.common import call_zone


def _assignment_messages(request: HttpRequest, result: Assignment) -> None:
    """Say how the assignment went: a success only when every application has its reviewers;
    a shortfall is a warning that names its cause (a pool too small, or conflicts)."""
    if not result.missing:
        messages.success(request, _("Reviewers assigned: every application has its reviewers."))
        return
    by_conflicts = len(result.short_by_conflicts)
    too_few = len(result.missing) - by_conflicts
    if too_few:
        messages.warning(
            request,
            ngettext(
                "%(n)s application has fewer reviewers than asked: the pool has too few "
                "reviewers. Add reviewers to the pool and assign again.",
                "%(n)s applications have fewer reviewers than asked: the pool has too few "
                "reviewers. Add reviewers to the pool and assign again.",
                too_few,
            )
            % {"n": too_few},
        )
    if by_conflicts:
        messages.warning(
            request,
            ngettext(
                "%(n)s application has fewer reviewers than asked because of conflicts of "
                "interest. Add reviewers without a conflict and assign again.",
                "%(n)s applications have fewer reviewers than asked because of conflicts of "
                "interest. Add reviewers without a conflict and assign again.",
                by_conflicts,
            )
            % {"n": by_conflicts},
        )


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
    stage_form = StageForm(prefix="stage")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action.startswith("stage_"):
                outcome = _stage_action(request, call, action)
                if isinstance(outcome, HttpResponse):
                    return outcome
                stage_form = outcome
            elif action == "pool":
                industries = set(Industry.objects.values_list("code", flat=True))
                reviewers = User.objects.filter(is_reviewer=True)
                entries = {
                    u.pk: [c for c in request.POST.getlist(f"expertise-{u.pk}") if c in industries]
                    for u in reviewers
                    if request.POST.get(f"reviewer-{u.pk}")
                }
                review_services.pool_set(actor=request.user, call=call, entries=entries)
                messages.success(request, _("Reviewers saved."))
            elif action == "assign":
                result = review_services.reviewers_assign(actor=request.user, call=call)
                _assignment_messages(request, result)
            elif action == "select":
                places = int(request.POST.get("places") or call.places)
                quotas = {
                    key.removeprefix("quota-"): quota
                    for key in request.POST
                    if key.startswith("quota-")
                    and (quota := id_from(request.POST.get(key, ""))) is not None
                }
                chosen = selection_services.selection_apply(
                    actor=request.user, call=call, places=places, quotas=quotas
                )
                messages.success(
                    request,
                    ngettext(
                        "%(n)s application selected.", "%(n)s applications selected.", len(chosen)
                    )
                    % {"n": len(chosen)},
                )
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
                if request.POST.get("confirm") != "yes":
                    return _confirm_step(request, call, None)
                try:
                    letters = selection_services.results_publish(
                        actor=request.user, call=call, **_reasons(request)
                    )
                except DomainError as exc:
                    return _confirm_step(request, call, None, exc)
                messages.success(
                    request, _("Results published; %(n)s letters sent.") % {"n": letters}
                )
            if not stage_form.is_bound:  # a new stage with errors is shown, not redirected
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
    stages = selectors.stages_of(call)
    current = selectors.current_stage(call, stages)
    for i, stage in enumerate(stages):  # a stage never moves before or after an advanced one
        stage.can_move_up = i > 0 and not stages[i - 1].advanced_at  # type: ignore[attr-defined]
        stage.can_move_down = i + 1 < len(stages)  # type: ignore[attr-defined]
    ranking = selectors.ranking(call, current)
    all_industries = list(Industry.objects.all())
    last = current is stages[-1]
    return render(
        request,
        "programs/manage.html",
        {
            "call": call,
            "zone": call_zone(call),
            "params": params,
            "statuses": ApplicationStatus.choices,
            "industries": all_industries,
            "industry_by_code": {i.code: i for i in all_industries},
            "applications": selectors.applications_for_operator(call, **params)[:500],
            "progress": selectors.progress(call),
            "reviewer_stats": selectors.reviewer_stats(call),
            "ranking": ranking,
            "pool": _pool_rows(call),
            "override_form": OverrideForm(),
            "quota_industries": [
                i for i in all_industries if i.code in {r.industry for r in ranking}
            ],
            "stages": stages,
            "current_stage": current,
            "is_last_stage": last,
            "stage_form": stage_form,
            "preview": [] if last or not current.pk else selectors.advancement_preview(current),
        },
    )


def _stage_action(request: HttpRequest, call: Call, action: str) -> HttpResponse | StageForm:
    """The stages section's posts; the new stage's form when it has errors to show."""
    stage = None
    if request.POST.get("stage"):
        stage = get_object_or_404(Stage, call=call, pk=request.POST.get("stage"))
        stage.call = call
    if action == "stage_add":
        form = StageForm(request.POST, prefix="stage")
        if not form.is_valid():
            return form
        try:
            stage_services.stage_save(actor=request.user, call=call, values=form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
            messages.error(request, exc.message)
            return form
        messages.success(request, _("Stage added."))
    elif action == "stage_cutoff" and stage is not None:
        values = {"cutoff": request.POST.get("cutoff", ""),
                  "cutoff_top": _number(request.POST.get("cutoff_top"), int),
                  "cutoff_score": _number(request.POST.get("cutoff_score"), float)}  # fmt: skip
        stage_services.stage_save(actor=request.user, call=call, stage=stage, values=values)
        messages.success(request, _("Cut-off saved."))
    elif action in ("stage_up", "stage_down") and stage is not None:
        stage_services.stage_move(actor=request.user, stage=stage,
                                  step=-1 if action == "stage_up" else 1)  # fmt: skip
    elif action == "stage_decide" and stage is not None:
        application = get_object_or_404(Application, call=call, pk=request.POST.get("application"))
        choice = request.POST.get("advance", "")
        stage_services.stage_decide(
            actor=request.user, stage=stage, application=application,
            advance={"yes": True, "no": False}.get(choice), reason=request.POST.get("reason", ""),
        )  # fmt: skip
        messages.success(request, _("Decision recorded."))
    elif action == "stage_advance" and stage is not None:
        if request.POST.get("confirm") != "yes":
            return _confirm_step(request, call, stage)
        try:
            result = stage_services.stage_advance(
                actor=request.user, stage=stage, **_reasons(request)
            )
        except DomainError as exc:
            return _confirm_step(request, call, stage, exc)
        messages.success(
            request,
            _("%(advanced)s applications advanced, %(stopped)s did not; %(letters)s letters sent.")
            % {"advanced": len(result.advanced), "stopped": len(result.stopped),
               "letters": result.letters},
        )  # fmt: skip
    return redirect(f"{request.path}#stages")


def _reasons(request: HttpRequest) -> dict[str, str]:
    return {
        "close_early_reason": request.POST.get("close_early_reason", ""),
        "waive_reviews_reason": request.POST.get("waive_reviews_reason", ""),
    }


def _confirm_step(
    request: HttpRequest, call: Call, stage: Stage | None, error: DomainError | None = None
) -> HttpResponse:
    """The page between an irreversible step's button and the step: what it will do and to
    how many people, what stands in its way (a reason to give, an appeal to wait for), and
    the button that takes it. `stage` None: publishing the results."""
    if stage is None:
        final = selectors.stages_of(call)[-1]
        deciding = list(selectors.in_stage(final))
        state = readiness.readiness(final, deciding)
        going_on = sum(1 for a in deciding if a.outcome == Outcome.SELECTED)
        stopped = sum(1 for a in deciding if a.outcome == Outcome.NOT_SELECTED)
        undecided = len(deciding) - going_on - stopped
        following = None
    else:
        rows = selectors.advancement_preview(stage)
        state = readiness.readiness(
            stage, list(Application.objects.filter(pk__in=[r.application for r in rows]))
        )
        going_on = sum(1 for r in rows if r.advances)
        stopped, undecided = len(rows) - going_on, 0
        stages = selectors.stages_of(call)
        following = next((s for s in stages if s.position > stage.position), None)
    field_errors = error.field_errors if error is not None else {}
    return render(
        request,
        "programs/confirm_step.html",
        {
            "call": call,
            "stage": stage,
            "following": following,
            "state": state,
            "going_on": going_on,
            "stopped": stopped,
            "undecided": undecided,
            "error": error.message if error is not None and not field_errors else "",
            "field_errors": field_errors,
            "values": _reasons(request),
        },
        status=422 if error is not None else 200,
    )


def _number(raw: str | None, kind: type) -> Any:
    """A typed number, None when left empty (ValueError for anything else)."""
    raw = (raw or "").strip()
    return kind(raw) if raw else None


def _pool_rows(call: Call) -> list[dict[str, Any]]:
    """Every reviewer with whether they are in the current stage's pool (the one the form
    saves) and their expertise there."""
    stage = selectors.current_stage(call)
    pool = {r.user_id: r.expertise for r in selectors.stage_pool(stage)}
    return [
        {"user": u, "in_pool": u.pk in pool, "expertise": pool.get(u.pk, [])}
        for u in User.objects.filter(is_reviewer=True).order_by("email")
    ]


@login_required
@require_GET
@domain_errors_as_pages
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """All applications of the call as XLSX: one row each, one column per question."""
    call = _operator_call(request, slug)
    content = applications_xlsx(call, request.build_absolute_uri("/")[:-1])
    export_recorded(actor=request.user, what="applications", call=call.slug)
    return xlsx_response(content, [call.title, gettext_lazy("applications")])


@login_required
@require_GET
@domain_errors_as_pages
def audit(request: HttpRequest, slug: str) -> HttpResponse:
    """The call's audit log (read-only)."""
    call = _operator_call(request, slug)
    return render(
        request,
        "programs/audit.html",
        {"call": call, "entries": selectors.audit_entries(call)[:1000], "zone": call_zone(call)},
    )
