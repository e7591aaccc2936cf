"""Insights pages: the public summary, the operators' dashboard, chart CSVs, reports,
figures and the pipelines."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from yeongilman.accounts.access import is_operator, require_operator
from yeongilman.core.audit import export_recorded
from yeongilman.core.cache import cache_key, cached
from yeongilman.core.converters import id_from
from yeongilman.core.downloads import name_download
from yeongilman.core.errors import DomainError
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.i18n import BilingualText, current_language
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.spreadsheets import csv_row
from yeongilman.directory.access import access_organisation_for_edit
from yeongilman.directory.importing import check_upload
from yeongilman.directory.models import Industry, Organisation
from yeongilman.insights import services
from yeongilman.insights.charts import chart_csv_rows, chart_svg, fill_link
from yeongilman.insights.extensions import meeting_funnel
from yeongilman.insights.forms import (
    AwardForm,
    DocumentForm,
    FigureForm,
    FundingForm,
    ImportForm,
    NoteForm,
    OverseasForm,
    RateForm,
    ReportForm,
)
from yeongilman.insights.importing import IMPORT_COLUMNS, figures_import_start
from yeongilman.insights.models import (
    Award,
    ExchangeRate,
    Figure,
    FundingRound,
    LeadEvent,
    OverseasEntry,
    PipelineDocument,
)
from yeongilman.insights.pipelines import PIPELINES, Pipeline
from yeongilman.insights.reports import briefing_start
from yeongilman.insights.selectors import (
    CHARTS,
    Filters,
    dashboard,
    next_steps_due,
    pipelines_by_stage,
)
from yeongilman.jobs.models import JobKind
from yeongilman.jobs.selectors import job_of_kind, job_output


def filters_from(request: HttpRequest, public: bool) -> Filters:
    """The dashboard's filters from the query string (bad values are ignored)."""
    year = request.GET.get("year", "")
    return Filters(
        industry=request.GET.get("industry", "")[:40],
        city=request.GET.get("city", "")[:100],
        year=wanted if (wanted := id_from(year)) and 1900 < wanted < 2200 else None,
        public=public,
    )


