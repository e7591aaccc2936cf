"""Insights endpoints: figures (their organisation's members and operators, as on the figures
pages), the dashboard's charts (the numbers the pages draw, for the same filters), the
operators' pipelines and exchange rates. Thin: the rules live in the services and access
functions the pages call."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from yeongilman.accounts.access import require_operator, require_user
from yeongilman.accounts.models import User
from yeongilman.core.cache import cache_key, cached
from yeongilman.core.errors import NotFound, ValidationFailed
from yeongilman.core.schemas import PathId, page_of
from yeongilman.directory.access import access_organisation, access_organisation_for_edit
from yeongilman.directory.models import Industry, Organisation
from yeongilman.insights import services
from yeongilman.insights.models import (
    Agreement,
    ExchangeRate,
    Figure,
    InvestmentLead,
    LeadEvent,
    PolicyRequest,
)
from yeongilman.insights.pipelines import PIPELINES, Pipeline
from yeongilman.insights.schemas import (
    AgreementPage,
    ChartOut,
    DashboardQuery,
    FigureIn,
    FigureOut,
    FigurePage,
    FigurePatch,
    FigureQuery,
    InsightsDashboardOut,
    InvestmentLeadIn,
    InvestmentLeadPatch,
    LeadDetailOut,
    LeadNoteIn,
    LeadNoteOut,
    LeadPage,
    PipelineAgreementIn,
    PipelineAgreementOut,
    PipelineAgreementPatch,
    PipelineQuery,
    PolicyIn,
    PolicyOut,
    PolicyPage,
    PolicyPatch,
    RateIn,
    RateOut,
    RatePage,
    RateQuery,
)
from yeongilman.insights.selectors import CHARTS, Chart, Filters, dashboard, figures_for

router = Router(tags=["insights"])

FIGURE_VALUES = ("currency", "revenue", "exports", "employees", "patents", "source",
                 "source_date", "is_published")  # fmt: skip


# --- figures ---------------------------------------------------------------------------------


def _editable(request: HttpRequest, organisation_id: int) -> Organisation:
    """The organisation if the caller may enter its figures: 401 for a visitor, 404 when it is
    invisible to them, 403 when it is visible but not theirs (the figures page's rule)."""
    require_user(request.user)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    visible = access_organisation(request.user, organisation)
    return access_organisation_for_edit(request.user, visible)


def _figure(request: HttpRequest, figure_id: int) -> Figure:
    require_user(request.user)
    figure = Figure.objects.select_related("organisation").filter(pk=figure_id).first()
    if figure is None:
        raise NotFound(_("No such figure."))
    access_organisation_for_edit(request.user, figure.organisation)
    return figure


@router.get(
    "/figures",
    response=FigurePage,
    summary="Figures one by one (the organisation's members and operators)",
    description="Signed-in callers see the figures of the organisations they are members of "
    "(operators: all). Naming an `organisation` answers 404 when it is invisible to the caller "
    "and 403 when it is not theirs, as its figures page does. Visitors read only the sums in "
    "`/insights/dashboard`.",
)
def list_figures(request: HttpRequest, filters: Query[FigureQuery]) -> Any:
    require_user(request.user)
    rows = figures_for(request.user)
    if filters.organisation is not None:
        rows = rows.filter(organisation=_editable(request, filters.organisation))
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    if filters.quarter is not None:
        rows = rows.filter(quarter=filters.quarter)
    if filters.published is not None:
        rows = rows.filter(is_published=filters.published)
    return page_of(rows, filters.page, filters.page_size)


@router.post(
    "/figures",
    response={200: FigureOut, 201: FigureOut},
    summary="Record an organisation's figures for a year or a quarter",
    description="As on the figures page, the figures of a period are recorded once: a new "
    "period answers 201; a period already recorded is replaced and answers 200. Amounts in a "
    "currency other than KRW are converted at the stored rate of the period's end.",
)
def record_figure(request: HttpRequest, payload: FigureIn) -> Any:
    values = payload.model_dump()
    organisation = _editable(request, values.pop("organisation"))
    year, quarter = values.pop("year"), values.pop("quarter")
    existed = Figure.objects.filter(organisation=organisation, year=year, quarter=quarter).exists()
    figure = services.figure_record(actor=request.user, organisation=organisation, year=year,
                                    quarter=quarter, values=values)  # fmt: skip
    return Status(200 if existed else 201, figure)


@router.get("/figures/{figure_id}", response=FigureOut, summary="One period's figures")
def get_figure(request: HttpRequest, figure_id: PathId) -> Any:
    return _figure(request, figure_id)


@router.patch(
    "/figures/{figure_id}",
    response=FigureOut,
    summary="Change a period's figures",
    description="Only the fields sent change; the period (year, quarter) stays.",
)
def update_figure(request: HttpRequest, figure_id: PathId, payload: FigurePatch) -> Any:
    figure = _figure(request, figure_id)
    values = {name: getattr(figure, name) for name in FIGURE_VALUES}
    values.update(payload.model_dump(exclude_unset=True))
    for name in ("currency", "source", "is_published"):  # sent as null: their defaults
        if values[name] is None:
            values[name] = {"currency": "KRW", "source": "", "is_published": False}[name]
    return services.figure_record(actor=request.user, organisation=figure.organisation,
                                  year=figure.year, quarter=figure.quarter,
                                  values=values)  # fmt: skip


@router.delete("/figures/{figure_id}", response={204: None}, summary="Remove a period's figures")
def delete_figure(request: HttpRequest, figure_id: PathId) -> Any:
    services.figure_delete(actor=request.user, figure=_figure(request, figure_id))
    return Status(204, None)


# --- dashboard -------------------------------------------------------------------------------


def _filters(request: HttpRequest, query: DashboardQuery) -> Filters:
    """The dashboard's filters; `scope=all` is the operators' dashboard (401/403 otherwise)."""
    public = query.scope == "public"
    if not public:
        require_operator(request.user)
    return Filters(industry=query.industry, city=query.city, year=query.year, public=public)


def _chart_out(chart: Chart) -> dict[str, Any]:
    return {
        "key": chart.key, "title": str(chart.title), "category": str(chart.category),
        "series": [str(s) for s in chart.series], "unit": str(chart.unit), "kind": chart.kind,
        "ignores": list(chart.ignores),
        "rows": [{"category": str(c), "values": list(v)} for c, v in chart.rows],
    }  # fmt: skip


def _filters_out(query: DashboardQuery) -> dict[str, Any]:
    return {"industry": query.industry, "city": query.city, "year": query.year,
            "scope": query.scope}  # fmt: skip


@router.get(
    "/dashboard",
    response=InsightsDashboardOut,
    summary="Every dashboard chart's numbers for the filters",
    description="The numbers the charts of `/insights/` (published data; everyone) and "
    "`/insights/all/` (`scope=all`; operators) draw, from the same queries, kept as long as the "
    "pages keep theirs. An unknown industry matches nothing, as on the page.",
)
def get_dashboard(request: HttpRequest, query: Query[DashboardQuery]) -> Any:
    filters = _filters(request, query)
    seconds = (
        settings.YV_PUBLIC_CACHE_SECONDS
        if filters.public
        else settings.YV_OPERATOR_CHART_CACHE_SECONDS
    )
    charts = cached(cache_key("insights-dashboard-api", filters), seconds,
                    lambda: [_chart_out(chart) for chart in dashboard(filters)])  # fmt: skip
    return {"filters": _filters_out(query), "charts": charts}


@router.get(
    "/charts/{key}",
    response=ChartOut,
    summary="One chart's numbers for the filters",
    description="The keys are those of `/insights/dashboard`; 404 for any other.",
)
def get_chart(request: HttpRequest, key: str, query: Query[DashboardQuery]) -> Any:
    make = CHARTS.get(key)
    if make is None:
        raise NotFound(_("No such chart."))
    return _chart_out(make(_filters(request, query)))


# --- pipelines (operators) -------------------------------------------------------------------


def _items(request: HttpRequest, slug: str, query: PipelineQuery) -> dict[str, Any]:
    require_operator(request.user)
    pipeline = PIPELINES[slug]
    rows = pipeline.items()
    if query.stage:
        if query.stage not in pipeline.stages.values:
            raise ValidationFailed(
                _("The request has invalid fields."),
                field_errors={"stage": [_("Unknown stage.")]},
            )
        rows = rows.filter(**{pipeline.stage_field: query.stage})
    if query.owner is not None:
        rows = rows.filter(owner_id=query.owner)
    if slug == "agreements":
        rows = rows.prefetch_related("parties")
    elif slug == "leads":
        rows = rows.select_related("sector")
    return page_of(rows, query.page, query.page_size)


def _item(request: HttpRequest, slug: str, pk: int) -> Any:
    require_operator(request.user)
    model: type[Model] = PIPELINES[slug].model
    item = model._default_manager.filter(pk=pk).first()
    if item is None:
        raise NotFound(_("No such item."))
    return item


def _owner(values: dict[str, Any]) -> None:
    """An owner id → the operator it names (owners are operators, as on the pages)."""
    if values.get("owner") is None:
        return
    owner = User.objects.filter(pk=values["owner"], is_operator=True).first()
    if owner is None:
        raise ValidationFailed(
            _("The request has invalid fields."),
            field_errors={"owner": [_("Choose an operator as the owner.")]},
        )
    values["owner"] = owner


def _save(
    request: HttpRequest, pipeline: Pipeline, values: dict[str, Any], item: Any = None
) -> Any:
    """Through the pipeline's own save, with every field of its page's form: the item's
    current values under the ones sent, as a form posts them."""
    if item is not None:
        current = {
            name: getattr(item, name) for name in pipeline.form._meta.fields if name != "parties"
        }
        if "parties" in pipeline.form._meta.fields:
            current["parties"] = list(item.parties.all())
        values = {**current, **values}
    return pipeline.save(actor=request.user, values=values, item=item)


def _organisations(ids: list[int], field: str) -> list[Organisation]:
    found = list(Organisation.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationFailed(
            _("The request has invalid fields."),
            field_errors={field: [_("No such organisation.")]},
        )
    return found


def _agreement_values(payload: PipelineAgreementPatch) -> dict[str, Any]:
    values = payload.model_dump(exclude_unset=True)
    _owner(values)
    if values.get("parties") is not None:
        values["parties"] = _organisations(values["parties"], "parties")
    for name in ("title_ko", "title_en", "next_step", "notes"):
        if name in values and values[name] is None:
            values[name] = ""
    return values


@router.get("/agreements", response=AgreementPage, summary="Agreements (operators)")
def list_agreements(request: HttpRequest, query: Query[PipelineQuery]) -> Any:
    return _items(request, "agreements", query)


@router.post(
    "/agreements",
    response={201: PipelineAgreementOut},
    summary="Add an agreement (operators)",
    description="A title in Korean or English is required (422 on `title_ko` otherwise).",
)
def create_agreement(request: HttpRequest, payload: PipelineAgreementIn) -> Any:
    require_operator(request.user)
    values = _agreement_values(payload)
    values.setdefault("parties", [])
    return Status(201, _save(request, PIPELINES["agreements"], values))


@router.get("/agreements/{agreement_id}", response=PipelineAgreementOut, summary="One agreement")
def get_agreement(request: HttpRequest, agreement_id: PathId) -> Agreement:
    return _item(request, "agreements", agreement_id)


@router.patch(
    "/agreements/{agreement_id}",
    response=PipelineAgreementOut,
    summary="Change an agreement or move it to another stage (operators)",
    description="Only the fields sent change; every change goes to the agreement's history. "
    "Moving to `signed` or `active` sets `signed_on` to today when it is empty.",
)
def update_agreement(
    request: HttpRequest, agreement_id: PathId, payload: PipelineAgreementPatch
) -> Any:
    item = _item(request, "agreements", agreement_id)
    return _save(request, PIPELINES["agreements"], _agreement_values(payload), item)


def _lead_values(payload: InvestmentLeadPatch) -> dict[str, Any]:
    values = payload.model_dump(exclude_unset=True)
    _owner(values)
    if values.get("company") is not None:
        values["company"] = _organisations([values["company"]], "company")[0]
    if values.get("sector"):
        sector = Industry.objects.filter(code=values["sector"]).first()
        if sector is None:
            raise ValidationFailed(
                _("The request has invalid fields."),
                field_errors={"sector": [_("Unknown industry.")]},
            )
        values["sector"] = sector
    elif "sector" in values:
        values["sector"] = None
    for name in ("company_name", "contacts", "next_step", "notes"):
        if name in values and values[name] is None:
            values[name] = ""
    for name, default in (("currency", "USD"), ("probability", 10), ("stage", "lead")):
        if name in values and values[name] is None:
            values[name] = default
    return values


@router.get("/leads", response=LeadPage, summary="Investment leads (operators)")
def list_leads(request: HttpRequest, query: Query[PipelineQuery]) -> Any:
    return _items(request, "leads", query)


@router.post(
    "/leads",
    response={201: LeadDetailOut},
    summary="Add an investment lead (operators)",
    description="The amount is converted to KRW and USD at today's stored rate.",
)
def create_lead(request: HttpRequest, payload: InvestmentLeadIn) -> Any:
    require_operator(request.user)
    return Status(201, _save(request, PIPELINES["leads"], _lead_values(payload)))


@router.get("/leads/{lead_id}", response=LeadDetailOut, summary="One investment lead")
def get_lead(request: HttpRequest, lead_id: PathId) -> InvestmentLead:
    return _item(request, "leads", lead_id)


@router.patch(
    "/leads/{lead_id}",
    response=LeadDetailOut,
    summary="Change an investment lead or move it to another stage (operators)",
    description="Only the fields sent change; every change goes to the lead's history.",
)
def update_lead(request: HttpRequest, lead_id: PathId, payload: InvestmentLeadPatch) -> Any:
    item = _item(request, "leads", lead_id)
    return _save(request, PIPELINES["leads"], _lead_values(payload), item)


@router.post(
    "/leads/{lead_id}/notes",
    response={201: LeadNoteOut},
    summary="Add a meeting or a note to an investment lead (operators)",
)
def add_lead_note(request: HttpRequest, lead_id: PathId, payload: LeadNoteIn) -> LeadEvent:
    from django.utils import timezone

    lead = _item(request, "leads", lead_id)
    note = services.lead_note(actor=request.user, lead=lead, text=payload.text,
                              at=timezone.now(), is_meeting=payload.is_meeting)  # fmt: skip
    return Status(201, note)  # type: ignore[return-value]


def _policy_values(payload: PolicyPatch) -> dict[str, Any]:
    values = payload.model_dump(exclude_unset=True)
    _owner(values)
    for name in ("next_step", "notes"):
        if name in values and values[name] is None:
            values[name] = ""
    if "status" in values and values["status"] is None:
        values["status"] = "drafting"
    return values


@router.get("/policies", response=PolicyPage, summary="Policy requests (operators)")
def list_policies(request: HttpRequest, query: Query[PipelineQuery]) -> Any:
    return _items(request, "policies", query)


@router.post("/policies", response={201: PolicyOut}, summary="Add a policy request (operators)")
def create_policy(request: HttpRequest, payload: PolicyIn) -> Any:
    require_operator(request.user)
    return Status(201, _save(request, PIPELINES["policies"], _policy_values(payload)))


@router.get("/policies/{policy_id}", response=PolicyOut, summary="One policy request")
def get_policy(request: HttpRequest, policy_id: PathId) -> PolicyRequest:
    return _item(request, "policies", policy_id)


@router.patch(
    "/policies/{policy_id}",
    response=PolicyOut,
    summary="Change a policy request or its status (operators)",
    description="Only the fields sent change; every change goes to the request's history.",
)
def update_policy(request: HttpRequest, policy_id: PathId, payload: PolicyPatch) -> Any:
    item = _item(request, "policies", policy_id)
    return _save(request, PIPELINES["policies"], _policy_values(payload), item)


# --- exchange rates (operators) --------------------------------------------------------------


@router.get("/rates", response=RatePage, summary="Exchange rates, newest first (operators)")
def list_rates(request: HttpRequest, query: Query[RateQuery]) -> Any:
    require_operator(request.user)
    rows = ExchangeRate.objects.order_by("-date", "currency")
    if query.currency:
        rows = rows.filter(currency=query.currency.upper())
    return page_of(rows, query.page, query.page_size)


@router.post(
    "/rates",
    response={200: RateOut, 201: RateOut},
    summary="Store an exchange rate (operators)",
    description="KRW per unit from `date` on; one rate per currency and day (201 for a new "
    "one, 200 when the day's rate is replaced). Amounts dated from it on are reconverted.",
)
def set_rate(request: HttpRequest, payload: RateIn) -> Any:
    require_operator(request.user)
    existed = ExchangeRate.objects.filter(date=payload.date, currency=payload.currency).exists()
    rate = services.rate_set(actor=request.user, date=payload.date, currency=payload.currency,
                             krw=payload.krw)  # fmt: skip
    return Status(200 if existed else 201, rate)
