"""The mayor's briefing for a period: headline figures, charts, top changes and the state of
the pipelines, as PDF (with an embedded Korean font) or XLSX, in Korean or English."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yeongilman.accounts.access import require_operator
from yeongilman.core.spreadsheets import xlsx_row
from yeongilman.directory.models import Organisation, OrganisationKind
from yeongilman.insights.models import (
    Agreement,
    Figure,
    FundingRound,
    InvestmentLead,
    OverseasEntry,
    PolicyRequest,
)
from yeongilman.insights.selectors import Chart, Filters, dashboard
from yeongilman.jobs.models import Job, JobKind
from yeongilman.jobs.services import JobContext, job_enqueue


@dataclass
class Briefing:
    """Everything the report shows, already in the report's language."""

    language: str
    title: str
    period: str
    headlines: list[tuple[str, str]]
    charts: list[Chart]
    top_changes: list[tuple[str, str]]
    pipelines: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


def _money(value: Any) -> str:
    return f"{float(value or 0) / 1_000_000:,.0f}"


def briefing(year_from: int, year_to: int, language: str) -> Briefing:
    """Gather the briefing for the years from..to (both included) in a language."""
    with translation.override(language):
        period = Q(date__year__gte=year_from, date__year__lte=year_to)
        funding = FundingRound.objects.filter(period).aggregate(
            krw=Sum("amount_krw"), n=Count("id")
        )
        jobs = Figure.objects.filter(year=year_to, quarter=0).aggregate(n=Sum("employees"))
        leads = InvestmentLead.objects.exclude(stage__in=["invested", "lost"]).aggregate(
            n=Count("id"), usd=Sum("amount_usd"), jobs=Sum("jobs")
        )
        founded = Organisation.objects.filter(
            kind=OrganisationKind.STARTUP, founded_year__gte=year_from, founded_year__lte=year_to
        ).count()
        signed = Agreement.objects.filter(
            signed_on__year__gte=year_from, signed_on__year__lte=year_to
        ).count()
        headlines = [
            (_("Organisations in the directory"), f"{Organisation.objects.count():,}"),
            (_("Start-ups founded in the period"), f"{founded:,}"),
            (_("Funding raised (million KRW)"), _money(funding["krw"])),
            (_("Funding rounds"), f"{funding['n']:,}"),
            (_("Jobs reported in %(year)s") % {"year": year_to}, f"{jobs['n'] or 0:,}"),
            (_("Overseas entries"), f"{OverseasEntry.objects.filter(period).count():,}"),
            (_("Agreements signed"), f"{signed:,}"),
            (_("Open investment leads"), f"{leads['n']:,}"),
            (_("Investment in the pipeline (million USD)"), _money(leads["usd"])),
        ]
        charts = [
            c for c in dashboard(Filters(public=False))
            if c.key in ("funding_per_year", "funding_by_industry", "jobs_per_year",
                         "overseas_by_country", "organisations_by_industry")
        ]  # fmt: skip
        return Briefing(
            language=language,
            title=_("Yeongilman Valley briefing"),
            period=_("%(start)s to %(end)s") % {"start": year_from, "end": year_to},
            headlines=headlines,
            charts=charts,
            top_changes=_top_changes(year_to),
            pipelines=_pipelines(),
        )


def _top_changes(year: int) -> list[tuple[str, str]]:
    """The five largest revenue increases over the year before (one query)."""
    before = Figure.objects.filter(
        organisation=OuterRef("organisation"), year=year - 1, quarter=0
    ).values("revenue_krw")[:1]
    rows = (
        Figure.objects.filter(year=year, quarter=0)
        .exclude(revenue_krw=None)
        .annotate(before=Subquery(before))
        .exclude(before=None)
        .annotate(delta=F("revenue_krw") - F("before"))
        .order_by("-delta")
        .select_related("organisation")[:5]
    )
    return [
        (str(r.organisation.name), _("+%(m)s million KRW revenue") % {"m": _money(r.delta)})
        for r in rows
    ]


def _pipelines() -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    models: list[tuple[Any, str, str]] = [
        (Agreement, "stage", _("Partnerships and agreements")),
        (InvestmentLead, "stage", _("Investment attraction")),
        (PolicyRequest, "status", _("Policy requests")),
    ]
    for model, field_name, label in models:
        counts = dict(model.objects.values_list(field_name).annotate(n=Count("id")).order_by())
        choices = model._meta.get_field(field_name).choices or []
        out.append((str(label), [(str(name), str(counts.get(v, 0))) for v, name in choices]))
    overdue = sum(
        m.objects.filter(next_step_due__lt=timezone.localdate()).count()
        for m in (Agreement, InvestmentLead, PolicyRequest)
    )
    out.append((_("Overdue next steps"), [(_("Items"), str(overdue))]))
    return out


