"""The mayor's briefing for a period: headline figures, charts, top changes and the state of
the pipelines, as PDF (with an embedded Korean font) or XLSX, in Korean or English."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yeongilman.accounts.access import require_operator
from yeongilman.core.pdf import PLATFORM, korean_font
from yeongilman.core.spreadsheets import xlsx_row
from yeongilman.directory.models import Organisation, OrganisationKind
from yeongilman.insights.extensions import FunnelTable, meeting_funnel_tables
from yeongilman.insights.models import (
    Agreement,
    Award,
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
    generated_on: str = ""  # when the report was made, local time with its zone
    data_as_of: str = ""  # the latest change recorded in the data it reads
    meeting_funnel: list[FunnelTable] = field(default_factory=list)  # from outcomes


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
            generated_on=timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"),
            data_as_of=_data_as_of(),
            meeting_funnel=meeting_funnel_tables(year_from, year_to),
        )


def _data_as_of() -> str:
    """The date of the latest change to what the briefing reads (one query per kind)."""
    latest = [
        model.objects.aggregate(last=Max("updated_at"))["last"]
        for model in (Organisation, Figure, FundingRound, OverseasEntry, Award, Agreement,
                      InvestmentLead, PolicyRequest)
    ]  # fmt: skip
    found = [timezone.localtime(t) for t in latest if t is not None]
    return max(found).strftime("%Y-%m-%d") if found else ""


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


INK, MUTED, BLUE = (20, 33, 61), (92, 100, 116), (31, 111, 235)
SERIES_RGB = [(31, 111, 235), (227, 98, 9), (45, 164, 78), (130, 80, 223), (191, 57, 137)]


def briefing_pdf(b: Briefing) -> bytes:
    """The briefing as PDF with the Korean font embedded (a subset)."""
    with translation.override(b.language):
        return _pdf(b)


def _document(b: Briefing) -> Any:
    """An A4 document whose every page names the platform, the report and its page n / N."""
    from fpdf import FPDF

    class BriefingPDF(FPDF):
        def header(self) -> None:
            if self.page_no() == 1:
                return  # the title block says it all on the first page
            self.set_font("Korean", size=8)
            self.set_text_color(*MUTED)
            self.cell(0, 5, f"{PLATFORM} — {b.title}, {b.period}", new_x="LMARGIN", new_y="NEXT")
            self.set_draw_color(*MUTED)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(4)
            self.set_text_color(*INK)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Korean", size=8)
            self.set_text_color(*MUTED)
            stamp = _("Generated on %(date)s") % {"date": b.generated_on}
            self.cell(0, 5, f"{PLATFORM} · {stamp}")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")
            self.set_text_color(*INK)

    pdf = BriefingPDF(format="A4")
    pdf.alias_nb_pages()
    font = korean_font()
    # In Noto's CJK collections face 1 is the Korean one.
    pdf.add_font("Korean", "", str(font), collection_font_number=1 if font.suffix == ".ttc" else 0)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(f"{b.title} {b.period}")
    pdf.set_author(PLATFORM)
    return pdf


def _pdf(b: Briefing) -> bytes:
    pdf = _document(b)
    pdf.add_page()
    pdf.set_font("Korean", size=10)
    pdf.set_text_color(*BLUE)
    pdf.cell(0, 6, PLATFORM, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Korean", size=20)
    pdf.multi_cell(0, 10, b.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Korean", size=12)
    pdf.cell(0, 7, b.period, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Korean", size=9)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, _("Generated on %(date)s") % {"date": b.generated_on},
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    if b.data_as_of:
        pdf.cell(0, 5, _("Data as of %(date)s (the latest change recorded)")
                 % {"date": b.data_as_of}, new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_text_color(*INK)
    _heading(pdf, _("Headline figures"), 7 * min(3, len(b.headlines)))
    pdf.set_font("Korean", size=10)
    for label, value in b.headlines:
        _row(pdf, label, value)
    for chart in b.charts:
        _heading(pdf, chart.title, _chart_height(pdf, chart))
        _chart(pdf, chart)
    _heading(pdf, _("Top changes"), 14)
    pdf.set_font("Korean", size=10)
    for name, change in b.top_changes or [(_("No changes recorded."), "")]:
        _row(pdf, name, change)
    _heading(pdf, _("Pipelines"), 22)
    for name, stages in b.pipelines:
        _keep(pdf, 16)
        pdf.set_font("Korean", size=11)
        pdf.cell(0, 7, name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Korean", size=9)
        pdf.multi_cell(0, 5, "   ".join(f"{s}: {n}" for s, n in stages),
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    for title, header, rows in b.meeting_funnel:
        _heading(pdf, title, 5 * min(4, len(rows) + 1))
        _table(pdf, header, rows)
    return bytes(pdf.output())


def _table(pdf: Any, header: list[str], rows: list[list[str]]) -> None:
    """A small table: the first column wrapped, the others right-aligned; the header in grey,
    every row kept whole on its page."""
    widths = [52.0] + [(pdf.epw - 52.0) / (len(header) - 1)] * (len(header) - 1)
    for i, line in enumerate([header, *rows]):
        pdf.set_font("Korean", size=8 if i else 7.5)
        pdf.set_text_color(*(MUTED if i == 0 else INK))
        lines = pdf.multi_cell(widths[0], 5, line[0], dry_run=True, output="LINES")
        height = 5 * len(lines)
        _keep(pdf, height)
        y = pdf.get_y()
        pdf.multi_cell(widths[0], 5, line[0], new_x="RIGHT", new_y="TOP")
        for width, text in zip(widths[1:], line[1:], strict=True):
            pdf.multi_cell(width, 5, text, align="R", new_x="RIGHT", new_y="TOP")
        pdf.set_xy(pdf.l_margin, y + height)
    pdf.set_text_color(*INK)


def _keep(pdf: Any, height: float) -> None:
    """A new page unless `height` more millimetres fit on this one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _heading(pdf: Any, text: str, following: float) -> None:
    """A section heading kept on the page of what follows it (at least `following` mm of it)."""
    _keep(pdf, 15 + min(following, 120))
    pdf.ln(4)
    pdf.set_font("Korean", size=14)
    pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("Korean", size=10)


