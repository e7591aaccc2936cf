"""Charts drawn on the server as inline SVG (no script, no CDN): horizontal bars for categories,
lines for series over years. Each chart is drawn three times, for desktops, tablets and phones
(text in an SVG shrinks with it, so each width gets its own drawing rather than a scaled one);
CSS shows one. Labels are wrapped, never cut, and each drawing carries its numbers as text."""

from __future__ import annotations

import math
import unicodedata

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from yeongilman.insights.selectors import Chart

# Ten colours apart enough to tell lines from each other (organisation kinds go to eight).
PALETTE = ["#1f6feb", "#e36209", "#2da44e", "#8250df", "#bf3989", "#0a7d8c", "#7d4e00",
           "#cf222e", "#57606a", "#9a6700"]  # fmt: skip
FONT = 12  # px in the drawing's own units
LINE = 15  # one line of label text
BAR = 14
GAP = 10
# The drawing for desktops uses the page's width (the container's 1148 px); a tablet gets the
# middle one, a phone the narrow one (CSS shows one of the three).
WIDE, MEDIUM, NARROW = 1100, 720, 360


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.1f}"


def _text_width(text: str, size: float = FONT) -> float:
    """A text's width estimated from its characters (Hangul and CJK are a full em wide)."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in ("W", "F"))
    return (wide + (len(text) - wide) * 0.58) * size


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """The text broken into lines no wider than `width`, between words where it can."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _text_width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        # A single word wider than the line is split (rare: long Korean compounds).
        while _text_width(word, size) > width:
            cut = max(1, next(i for i in range(len(word), 0, -1)
                              if _text_width(word[:i], size) <= width))  # fmt: skip
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def chart_text(chart: Chart) -> str:
    """The chart's numbers as one sentence (the drawing's description for screen readers)."""
    rows = "; ".join(
        f"{category}: "
        + ", ".join(f"{s} {_number(v)}" for s, v in zip(chart.series, values, strict=False))
        for category, values in chart.rows
    )
    return f"{chart.title}. {rows}."


def chart_svg(chart: Chart) -> SafeString:
    """The chart as three accessible SVG drawings (wide, medium, narrow), or nothing when
    empty."""
    if chart.is_empty:
        return mark_safe("")  # noqa: S308 - a constant
    draw = _lines if chart.kind == "line" else _bars
    drawings = draw(chart, WIDE, "wide") + draw(chart, MEDIUM, "medium")
    return mark_safe(drawings + draw(chart, NARROW, "narrow"))  # noqa: S308


def _open(chart: Chart, width: float, height: float, variant: str) -> str:
    ident = f"svg-{chart.key}-{variant}"
    return str(
        format_html(
            '<svg class="chart chart-{}" role="img" aria-labelledby="{}-t {}-d" '
            'viewBox="0 0 {} {}" width="{}" height="{}" xmlns="http://www.w3.org/2000/svg" '
            'font-size="{}" font-family="sans-serif">'
            '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
            variant,
            ident,
            ident,
            width,
            f"{height:.0f}",
            width,
            f"{height:.0f}",
            FONT,
            ident,
            chart.title,
            ident,
            chart_text(chart),
        )  # fmt: skip
    )


def _label(x: float, y: float, lines: list[str], anchor: str = "start") -> str:
    """Lines of text from (x, y), one below the other."""
    spans = format_html_join(
        "", '<tspan x="{}" dy="{}">{}</tspan>',
        ((x, 0 if i == 0 else LINE, line) for i, line in enumerate(lines)),
    )  # fmt: skip
    return str(format_html('<text x="{}" y="{}" text-anchor="{}">{}</text>', x, y, anchor, spans))


def _legend(chart: Chart, width: float, top: float) -> tuple[str, float]:
    """The series' colours and names, wrapped across the width; returns (markup, height)."""
    if len(chart.series) < 2:
        return "", 0.0
    parts, x, y = [], 0.0, top
    for s, name in enumerate(chart.series):
        item = _text_width(name) + 30
        if x and x + item > width:
            x, y = 0.0, y + LINE + 4
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
                '<text x="{}" y="{}">{}</text>',
                x,
                y,
                PALETTE[s % len(PALETTE)],
                x + 14,
                y + 9,
                name,
            )  # fmt: skip
        )
        x += item
    return "".join(str(p) for p in parts), y - top + LINE + 6


