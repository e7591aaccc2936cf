"""Charts drawn on the server as inline SVG (no script, no CDN): horizontal bars, one group
per category and one bar per series, with the value written at the end of each bar."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from yeongilman.insights.selectors import Chart

PALETTE = ["#1f6feb", "#e36209", "#2da44e", "#8250df", "#bf3989"]
WIDTH, LABEL, BAR, GAP = 720, 200, 14, 10


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.1f}"


def chart_svg(chart: Chart) -> SafeString:
    """The chart as an accessible SVG (its title; the table beside it carries the numbers)."""
    if not chart.rows:
        return mark_safe("")  # noqa: S308 - a constant
    series = len(chart.series)
    group = series * BAR + GAP
    height = len(chart.rows) * group + 30
    peaks = [max((values[s] for _c, values in chart.rows), default=0) or 1 for s in range(series)]
    span = WIDTH - LABEL - 70
    parts = [
        format_html(
            '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
            'xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="sans-serif">',
            chart.title,
            WIDTH,
            height,
        )  # fmt: skip
    ]
    for row, (category, values) in enumerate(chart.rows):
        top = row * group + 4
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                LABEL - 6,
                top + series * BAR / 2 + 4,
                category[:28],
            )  # fmt: skip
        )
        for s, value in enumerate(values):
            length = max(0.0, value) / peaks[s] * span
            y = top + s * BAR
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}: {}</title></rect>"
                    '<text x="{}" y="{}">{}</text>',
                    LABEL,
                    y,
                    length,
                    BAR - 2,
                    PALETTE[s % len(PALETTE)],
                    chart.series[s],
                    _number(value),
                    LABEL + length + 4,
                    y + BAR - 4,
                    _number(value),
                )  # fmt: skip
            )
    legend_y = height - 10
    for s, name in enumerate(chart.series):
        x = LABEL + s * 170
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
                '<text x="{}" y="{}">{}</text>',
                x,
                legend_y - 9,
                PALETTE[s % len(PALETTE)],
                x + 14,
                legend_y,
                name,
            )  # fmt: skip
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part escaped above


def chart_csv_rows(chart: Chart) -> list[list[str]]:
    """The chart's table as rows for a CSV file (header first)."""
    return [[chart.category, *chart.series]] + [
        [category, *(_plain(v) for v in values)] for category, values in chart.rows
    ]


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"