def korean_font() -> Path:
    """A font with Hangul: the setting, else Debian's Noto CJK or Nanum."""
    candidates = [
        settings.YV_REPORT_FONT,
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError("No Korean font: install fonts-noto-cjk or set YV_REPORT_FONT")


def briefing_pdf(b: Briefing) -> bytes:
    """The briefing as PDF with the Korean font embedded (a subset)."""
    with translation.override(b.language):
        return _pdf(b)


def _pdf(b: Briefing) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    font = korean_font()
    # In Noto's CJK collections face 1 is the Korean one.
    pdf.add_font("Korean", "", str(font), collection_font_number=1 if font.suffix == ".ttc" else 0)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Korean", size=18)
    pdf.cell(0, 10, b.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Korean", size=11)
    pdf.cell(0, 7, b.period, new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, _("Headline figures"))
    for label, value in b.headlines:
        pdf.cell(120, 7, label)
        pdf.cell(0, 7, value, align="R", new_x="LMARGIN", new_y="NEXT")
    for chart in b.charts:
        _heading(pdf, chart.title)
        _bars(pdf, chart)
    _heading(pdf, _("Top changes"))
    for name, change in b.top_changes or [(_("No changes recorded."), "")]:
        pdf.cell(120, 7, name[:60])
        pdf.cell(0, 7, change, align="R", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, _("Pipelines"))
    for name, stages in b.pipelines:
        pdf.set_font("Korean", size=11)
        pdf.cell(0, 7, name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Korean", size=9)
        pdf.multi_cell(
            0, 5, "   ".join(f"{s}: {n}" for s, n in stages), new_x="LMARGIN", new_y="NEXT"
        )
    return bytes(pdf.output())


def _heading(pdf: object, text: str) -> None:
    pdf.ln(4)  # type: ignore[attr-defined]
    pdf.set_font("Korean", size=14)  # type: ignore[attr-defined]
    pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_font("Korean", size=10)  # type: ignore[attr-defined]


def _bars(pdf: object, chart: Chart) -> None:
    """Horizontal bars of the first series (at most 12 rows)."""
    rows = chart.rows[:12]
    if not rows:
        pdf.cell(0, 6, _("No data."), new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
        return
    peak = max(v[0] for _c, v in rows) or 1
    for category, values in rows:
        pdf.cell(45, 6, category[:22])  # type: ignore[attr-defined]
        x, y = pdf.get_x(), pdf.get_y()  # type: ignore[attr-defined]
        pdf.set_fill_color(31, 111, 235)  # type: ignore[attr-defined]
        pdf.rect(x, y + 1, max(0.5, 110 * values[0] / peak), 4, style="F")  # type: ignore[attr-defined]
        pdf.set_x(x + 115)  # type: ignore[attr-defined]
        pdf.cell(0, 6, f"{values[0]:,.0f}", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]


def briefing_xlsx(b: Briefing) -> bytes:
    """The briefing as a workbook: a summary sheet and one sheet per chart."""
    with translation.override(b.language):
        return _xlsx(b)


def _xlsx(b: Briefing) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    sheet.append(xlsx_row(sheet, [b.title, b.period]))
    sheet.append([])
    for row in b.headlines:
        sheet.append(xlsx_row(sheet, list(row)))
    sheet.append([])
    sheet.append(xlsx_row(sheet, [_("Top changes")]))
    for row in b.top_changes:
        sheet.append(xlsx_row(sheet, list(row)))
    sheet.append([])
    for name, stages in b.pipelines:
        sheet.append(xlsx_row(sheet, [name]))
        for stage in stages:
            sheet.append(xlsx_row(sheet, ["", *stage]))
    for chart in b.charts:
        data = book.create_sheet(chart.title[:31].replace("/", "-"))
        data.append(xlsx_row(data, [chart.category, *chart.series]))
        for category, values in chart.rows:
            data.append(xlsx_row(data, [category, *values]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def briefing_start(
    *, actor: Any, year_from: int, year_to: int, language: str, file_format: str
) -> Job:
    """Queue the briefing for a period (operators); the job keeps the file for download."""
    from yeongilman.insights.tasks import briefing_job

    require_operator(actor)
    return job_enqueue(
        kind=JobKind.BRIEFING_REPORT,
        task=briefing_job,
        actor=actor,
        args={
            "year_from": year_from, "year_to": year_to, "language": language,
            "format": file_format if file_format in CONTENT_TYPES else "pdf",
        },
    )  # fmt: skip


def briefing_execute(ctx: JobContext) -> dict[str, Any]:
    """Gather and render a queued briefing; the file is the job's output."""
    args = ctx.args
    content = briefing(args["year_from"], args["year_to"], args["language"])
    ctx.beat(force=True)
    data = briefing_pdf(content) if args["format"] == "pdf" else briefing_xlsx(content)
    name = f"briefing-{args['year_from']}-{args['year_to']}-{args['language']}.{args['format']}"
    ctx.save_output(name, data)
    return {"filename": name, "content_type": CONTENT_TYPES[args["format"]], "bytes": len(data)}