def _bars(chart: Chart, width: int, variant: str) -> str:
    """Horizontal bars, one group per category; on a narrow drawing the label sits above."""
    series = len(chart.series)
    narrow = variant == "narrow"
    label_col = 0 if narrow else 250
    span = width - label_col - 64
    peaks = [max((values[s] for _c, values in chart.rows), default=0) or 1 for s in range(series)]
    parts, top = [], 4.0
    for category, values in chart.rows:
        lines = wrap(category, width if narrow else label_col - 10)
        if narrow:
            parts.append(_label(0, top + FONT, lines))
            bars_top = top + len(lines) * LINE + 2
            group = len(lines) * LINE + 2 + series * BAR
        else:
            block = max(series * BAR, len(lines) * LINE)
            text_top = top + (block - len(lines) * LINE) / 2 + FONT
            parts.append(_label(label_col - 8, text_top, lines, "end"))
            bars_top = top + (block - series * BAR) / 2
            group = block
        for s, value in enumerate(values):
            length = max(0.0, value) / peaks[s] * span
            y = bars_top + s * BAR
            parts.append(
                str(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{}, {}: {}</title></rect>"
                        '<text x="{}" y="{}">{}</text>',
                        label_col,
                        f"{y:.1f}",
                        f"{length:.1f}",
                        BAR - 2,
                        PALETTE[s % len(PALETTE)],
                        category,
                        chart.series[s],
                        _number(value),
                        f"{label_col + length + 4:.1f}",
                        f"{y + BAR - 3:.1f}",
                        _number(value),
                    )  # fmt: skip
                )
            )
        top += group + GAP
    legend, legend_height = _legend(chart, width, top + 4)
    height = top + legend_height + 6
    return _open(chart, width, height, variant) + "".join(parts) + legend + "</svg>"


def _ticks(peak: float) -> list[float]:
    """Four or five round steps from 0 to at least the peak."""
    if peak <= 0:
        return [0.0, 1.0]
    raw = peak / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if peak < 4:  # counts: whole steps
        step = max(1.0, math.ceil(step))
    return [i * step for i in range(math.ceil(peak / step) + 1)]


def _lines(chart: Chart, width: int, variant: str) -> str:
    """Lines over the years: one panel when the series share a scale, else one each."""
    panels = [list(range(len(chart.series)))] if chart.shared_scale else [
        [s] for s in range(len(chart.series))
    ]  # fmt: skip
    parts, top = [], 0.0
    for members in panels:
        markup, height = _panel(chart, members, width, variant, top)
        parts.append(markup)
        top += height
    legend = ""
    if chart.shared_scale:
        legend, legend_height = _legend(chart, width, top + 2)
        top += legend_height
    return _open(chart, width, top + 4, variant) + "".join(parts) + legend + "</svg>"


