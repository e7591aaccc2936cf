"""Dashboard figures: every chart is a few aggregate queries (grouped in the database) and a
small pass over the groups, never over rows. Public views count published data only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from yeongilman.accounts.access import is_operator, member_organisation_ids
from yeongilman.directory.models import Industry, Organisation, OrganisationKind
from yeongilman.directory.taxonomy import country_label
from yeongilman.insights.models import Agreement, Award, Figure, FundingRound, OverseasEntry
from yeongilman.meetings.models import MeetingRequest
from yeongilman.programs.models import Call


@dataclass(frozen=True)
class Filters:
    """What the viewer narrowed the dashboard to; `public` keeps to published data."""

    industry: str = ""
    city: str = ""
    year: int | None = None
    public: bool = True


@dataclass
class Chart:
    """One chart's data: a category column and one or more value series."""

    key: str
    title: str
    category: str
    series: list[str]
    rows: list[tuple[str, list[float]]] = field(default_factory=list)
    unit: str = ""
    # "line" for series over time (years in order), "bar" for categories.
    kind: str = "bar"
    # False when the series are in different units (money and counts): one panel each.
    shared_scale: bool = True
    # One sentence: the data that fills the chart (said when it is empty).
    needs: str = ""
    # Filters the chart cannot apply (it counts the whole platform whatever they say).
    ignores: tuple[str, ...] = ()
    # One sentence when the chart is built on part of the organisations only (those with a
    # founding year, those that recorded figures): how many of how many.
    coverage: str = ""

    def total(self, series: int = 0) -> float:
        """Sum of one series (for headline figures)."""
        return sum(values[series] for _c, values in self.rows)

    @property
    def is_empty(self) -> bool:
        """No rows, or only zeros (nothing worth drawing)."""
        return not any(v for _c, values in self.rows for v in values)


NEEDS = {
    "organisations": gettext_lazy(
        "It counts the organisations in the directory by the industries on their profiles."
    ),
    "founded": gettext_lazy(
        "It fills in from the year founded on organisations' profiles in the directory."
    ),
    "funding": gettext_lazy(
        "It fills in from funding rounds (date, round and amount) recorded on organisations' "
        "figures pages."
    ),
    "figures": gettext_lazy(
        "It fills in from yearly figures (employees, revenue, exports) that organisations "
        "enter or operators import."
    ),
    "overseas": gettext_lazy(
        "It fills in from overseas entries (first exports, branches, subsidiaries, pilots) "
        "recorded on organisations' figures pages."
    ),
    "awards": gettext_lazy(
        "It fills in from awards (such as CES Innovation Awards) recorded on organisations' "
        "figures pages."
    ),
    "partnerships": gettext_lazy(
        "It fills in from agreements with a signing date and from accepted B2B meetings at events."
    ),
    "programmes": gettext_lazy(
        "It fills in once a call has submitted applications and has published its results."
    ),
}


def _industries() -> list[Industry]:
    return list(Industry.objects.order_by("position"))


def _organisations(filters: Filters, prefix: str = "") -> Q:
    """A filter on organisations (reached through `prefix`) for the viewer's choices."""
    q = Q()
    if filters.public:
        q &= Q(**{f"{prefix}is_published": True})
    if filters.city:
        q &= Q(**{f"{prefix}city": filters.city})
    return q


def _with_industry(rows: QuerySet[Any], filters: Filters, prefix: str = "") -> QuerySet[Any]:
    if not filters.industry:
        return rows
    bit = next((i.bit for i in _industries() if i.code == filters.industry), 0)
    return rows.alias(industry_hit=F(f"{prefix}industry_mask").bitand(bit)).exclude(industry_hit=0)


def _by_industry(groups: Iterable[tuple[int, float]]) -> list[tuple[str, list[float]]]:
    """(industry mask, value) groups → value per industry (an organisation in several
    industries counts in each)."""
    totals: dict[int, float] = defaultdict(float)
    for mask, value in groups:
        for position in range(63):
            if mask >> position & 1:
                totals[position] += float(value or 0)
    return [(str(i.name), [totals[i.position]]) for i in _industries() if totals[i.position]]


def _without_founding_year(rows: QuerySet[Organisation], startups: bool) -> str:
    """How many of the organisations counted have no founding year (one query); empty when
    every one has it."""
    counts = rows.aggregate(total=Count("id"), missing=Count("id", filter=Q(founded_year=None)))
    missing, total = counts["missing"], counts["total"]
    if not missing:
        return ""
    if startups:
        text = ngettext(
            "%(missing)s of %(total)s start-ups has no founding year; the chart counts the others.",
            "%(missing)s of %(total)s start-ups have no founding year; the chart counts the "
            "others.",
            missing,
        )
    else:
        text = ngettext(
            "%(missing)s of %(total)s organisations has no founding year; the chart counts the "
            "others.",
            "%(missing)s of %(total)s organisations have no founding year; the chart counts the "
            "others.",
            missing,
        )
    return text % {"missing": missing, "total": total}