def _row(pdf: Any, label: str, value: str) -> None:
    """A label (wrapped when long) and its value on the right."""
    lines = pdf.multi_cell(125, 6, label, dry_run=True, output="LINES")
    _keep(pdf, 6 * len(lines))
    y = pdf.get_y()
    pdf.multi_cell(125, 6, label, new_x="RIGHT", new_y="TOP")
    pdf.set_xy(pdf.l_margin + 125, y)
    pdf.cell(0, 6, value, align="R")
    pdf.set_xy(pdf.l_margin, y + 6 * len(lines))


LABEL_W, BAR_W = 62, 92  # mm: the wrapped category, then the bar (values after it)


def _chart_height(pdf: Any, chart: Chart) -> float:
    if chart.is_empty:
        return 12
    if chart.kind == "line":
        return 56  # the first panel: later ones may start a page of their own
    pdf.set_font("Korean", size=9)
    return sum(
        max(6, 4.5 * len(pdf.multi_cell(LABEL_W, 4.5, c, dry_run=True, output="LINES")))
        for c, _v in chart.rows
    )


def _chart(pdf: Any, chart: Chart) -> None:
    if chart.is_empty:
        pdf.set_font("Korean", size=9)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 5, f"{_('No data yet.')} {chart.needs}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        return
    if chart.kind == "line":
        _line_chart(pdf, chart)
    else:
        _bars(pdf, chart)
    if chart.coverage:  # built on part of the organisations: say which part
        pdf.set_font("Korean", size=8)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4.5, chart.coverage, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)


