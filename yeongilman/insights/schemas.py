"""API input and output shapes for insights: figures, dashboard charts, the operators'
pipelines and exchange rates. Bounds follow the models, so a value out of range is a 422 that
names the field, never a database error."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from yeongilman.core.schemas import Day, Flag, Id, Omittable, Page, PageSize, StrictIn
from yeongilman.insights.models import (
    Agreement,
    AgreementKind,
    AgreementStage,
    Figure,
    InvestmentLead,
    LeadEvent,
    LeadStage,
    PolicyStatus,
)
from yeongilman.insights.services import CURRENCIES

Currency = Annotated[str, Field(pattern=f"^({'|'.join(CURRENCIES)})$")]
# A rate is for a foreign currency: one KRW is one KRW.
RateCurrency = Annotated[str, Field(pattern=f"^({'|'.join(c for c in CURRENCIES if c != 'KRW')})$")]
# The models' DecimalField(max_digits=20, decimal_places=2), never negative.
Money = Annotated[Decimal, Field(ge=0, max_digits=20, decimal_places=2)]
Count = Annotated[int, Field(ge=0, le=2_147_483_647)]  # a PositiveIntegerField
Line = Annotated[str, Field(max_length=300)]
Text = Annotated[str, Field(max_length=20_000)]
FigureYear = Annotated[int, Field(ge=1990, le=2100)]  # the service's own bounds
Quarter = Annotated[int, Field(ge=0, le=4, description="0 for the whole year, else 1–4.")]


# --- figures ---------------------------------------------------------------------------------


class FigureOut(Schema):
    id: int
    organisation: int
    year: int
    quarter: int
    currency: str
    revenue: Decimal | None
    exports: Decimal | None
    revenue_krw: Decimal | None = Field(description="Converted at the rate of the period's end.")
    revenue_usd: Decimal | None
    exports_krw: Decimal | None
    exports_usd: Decimal | None
    employees: int | None
    patents: int | None
    source: str
    source_date: date | None
    is_published: bool
    recorded_by: int | None
    updated_at: datetime

    @staticmethod
    def resolve_organisation(obj: Figure) -> int:
        return obj.organisation_id

    @staticmethod
    def resolve_recorded_by(obj: Figure) -> int | None:
        return obj.recorded_by_id


class FigurePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[FigureOut]


class FigureQuery(Schema):
    organisation: Id | None = None
    year: FigureYear | None = None
    quarter: Quarter | None = None
    published: bool | None = None
    page: Page = 1
    page_size: PageSize = 20


class FigurePatch(StrictIn):
    """Values to change; anything left out stays as it is (the period itself cannot move)."""

    currency: Currency | None = Field(None, description="null: back to KRW.")
    revenue: Money | None = None
    exports: Money | None = None
    employees: Count | None = None
    patents: Count | None = None
    source: Line | None = None
    source_date: Day | None = None
    is_published: Flag = Omittable()


class FigureIn(StrictIn):
    """An organisation's figures for a year (quarter 0) or a quarter."""

    organisation: Id
    year: FigureYear
    quarter: Quarter = 0
    currency: Currency = "KRW"
    revenue: Money | None = None
    exports: Money | None = None
    employees: Count | None = None
    patents: Count | None = None
    source: Line = ""
    source_date: Day | None = None
    is_published: Flag = False


# --- dashboard -------------------------------------------------------------------------------


class DashboardQuery(Schema):
    industry: str = Field("", max_length=40, description="An industry code (`/industries`).")
    city: str = Field("", max_length=100)
    year: int | None = Field(None, ge=1901, le=2199)
    scope: Literal["public", "all"] = Field(
        "public", description="`all` (operators only) counts unpublished data as well."
    )


class ChartRowOut(Schema):
    category: str
    values: list[float] = Field(description="One value per series, in the series' order.")


class ChartOut(Schema):
    key: str
    title: str
    category: str
    series: list[str]
    unit: str
    kind: str = Field(description="`line` for series over years, `bar` for categories.")
    ignores: list[str] = Field(description="Filters this chart does not apply.")
    rows: list[ChartRowOut]


class FiltersOut(Schema):
    industry: str
    city: str
    year: int | None
    scope: str


class InsightsDashboardOut(Schema):
    filters: FiltersOut
    charts: list[ChartOut]


# --- pipelines (operators) -------------------------------------------------------------------


class TrackedOut(Schema):
    id: int
    owner: int | None = Field(description="The operator who follows it up.")
    next_step: str
    next_step_due: date | None
    notes: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_owner(obj: Any) -> int | None:
        return obj.owner_id


class TrackedPatch(StrictIn):
    owner: Id | None = Field(None, description="An operator's user id.")
    next_step: Line | None = None
    next_step_due: Day | None = None
    notes: Text | None = None