def _recorded_by(rows: QuerySet[Any], filters: Filters, what: str) -> str:
    """How many of the organisations in view recorded the rows a chart is built on (two
    queries); empty when none did (the chart is empty then and says what would fill it)."""
    recorded = rows.order_by().values("organisation_id").distinct().count()
    if not recorded:
        return ""
    total = _with_industry(Organisation.objects.filter(_organisations(filters)), filters).count()
    texts = {
        "funding": ngettext(
            "%(count)s of %(total)s organisations has recorded funding rounds; the chart shows "
            "theirs only.",
            "%(count)s of %(total)s organisations have recorded funding rounds; the chart shows "
            "theirs only.",
            recorded,
        ),
        "figures": ngettext(
            "%(count)s of %(total)s organisations has recorded yearly figures; the chart shows "
            "theirs only.",
            "%(count)s of %(total)s organisations have recorded yearly figures; the chart shows "
            "theirs only.",
            recorded,
        ),
        "overseas": ngettext(
            "%(count)s of %(total)s organisations has recorded overseas entries; the chart shows "
            "theirs only.",
            "%(count)s of %(total)s organisations have recorded overseas entries; the chart "
            "shows theirs only.",
            recorded,
        ),
        "awards": ngettext(
            "%(count)s of %(total)s organisations has recorded awards; the chart shows theirs "
            "only.",
            "%(count)s of %(total)s organisations have recorded awards; the chart shows theirs "
            "only.",
            recorded,
        ),
    }
    return texts[what] % {"count": recorded, "total": total}


def organisations_by_industry(filters: Filters) -> Chart:
    """How many organisations work in each industry."""
    rows = _with_industry(Organisation.objects.filter(_organisations(filters)), filters)
    groups = rows.values_list("industry_mask").annotate(n=Count("id")).order_by()
    return Chart("organisations_by_industry", _("Organisations by industry"), _("Industry"),
                 [_("Organisations")], _by_industry(groups),
                 needs=str(NEEDS["organisations"]))  # fmt: skip