def _bars(pdf: Any, chart: Chart) -> None:
    """Horizontal bars of the first series, every row, labels wrapped, never cut."""
    rows = chart.rows
    peak = max(v[0] for _c, v in rows) or 1
    pdf.set_font("Korean", size=9)
    for category, values in rows:
        lines = pdf.multi_cell(LABEL_W, 4.5, category, dry_run=True, output="LINES")
        height = max(6, 4.5 * len(lines))
        _keep(pdf, height)
        x, y = pdf.l_margin, pdf.get_y()
        pdf.multi_cell(LABEL_W, 4.5, category, new_x="LMARGIN", new_y="NEXT")
        pdf.set_fill_color(*BLUE)
        top = y + (height - 4) / 2
        length = max(0.5, BAR_W * values[0] / peak)
        pdf.rect(x + LABEL_W + 2, top, length, 4, style="F")
        pdf.set_xy(x + LABEL_W + 4 + length, top - 0.5)
        pdf.cell(20, 5, _plain_number(values[0]))
        pdf.set_xy(x, y + height)
    if len(chart.series) > 1 or chart.unit:
        pdf.set_font("Korean", size=8)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 5, chart.series[0], new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)


def _plain_number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.1f}"


def _line_chart(pdf: Any, chart: Chart) -> None:
    """Lines over the years with axes and values: one panel, or one per series."""
    from yeongilman.insights.charts import _ticks

    panels = [list(range(len(chart.series)))] if chart.shared_scale else [
        [s] for s in range(len(chart.series))
    ]  # fmt: skip
    categories = [c for c, _v in chart.rows]
    years = [int(c) for c in categories] if all(c.isdigit() for c in categories) else None
    positions = years or list(range(len(categories)))
    low, high = min(positions), max(positions)
    left, width, height = pdf.l_margin + 14, 150, 32

    def x_at(i: int) -> float:
        if high == low:
            return left + width / 2
        return left + 6 + (positions[i] - low) / (high - low) * (width - 12)

    for members in panels:
        _keep(pdf, 48)
        top = pdf.get_y()
        pdf.set_font("Korean", size=9)
        title = ", ".join(chart.series[s] for s in members)
        pdf.cell(0, 5, title, new_x="LMARGIN", new_y="NEXT")
        plot_top = top + 8
        bottom = plot_top + height
        peak = max(chart.rows[i][1][s] for i in range(len(chart.rows)) for s in members)
        ticks = _ticks(peak)
        pdf.set_font("Korean", size=7)
        pdf.set_draw_color(208, 215, 222)
        for tick in ticks:
            y = bottom - tick / ticks[-1] * height
            pdf.line(left, y, left + width, y)
            pdf.set_text_color(*MUTED)
            pdf.set_xy(left - 14, y - 2)
            pdf.cell(12, 4, _plain_number(tick), align="R")

        every = max(1, -(-len(categories) // 12))
        for i, category in enumerate(categories):
            if (len(categories) - 1 - i) % every == 0:
                pdf.set_xy(x_at(i) - 8, bottom + 1)
                pdf.cell(16, 4, category, align="C")
        for s in members:
            colour = SERIES_RGB[s % len(SERIES_RGB)]
            pdf.set_draw_color(*colour)
            pdf.set_fill_color(*colour)
            pdf.set_text_color(*colour)
            pdf.set_line_width(0.6)
            points = [(x_at(i), bottom - v[s] / ticks[-1] * height) for i, (_c, v) in
                      enumerate(chart.rows)]  # fmt: skip
            for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
                pdf.line(x1, y1, x2, y2)
            for i, (x, y) in enumerate(points):
                pdf.ellipse(x - 0.9, y - 0.9, 1.8, 1.8, style="F")
                if (len(points) - 1 - i) % every == 0:
                    pdf.set_xy(x - 10, y - 5)
                    pdf.cell(20, 4, _plain_number(chart.rows[i][1][s]), align="C")
            pdf.set_line_width(0.2)
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, bottom + 7)


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
    if b.meeting_funnel:
        funnel = book.create_sheet(_("B2B meetings")[:31])
        for title, header, rows in b.meeting_funnel:
            funnel.append(xlsx_row(funnel, [title]))
            for line in [header, *rows]:
                funnel.append(xlsx_row(funnel, line))
            funnel.append([])
    for chart in b.charts:
        data = book.create_sheet(chart.title[:31].replace("/", "-"))
        data.append(xlsx_row(data, [chart.category, *chart.series]))
        for category, values in chart.rows:
            data.append(xlsx_row(data, [category, *values]))
        if chart.coverage:
            data.append([])
            data.append(xlsx_row(data, [chart.coverage]))
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