class PipelineQuery(Schema):
    stage: str = Field("", max_length=20, description="Only items in this stage (or status).")
    owner: Id | None = None
    page: Page = 1
    page_size: PageSize = 20


class PipelineAgreementOut(TrackedOut):
    title_ko: str
    title_en: str
    kind: str
    stage: str
    parties: list[int]
    signed_on: date | None

    @staticmethod
    def resolve_parties(obj: Agreement) -> list[int]:
        return [party.pk for party in obj.parties.all()]


class PipelineAgreementPatch(TrackedPatch):
    """Fields to change (a stage change is a PATCH of `stage`); the rest stays."""

    title_ko: str | None = Field(None, max_length=200)
    title_en: str | None = Field(None, max_length=200)
    kind: AgreementKind = Omittable()
    stage: AgreementStage = Omittable()
    parties: list[Id] = Omittable(max_length=100)
    signed_on: Day | None = None


class PipelineAgreementIn(PipelineAgreementPatch):
    kind: AgreementKind
    stage: AgreementStage = AgreementStage.IDEA
    parties: list[Id] = Field([], max_length=100)


class AgreementPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PipelineAgreementOut]


class LeadNoteOut(Schema):
    id: int
    at: datetime
    is_meeting: bool
    text: str
    author: int | None

    @staticmethod
    def resolve_author(obj: LeadEvent) -> int | None:
        return obj.author_id


class InvestmentLeadOut(TrackedOut):
    title: str
    company: int | None = Field(description="The company's organisation in the directory.")
    company_name: str
    sector: str | None = Field(description="An industry code.")
    amount: Decimal | None
    currency: str
    amount_krw: Decimal | None
    amount_usd: Decimal | None
    jobs: int | None
    stage: str
    probability: int
    contacts: str

    @staticmethod
    def resolve_company(obj: InvestmentLead) -> int | None:
        return obj.company_id

    @staticmethod
    def resolve_sector(obj: InvestmentLead) -> str | None:
        return obj.sector.code if obj.sector else None


class LeadDetailOut(InvestmentLeadOut):
    log: list[LeadNoteOut] = Field(description="Meetings and notes, newest first.")

    @staticmethod
    def resolve_log(obj: InvestmentLead) -> list[LeadEvent]:
        return list(obj.events.all())


class InvestmentLeadPatch(TrackedPatch):
    """Fields to change (a stage change is a PATCH of `stage`); the rest stays."""

    title: str = Omittable(min_length=1, max_length=200)
    company: Id | None = Field(None, description="An organisation in the directory.")
    company_name: str | None = Field(None, max_length=200)
    sector: str | None = Field(None, max_length=40, description="An industry code.")
    amount: Money | None = None
    currency: Currency = Omittable()
    jobs: Count | None = None
    stage: LeadStage = Omittable()
    probability: int = Omittable(ge=0, le=100)
    contacts: Text | None = None


class InvestmentLeadIn(InvestmentLeadPatch):
    title: str = Field(..., min_length=1, max_length=200)
    currency: Currency = "USD"
    stage: LeadStage = LeadStage.LEAD
    probability: int = Field(10, ge=0, le=100)


class LeadPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[InvestmentLeadOut]


class LeadNoteIn(StrictIn):
    text: str = Field(..., max_length=10_000)
    is_meeting: Flag = False


class PolicyOut(TrackedOut):
    title: str
    ministry: str
    status: str
    submitted_on: date | None
    decided_on: date | None


class PolicyPatch(TrackedPatch):
    """Fields to change (a status change is a PATCH of `status`); the rest stays."""

    title: str = Omittable(min_length=1, max_length=200)
    ministry: str = Omittable(min_length=1, max_length=200)
    status: PolicyStatus = Omittable()
    submitted_on: Day | None = None
    decided_on: Day | None = None


class PolicyIn(PolicyPatch):
    title: str = Field(..., min_length=1, max_length=200)
    ministry: str = Field(..., min_length=1, max_length=200)
    status: PolicyStatus = PolicyStatus.DRAFTING


class PolicyPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PolicyOut]


# --- exchange rates (operators) --------------------------------------------------------------


class RateOut(Schema):
    id: int
    date: date
    currency: str
    krw: Decimal = Field(description="KRW per unit from this date on.")


class RateIn(StrictIn):
    date: Day
    currency: RateCurrency
    krw: Decimal = Field(..., gt=0, max_digits=14, decimal_places=4)


class RateQuery(Schema):
    currency: str = Field("", max_length=3, description="Only this currency (e.g. USD).")
    page: Page = 1
    page_size: PageSize = 50


class RatePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RateOut]