def organisations_by_kind_over_time(filters: Filters) -> Chart:
    """Organisations of each kind existing at the end of each year (by founding year)."""
    rows = _with_industry(Organisation.objects.filter(_organisations(filters)), filters)
    groups = (
        rows.exclude(founded_year=None)
        .values_list("founded_year", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    founded: dict[int, dict[str, int]] = defaultdict(dict)
    for year, kind, n in groups:
        founded[year][kind] = n
    kinds = [k for k in OrganisationKind.values if any(k in v for v in founded.values())]
    chart = Chart("organisations_by_kind", _("Organisations by kind over time"), _("Year"),
                  [str(OrganisationKind(k).label) for k in kinds], kind="line",
                  needs=str(NEEDS["founded"]),
                  coverage=_without_founding_year(rows, startups=False))  # fmt: skip
    if not founded:
        return chart
    running = dict.fromkeys(kinds, 0)
    last = filters.year or max(founded)
    for year in range(min(founded), last + 1):
        for k in kinds:
            running[k] += founded.get(year, {}).get(k, 0)
        if year >= last - 9:  # the last ten years
            chart.rows.append((str(year), [float(running[k]) for k in kinds]))
    return chart


def startups_founded_per_year(filters: Filters) -> Chart:
    """Start-ups founded each year."""
    rows = _with_industry(
        Organisation.objects.filter(_organisations(filters), kind=OrganisationKind.STARTUP),
        filters,
    )
    coverage = _without_founding_year(rows, startups=True)
    if filters.year:
        rows = rows.filter(founded_year=filters.year)
    groups = rows.exclude(founded_year=None).values_list("founded_year").annotate(n=Count("id"))
    return Chart("startups_founded", _("Start-ups founded per year"), _("Year"),
                 [_("Start-ups")],
                 every_year([(str(y), [float(n)]) for y, n in groups.order_by("founded_year")]),
                 kind="line", needs=str(NEEDS["founded"]), coverage=coverage)  # fmt: skip


def every_year(rows: list[tuple[str, list[float]]]) -> list[tuple[str, list[float]]]:
    """Rows per year with the years between the first and the last that have none put in as
    zeros, so a time axis never skips a year (2023, 2024, 2025, not 2023, 2025)."""
    if len(rows) < 2 or not all(year.isdigit() for year, _v in rows):
        return rows
    width = len(rows[0][1])
    known = {int(year): values for year, values in rows}
    return [
        (str(year), known.get(year, [0.0] * width)) for year in range(min(known), max(known) + 1)
    ]


def _recorded(model: type[Any], filters: Filters, year_lookup: str) -> QuerySet[Any]:
    """Rows of a recorded kind (figures, rounds, entries, awards) for the filters: the
    organisation's visibility, city and industry, the row's own publication, the year."""
    rows = model.objects.filter(_organisations(filters, "organisation__"))
    if filters.public:
        rows = rows.filter(is_published=True)
    rows = _with_industry(rows, filters, "organisation__")
    if filters.year:
        rows = rows.filter(**{year_lookup: filters.year})
    return rows


def _funding(filters: Filters) -> QuerySet[Any]:
    return _recorded(FundingRound, filters, "date__year").annotate(year=ExtractYear("date"))


def funding_per_year(filters: Filters) -> Chart:
    """Funding raised each year, in million KRW, and the number of rounds."""
    rows = _funding(filters)
    groups = (
        rows.values_list("year").annotate(krw=Sum("amount_krw"), n=Count("id")).order_by("year")
    )
    return Chart("funding_per_year", _("Funding raised per year"), _("Year"),
                 [_("Million KRW"), _("Rounds")],
                 every_year([(str(y), [_millions(krw), float(n)]) for y, krw, n in groups]),
                 unit=_("million KRW"), kind="line", shared_scale=False,
                 needs=str(NEEDS["funding"]),
                 coverage=_recorded_by(rows, filters, "funding"))  # fmt: skip


def funding_by_industry(filters: Filters) -> Chart:
    """Funding raised per industry (in the chosen year, else in all years), million KRW."""
    rows = _funding(filters)
    groups = (
        rows.values_list("organisation__industry_mask").annotate(krw=Sum("amount_krw")).order_by()
    )
    return Chart("funding_by_industry", _("Funding raised by industry"), _("Industry"),
                 [_("Million KRW")],
                 _by_industry((m, _millions(krw)) for m, krw in groups),
                 unit=_("million KRW"), needs=str(NEEDS["funding"]),
                 coverage=_recorded_by(rows, filters, "funding"))  # fmt: skip


def _millions(value: Decimal | None) -> float:
    return round(float(value or 0) / 1_000_000, 1)


def _figures(filters: Filters) -> QuerySet[Figure]:
    return _recorded(Figure, filters, "year").filter(quarter=0)


def jobs_and_revenue_per_year(filters: Filters) -> Chart:
    """Jobs (employees reported) and revenue (million KRW) per year."""
    figures = _figures(filters)
    groups = (
        figures.values_list("year")
        .annotate(jobs=Sum("employees"), krw=Sum("revenue_krw"), exports=Sum("exports_krw"))
        .order_by("year")
    )
    return Chart("jobs_per_year", _("Jobs and revenue per year"), _("Year"),
                 [_("Jobs"), _("Revenue (million KRW)"), _("Exports (million KRW)")],
                 every_year([(str(y), [float(j or 0), _millions(k), _millions(e)])
                             for y, j, k, e in groups]),
                 kind="line", shared_scale=False, needs=str(NEEDS["figures"]),
                 coverage=_recorded_by(figures, filters, "figures"))  # fmt: skip


def overseas_by_country(filters: Filters) -> Chart:
    """Overseas entries per country."""
    rows = _recorded(OverseasEntry, filters, "date__year")
    groups = rows.values_list("country").annotate(n=Count("id")).order_by("-n", "country")
    return Chart("overseas_by_country", _("Overseas expansion by country"), _("Country"),
                 [_("Entries")], [(country_label(c), [float(n)]) for c, n in groups],
                 needs=str(NEEDS["overseas"]),
                 coverage=_recorded_by(rows, filters, "overseas"))  # fmt: skip


def awards_per_year(filters: Filters) -> Chart:
    """Awards won each year (e.g. CES Innovation Awards)."""
    awards = _recorded(Award, filters, "year")
    groups = awards.values_list("year").annotate(n=Count("id")).order_by("year")
    return Chart("awards_per_year", _("Awards per year"), _("Year"), [_("Awards")],
                 every_year([(str(y), [float(n)]) for y, n in groups]), kind="line",
                 needs=str(NEEDS["awards"]),
                 coverage=_recorded_by(awards, filters, "awards"))  # fmt: skip


def partnerships_and_meetings(filters: Filters) -> Chart:
    """Agreements signed and B2B meetings held per year."""

    signed = (
        Agreement.objects.exclude(signed_on=None)
        .annotate(year=ExtractYear("signed_on"))
        .values_list("year")
        .annotate(n=Count("id"))
        .order_by()
    )
    meetings = (
        MeetingRequest.objects.filter(status="accepted")
        .exclude(slot=None)
        .annotate(year=ExtractYear("slot__starts_at"))
        .values_list("year")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_year: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for year, n in signed:
        per_year[year][0] = float(n)
    for year, n in meetings:
        per_year[year][1] = float(n)
    years = [y for y in sorted(per_year) if not filters.year or y == filters.year]
    return Chart("partnerships", _("Partnerships and meetings held"), _("Year"),
                 [_("Agreements signed"), _("B2B meetings held")],
                 every_year([(str(y), per_year[y]) for y in years]), kind="line",
                 needs=str(NEEDS["partnerships"]), ignores=("industry", "city"))  # fmt: skip


def programme_results(filters: Filters) -> Chart:
    """Applications submitted and organisations selected per call."""

    calls = Call.objects.filter(is_published=True).annotate(
        submitted=Count("applications", filter=Q(applications__status="submitted")),
        selected=Count("applications", filter=Q(applications__outcome="selected")),
    )
    if filters.public:
        calls = calls.exclude(results_published_at=None)
    if filters.year:
        calls = calls.filter(closes_at__year=filters.year)
    return Chart("programme_results", _("Programme results"), _("Call"),
                 [_("Applications"), _("Selected")],
                 [(str(c.title), [float(c.submitted), float(c.selected)])
                  for c in calls.order_by("-closes_at")[:12]],
                 needs=str(NEEDS["programmes"]), ignores=("industry", "city"))  # fmt: skip


CHARTS: dict[str, Callable[[Filters], Chart]] = {
    "organisations_by_industry": organisations_by_industry,
    "organisations_by_kind": organisations_by_kind_over_time,
    "startups_founded": startups_founded_per_year,
    "funding_per_year": funding_per_year,
    "funding_by_industry": funding_by_industry,
    "jobs_per_year": jobs_and_revenue_per_year,
    "overseas_by_country": overseas_by_country,
    "awards_per_year": awards_per_year,
    "partnerships": partnerships_and_meetings,
    "programme_results": programme_results,
}


def dashboard(filters: Filters) -> list[Chart]:
    """Every chart for the filters."""
    return [make(filters) for make in CHARTS.values()]


# --- operators' pipelines summary (the operators' dashboard only) -------------------------


@dataclass(frozen=True)
class PipelineSummary:
    """One pipeline's items counted per stage, in pipeline order."""

    slug: str
    title: str
    stages: list[tuple[str, int]]

    @property
    def total(self) -> int:
        """Items in every stage."""
        return sum(n for _label, n in self.stages)


@dataclass(frozen=True)
class NextStep:
    """An item's next step with its due date (pipeline slug and item id for the link)."""

    slug: str
    pipeline: str
    pk: int
    title: str
    step: str
    due: Any
    owner: str


def _tracked() -> list[tuple[str, Any, str, str]]:
    from yeongilman.insights.models import InvestmentLead, PolicyRequest

    return [
        ("agreements", Agreement, "stage", _("Partnerships and agreements")),
        ("leads", InvestmentLead, "stage", _("Investment attraction")),
        ("policies", PolicyRequest, "status", _("Policy requests")),
    ]


def pipelines_by_stage() -> list[PipelineSummary]:
    """Agreements, investment leads and policy requests counted per stage (one query each)."""
    out = []
    for slug, model, stage_field, title in _tracked():
        counts = dict(model.objects.values_list(stage_field).annotate(n=Count("id")).order_by())
        choices = model._meta.get_field(stage_field).choices or []
        stages = [(str(label), counts.get(v, 0)) for v, label in choices]
        out.append(PipelineSummary(slug, str(title), stages))
    return out


def next_steps_due(limit: int = 8) -> list[NextStep]:
    """The next steps due soonest across the three pipelines, overdue ones first."""
    steps = []
    for slug, model, _stage, title in _tracked():
        rows = (
            model.objects.exclude(next_step_due=None)
            .select_related("owner")
            .order_by("next_step_due")[:limit]
        )
        steps += [
            NextStep(slug, str(title), item.pk, str(item.title), item.next_step,
                     item.next_step_due, str(item.owner) if item.owner else "")
            for item in rows
        ]  # fmt: skip
    return sorted(steps, key=lambda s: s.due)[:limit]


# --- figures one by one (the figures pages' readers) ---------------------------------------


def figures_for(user: Any) -> QuerySet[Figure]:
    """Figures the user may read one by one: operators all, members their organisations'
    (as the figures pages allow); everyone else sees them only summed in the charts."""

    rows = Figure.objects.order_by("-year", "-quarter", "organisation_id", "pk")
    if is_operator(user):
        return rows
    return rows.filter(organisation_id__in=member_organisation_ids(user))