def _panel(
    chart: Chart, members: list[int], width: int, variant: str, top: float
) -> tuple[str, float]:
    """One line panel (axes, grid, lines, points and values); returns (markup, height)."""
    narrow = variant == "narrow"
    single = len(members) == 1
    # Room on the right for the end values of several lines; padding keeps the first and last
    # year clear of the axis labels.
    peak = max((chart.rows[i][1][s] for i in range(len(chart.rows)) for s in members), default=0)
    ticks = _ticks(peak)
    # Room on the left for the widest value on the axis ("200,000"), never less than 48.
    left = max(48, math.ceil(_text_width(_number(ticks[-1])) + 10))
    right, pad = 28 if single else 44, 16
    heading = ""
    head = 0.0
    if len(members) == 1 and not chart.shared_scale:
        lines = wrap(chart.series[members[0]], width)
        heading = _label(0, top + FONT + 2, lines)
        head = len(lines) * LINE + 6
    plot_top, plot_height = top + head + 16, 130 if narrow else 150
    bottom = plot_top + plot_height
    categories = [c for c, _v in chart.rows]
    years = [int(c) for c in categories] if all(c.isdigit() for c in categories) else None
    positions = years or list(range(len(categories)))
    low, high = min(positions), max(positions)
    inner = width - left - right - 2 * pad

    def x_at(i: int) -> float:
        if high == low:
            return left + pad + inner / 2
        return left + pad + (positions[i] - low) / (high - low) * inner

    def y_at(value: float) -> float:
        return bottom - value / ticks[-1] * plot_height

    parts = [heading]
    for tick in ticks:
        y = y_at(tick)
        parts.append(
            str(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d7de"></line>'
                    '<text x="{}" y="{}" text-anchor="end" fill="#57606a">{}</text>',
                    left,
                    width - right,
                    f"{y:.1f}",
                    f"{y:.1f}",
                    left - 6,
                    f"{y + 4:.1f}",
                    _number(tick),
                )  # fmt: skip
            )
        )
    # Year labels: every one when they fit, else every second or third.
    room = inner / max(1, len(categories) - 1) if len(categories) > 1 else inner
    every = max(1, math.ceil(_text_width("2025") * 1.3 / max(room, 1)))
    for i, category in enumerate(categories):
        if (len(categories) - 1 - i) % every == 0:  # counted from the latest year
            parts.append(
                str(
                    format_html(
                        '<text x="{}" y="{}" text-anchor="middle" fill="#57606a">{}</text>',
                        f"{x_at(i):.1f}",
                        f"{bottom + 16:.1f}",
                        category,
                    )  # fmt: skip
                )
            )
    ends: list[tuple[float, float, str, str]] = []  # (y, x, colour, value) at the lines' ends
    for s in members:
        colour = PALETTE[s % len(PALETTE)]
        points = [(x_at(i), y_at(values[s])) for i, (_c, values) in enumerate(chart.rows)]
        parts.append(
            str(
                format_html(
                    '<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"></polyline>',
                    colour,
                    " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                )  # fmt: skip
            )
        )
        for i, ((x, y), (category, values)) in enumerate(zip(points, chart.rows, strict=True)):
            parts.append(
                str(
                    format_html(
                        '<circle cx="{}" cy="{}" r="3.5" fill="{}"><title>{}, {}: {}</title>'
                        "</circle>",
                        f"{x:.1f}",
                        f"{y:.1f}",
                        colour,
                        category,
                        chart.series[s],
                        _number(values[s]),
                    )  # fmt: skip
                )
            )
            # Values on every point of a single line; with several lines, at their ends only
            # (the table under the chart has the rest).
            if not single:
                if i == len(points) - 1:
                    ends.append((y, x, colour, _number(values[s])))
                continue
            if (len(points) - 1 - i) % every == 0:
                parts.append(
                    str(
                        format_html(
                            '<text x="{}" y="{}" text-anchor="middle" fill="{}" '
                            'font-weight="600">{}</text>',
                            f"{x:.1f}",
                            f"{y - 8:.1f}",
                            colour,
                            _number(values[s]),
                        )  # fmt: skip
                    )
                )
    # End values beside the last points, moved apart where lines end close together.
    ends.sort()
    placed: list[float] = []
    for y, _x, _colour, _value in ends:
        placed.append(max(y + 4, placed[-1] + 12) if placed else y + 4)
    overflow = (placed[-1] - bottom - 4) if placed else 0
    for (_y, x, colour, value), y in zip(ends, placed, strict=True):
        y -= max(0.0, overflow)  # a crowd at the bottom moves up as one
        parts.append(
            str(
                format_html(
                    '<text x="{}" y="{}" fill="{}" font-weight="600">{}</text>',
                    f"{x + 7:.1f}",
                    f"{y:.1f}",
                    colour,
                    value,
                )  # fmt: skip
            )
        )
    return "".join(parts), bottom - top + 26


def fill_link(chart: Chart) -> tuple[str, str] | None:
    """Where an operator adds the data an empty chart needs: (address, link text)."""
    founded = ("directory:import", _("Import organisations with the year founded"))
    # Funding, overseas entries and awards are recorded on each organisation's figures page.
    organisation = ("directory:list", _("Find the organisation in the directory"))
    by_key = {
        "organisations_by_industry": ("directory:import", _("Import organisations")),
        "organisations_by_kind": founded,
        "startups_founded": founded,
        "funding_per_year": organisation,
        "funding_by_industry": organisation,
        "jobs_per_year": ("insights:import", _("Import figures")),
        "overseas_by_country": organisation,
        "awards_per_year": organisation,
        "partnerships": ("insights:pipeline", _("Open the agreements pipeline")),
        "programme_results": ("programs:list", _("Open the programmes")),
    }
    found = by_key.get(chart.key)
    if found is None:
        return None
    name, text = found
    args = ["agreements"] if name == "insights:pipeline" else []
    return reverse(name, args=args), str(text)


def chart_csv_rows(chart: Chart) -> list[list[str]]:
    """The chart's table as rows for a CSV file (header first)."""
    return [[chart.category, *chart.series]] + [
        [category, *(_plain(v) for v in values)] for category, values in chart.rows
    ]


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"