def _dashboard(request: HttpRequest, public: bool) -> HttpResponse:
    filters = filters_from(request, public)
    seconds = (
        settings.YV_PUBLIC_CACHE_SECONDS if public else settings.YV_OPERATOR_CHART_CACHE_SECONDS
    )
    charts = cached(
        cache_key("insights-dashboard", filters),
        seconds,
        lambda: [(chart, chart_svg(chart), fill_link(chart)) for chart in dashboard(filters)],
    )
    return render(
        request,
        "insights/dashboard.html",
        {
            "charts": charts,
            "filters": filters,
            "filtered": bool(filters.industry or filters.city or filters.year),
            "public": public,
            # What only operators see: the pipelines by stage and the next steps due.
            "pipelines": None if public else pipelines_by_stage(),
            "next_steps": None if public else next_steps_due(),
            "meeting_funnel": None if public else meeting_funnel(filters.year, filters.year),
            "today": timezone.localdate(),
            "industries": Industry.objects.all(),
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@domain_errors_as_pages
def summary(request: HttpRequest) -> HttpResponse:
    """The public summary: published figures only."""
    return _dashboard(request, public=True)


@require_GET
@domain_errors_as_pages
def operators_dashboard(request: HttpRequest) -> HttpResponse:
    """Operators see everything, unpublished figures included."""

    require_operator(request.user)
    return _dashboard(request, public=False)


@require_GET
@domain_errors_as_pages
def chart_csv(request: HttpRequest, key: str) -> HttpResponse:
    """One chart's table as CSV (published data unless an operator asks for all)."""
    make = CHARTS.get(key)
    if make is None:
        raise Http404(_("No such chart."))
    public = not (request.GET.get("scope") == "all" and is_operator(request.user))
    chart = make(filters_from(request, public))
    out = io.StringIO()
    csv.writer(out).writerows(csv_row(row) for row in chart_csv_rows(chart))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    # The chart's title names the file; its key is the ASCII name when the title is Korean.
    title = BilingualText(chart.title, current_language(), key.replace("_", "-"), "en")
    return name_download(response, [gettext_lazy("Yeongilman Valley"), title], "csv")


# --- pipelines (operators) ---------------------------------------------------------------


def _pipeline(request: HttpRequest, kind: str) -> Pipeline:

    require_operator(request.user)
    pipeline = PIPELINES.get(kind)
    if pipeline is None:
        raise Http404(_("No such pipeline."))
    return pipeline


@login_required
@require_GET
@domain_errors_as_pages
def pipeline_list(request: HttpRequest, kind: str) -> HttpResponse:
    """A pipeline as a board by stage (default) or as a list."""
    pipeline = _pipeline(request, kind)
    view = "list" if request.GET.get("view") == "list" else "board"
    return render(
        request,
        "insights/pipeline.html",
        {
            "pipeline": pipeline,
            "view": view,
            "board": pipeline.board() if view == "board" else None,
            "items": pipeline.items() if view == "list" else None,
            "today": timezone.localdate(),
            "kinds": PIPELINES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def pipeline_item(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """Create or change an item; attach documents; notes on leads; the history of changes."""
    pipeline = _pipeline(request, kind)
    item: Any = get_object_or_404(pipeline.model, pk=pk) if pk else None
    form = pipeline.form(None, instance=item)
    note_form, document_form = NoteForm(), DocumentForm()
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "save":
                form = pipeline.form(request.POST, instance=item)
                if form.is_valid():
                    values = dict(form.cleaned_data)
                    fresh = pipeline.model._default_manager.get(pk=item.pk) if item else None
                    saved = pipeline.save(actor=request.user, values=values, item=fresh)
                    messages.success(request, _("Saved."))
                    return redirect("insights:pipeline_item", kind=kind, pk=saved.pk)
            elif action == "note" and item is not None:
                note_form = NoteForm(request.POST)
                if note_form.is_valid():
                    services.lead_note(
                        actor=request.user, lead=item, text=note_form.cleaned_data["text"],
                        at=timezone.now(), is_meeting=note_form.cleaned_data["is_meeting"],
                    )  # fmt: skip
                    return redirect("insights:pipeline_item", kind=kind, pk=item.pk)
            elif action == "document" and item is not None:
                document_form = DocumentForm(request.POST, request.FILES)
                if document_form.is_valid():
                    services.document_attach(
                        actor=request.user, target=item, upload=document_form.cleaned_data["file"]
                    )
                    return redirect("insights:pipeline_item", kind=kind, pk=item.pk)
        except DomainError as exc:
            add_domain_errors(form, exc)
            messages.error(request, exc.message)
    return render(
        request,
        "insights/pipeline_item.html",
        {
            "pipeline": pipeline,
            "item": item,
            "form": form,
            "note_form": note_form,
            "document_form": document_form,
            "history": pipeline.history(item) if item else [],
            "documents": PipelineDocument.objects.filter(**{pipeline.scope: item}) if item else [],
            "notes": LeadEvent.objects.filter(lead=item) if kind == "leads" and item else [],
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def pipeline_document(request: HttpRequest, pk: int) -> FileResponse:
    """A pipeline document (operators only)."""

    require_operator(request.user)
    document = get_object_or_404(PipelineDocument, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def report(request: HttpRequest) -> HttpResponse:
    """The one-click briefing for a period, as PDF or XLSX, in Korean or English."""

    require_operator(request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = briefing_start(
            actor=request.user,
            year_from=data["year_from"],
            year_to=data["year_to"],
            language=data["language"],
            file_format=data["format"],
        )
        return redirect(f"{reverse('insights:report')}?job={job.pk}")
    shown = job_of_kind(request.user, request.GET.get("job", ""), JobKind.BRIEFING_REPORT)
    partial = request.htmx and shown  # type: ignore[attr-defined]
    return render(
        request,
        "insights/_report_job.html" if partial else "insights/report.html",
        {"form": form, "job": shown, "pipeline": None},
    )


@login_required
@require_GET
@domain_errors_as_pages
def report_download(request: HttpRequest, job_id: int) -> HttpResponse:
    """The file of a finished briefing job (whoever may follow the job)."""
    job, output = job_output(request.user, job_id)
    export_recorded(actor=request.user, what="briefing", job=job.pk, file=output.name)
    response = HttpResponse(bytes(output.content), content_type=job.result.get("content_type"))
    response["Content-Disposition"] = f'attachment; filename="{output.name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def figures(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's figures and funding rounds, entered by its members or operators."""
    organisation = access_organisation_for_edit(
        request.user, get_object_or_404(Organisation, slug=slug)
    )
    forms_by_action = {
        "figure": FigureForm(prefix="figure"),
        "funding": FundingForm(prefix="funding"),
        "overseas": OverseasForm(prefix="overseas"),
        "award": AwardForm(prefix="award"),
    }
    action = request.POST.get("action", "figure")
    if request.method == "POST" and action in forms_by_action:
        form = type(forms_by_action[action])(request.POST, prefix=action)
        forms_by_action[action] = form
        if form.is_valid():
            try:
                _record(request, organisation, action, dict(form.cleaned_data))
                messages.success(request, _("Saved."))
                return redirect("insights:figures", slug=slug)
            except DomainError as exc:
                add_domain_errors(form, exc)
    return render(
        request,
        "insights/figures.html",
        {
            "organisation": organisation,
            "figures": Figure.objects.filter(organisation=organisation),
            "rounds": FundingRound.objects.filter(organisation=organisation),
            "entries": OverseasEntry.objects.filter(organisation=organisation),
            "awards": Award.objects.filter(organisation=organisation),
            "figure_form": forms_by_action["figure"],
            "funding_form": forms_by_action["funding"],
            "overseas_form": forms_by_action["overseas"],
            "award_form": forms_by_action["award"],
        },
    )


def _record(request: HttpRequest, organisation: Organisation, action: str, data: dict) -> None:
    actor = request.user
    if action == "funding":
        investors = list(data.pop("investors", []))
        services.funding_record(
            actor=actor, organisation=organisation, values=data, investors=investors
        )
    elif action == "overseas":
        services.overseas_record(actor=actor, organisation=organisation, values=data)
    elif action == "award":
        services.award_record(actor=actor, organisation=organisation, values=data)
    else:
        services.figure_record(
            actor=actor, organisation=organisation, year=data.pop("year"),
            quarter=data.pop("quarter") or 0, values=data,
        )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def figures_import(request: HttpRequest) -> HttpResponse:
    """Operators import yearly figures from CSV/XLSX; every bad row is reported."""

    require_operator(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload.name, upload.size)
            job = figures_import_start(actor=request.user, filename=upload.name, data=upload.read())
            return redirect(f"{reverse('insights:import')}?job={job.pk}")
        except DomainError as exc:
            add_domain_errors(form, exc)
    shown = job_of_kind(request.user, request.GET.get("job", ""), JobKind.FIGURES_IMPORT)
    partial = request.htmx and shown  # type: ignore[attr-defined]
    return render(
        request,
        "insights/_import_job.html" if partial else "insights/import.html",
        {
            "form": form,
            "job": shown,
            "report": shown.result if shown and shown.result else None,
            "columns": IMPORT_COLUMNS,
            "pipeline": None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def rates(request: HttpRequest) -> HttpResponse:
    """Exchange rates (operators): adding one reconverts the amounts dated from it on."""
    require_operator(request.user)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_set(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Rate saved; amounts from that date were reconverted."))
            return redirect("insights:rates")
        except DomainError as exc:
            add_domain_errors(form, exc)
    return render(
        request,
        "insights/rates.html",
        {"form": form, "rates": ExchangeRate.objects.all()[:200], "pipeline": None},
    )
