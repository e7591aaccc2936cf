"""Drawing badges, personal agendas and table cards with fpdf2, the Korean font embedded.

The badge's QR code is the registration's signed code (onsite.codes), drawn as vector
squares so it stays crisp at any printer's resolution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _

from yeongilman.core.pdf import PLATFORM, face_number, font_for, korean_font
from yeongilman.directory.taxonomy import time_zone_label
from yeongilman.events.models import Event, Registration
from yeongilman.meetings.models import MeetingMode, MeetingRequest
from yeongilman.onsite.printing.data import (
    LABELS,
    Agenda,
    AgendaLine,
    Badge,
    Label,
    display_name,
    organisation_name,
    role_label,
)

INK, MUTED, BLUE, WHITE = (20, 33, 61), (92, 100, 116), (31, 111, 235), (255, 255, 255)
ROLE_COLOURS = {
    "staff": (20, 33, 61),
    "speaker": (130, 80, 223),
    "exhibitor": (227, 98, 9),
    "participant": (31, 111, 235),
}
PT = 0.3528  # millimetres per typographic point
A4_W, A4_H = 210.0, 297.0


def _document(title: str, texts: Iterable[str] | None = None, orientation: str = "P") -> Any:
    """An A4 document with the Korean font (a subset is embedded on output): the prepared cut
    when `texts`, everything the document shows beyond the platform's own words, fit in it."""
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, format="A4")
    if texts is None:
        font, face = korean_font(), face_number(korean_font())
    else:
        font, face = font_for([title, *texts])
    pdf.add_font("Korean", "", str(font), collection_font_number=face)
    pdf.set_font("Korean", size=10)
    pdf.set_title(title)
    pdf.set_author(PLATFORM)
    pdf.set_creator(PLATFORM)
    return pdf


def _fit(
    pdf: Any,
    text: str,
    x: float,
    y: float,
    width: float,
    largest: float,
    smallest: float,
    align: str = "C",
    colour: tuple[int, int, int] = INK,
) -> float:
    """Write `text` in one line at the largest size that fits `width`; at the smallest size
    it wraps instead of being cut. Returns the height used (mm)."""  # fmt: skip
    if not text:
        return 0.0
    pdf.set_font("Korean", size=largest)
    measured = pdf.get_string_width(text)
    size = largest if measured <= width else max(smallest, largest * width / measured * 0.98)
    pdf.set_font("Korean", size=size)
    pdf.set_text_color(*colour)
    line = size * PT * 1.25
    pdf.set_xy(x, y)
    if pdf.get_string_width(text) <= width:
        pdf.cell(width, line, text, align=align)
        return line
    pdf.multi_cell(width, line, text, align=align)
    return float(pdf.get_y() - y)


def _qr(pdf: Any, code: str, x: float, y: float, size: float, mask: int | None = None) -> None:
    """The code as a QR symbol of vector squares, with the quiet zone the standard asks for
    inside `size`. `mask` None lets segno score all eight masks (the most readable symbol);
    a fixed one skips that scoring, which is most of the time of a bulk run, and any mask is
    valid for every reader."""
    import segno

    matrix = segno.make(code, error="m", micro=False, mask=mask).matrix
    quiet = 4
    module = size / (len(matrix) + 2 * quiet)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    k, page_h = pdf.k, pdf.h
    left, top = x + quiet * module, y + quiet * module
    # A hair of overlap, so that no viewer's anti-aliasing draws seams between rows.
    seam = module * 0.04
    # One path of rectangles (a run of dark modules each), filled once: fpdf2's rect() per
    # run costs more than the whole rest of a badge.
    parts = []
    for r, row in enumerate(matrix):
        c, n = 0, len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                parts.append(
                    f"{(left + start * module) * k:.2f} {(page_h - top - r * module) * k:.2f} "
                    f"{((c - start) * module + seam) * k:.2f} {-(module + seam) * k:.2f} re"
                )
            else:
                c += 1
    pdf._out(" ".join(parts) + " f")  # noqa: SLF001 - the one way to write a path in one go


def _label_origins(label: Label) -> list[tuple[float, float]]:
    """Top-left corners of the labels on an A4 sheet, the block centred."""
    block_w = label.columns * label.width + (label.columns - 1) * label.gap_x
    block_h = label.rows * label.height + (label.rows - 1) * label.gap_y
    x0, y0 = (A4_W - block_w) / 2, (A4_H - block_h) / 2
    return [
        (x0 + c * (label.width + label.gap_x), y0 + r * (label.height + label.gap_y))
        for r in range(label.rows)
        for c in range(label.columns)
    ]


def _cut_marks(pdf: Any, label: Label) -> None:
    """Where to cut: short marks in the margins and gaps at every label edge, or, where the
    labels touch (A6 on A4), thin dashed lines along the shared edges."""
    pdf.set_draw_color(150, 150, 150)
    pdf.set_line_width(0.1)
    origins = _label_origins(label)
    xs = sorted({x for x, _y in origins} | {x + label.width for x, _y in origins})
    ys = sorted({y for _x, y in origins} | {y + label.height for _x, y in origins})
    if label.gap_x == 0 and label.gap_y == 0:
        pdf.set_dash_pattern(dash=2, gap=2)
        for x in xs[1:-1]:
            pdf.line(x, 0, x, A4_H)
        for y in ys[1:-1]:
            pdf.line(0, y, A4_W, y)
        pdf.set_dash_pattern()
        return
    # Marks point outwards from each corner; in a narrow gap they stay short so that two
    # neighbours' marks do not meet.
    across = 2.5 if label.gap_x >= 6 else max(0.5, label.gap_x / 2 - 0.5)
    down = 2.5 if label.gap_y >= 6 else max(0.5, label.gap_y / 2 - 0.5)
    for x, y in origins:
        for cx, sx in ((x, -1), (x + label.width, 1)):
            for cy, sy in ((y, -1), (y + label.height, 1)):
                pdf.line(cx + sx * 0.5, cy, cx + sx * (0.5 + across), cy)
                pdf.line(cx, cy + sy * 0.5, cx, cy + sy * (0.5 + down))


def _badge(pdf: Any, badge: Badge, event_title: str, event_when: str, label: Label,
           x: float, y: float, mask: int | None) -> None:  # fmt: skip
    """One badge with its top-left corner at x, y."""
    w, h = label.width, label.height
    portrait = h > w
    pad = 6.0 if portrait else 3.5
    band = 13.0 if portrait else 7.5  # the event's bar at the top
    foot = 12.0 if portrait else 7.0  # the role's bar at the bottom
    pdf.set_fill_color(*BLUE)
    pdf.rect(x, y, w, band, style="F")
    _fit(pdf, event_title, x + pad, y + (1.6 if portrait else 0.8), w - 2 * pad,
         12 if portrait else 8, 6, colour=WHITE)  # fmt: skip
    if portrait and event_when:
        _fit(pdf, event_when, x + pad, y + 7.6, w - 2 * pad, 8, 5, colour=WHITE)
    colour = ROLE_COLOURS.get(badge.role, BLUE)
    pdf.set_fill_color(*colour)
    pdf.rect(x, y + h - foot, w, foot, style="F")
    with translation.override("ko"):
        role_ko = role_label(badge.role)
    with translation.override("en"):
        role_en = role_label(badge.role)
    roles = role_ko if role_ko == role_en else f"{role_ko} · {role_en.upper()}"
    _fit(pdf, roles, x + pad, y + h - foot + (2.2 if portrait else 1.0), w - 2 * pad,
         16 if portrait else 10, 6, colour=WHITE)  # fmt: skip
    first, second = badge.name_ko, badge.name_latin
    if badge.language == "en" and second:
        first, second = second, first
    if portrait:
        qr = 46.0
        text_w = w - 2 * pad
        cursor = y + band + 7
        cursor += _fit(pdf, first or second, x + pad, cursor, text_w, 30, 12)
        if first and second:
            cursor += 1 + _fit(pdf, second, x + pad, cursor + 1, text_w, 17, 8, colour=MUTED)
        if badge.organisation:
            cursor += 3 + _fit(pdf, badge.organisation, x + pad, cursor + 3, text_w, 14, 7)
        _qr(pdf, badge.code, x + (w - qr) / 2, y + h - foot - qr - 6.5, qr, mask)
        if badge.short_code:  # the code to type at the desk, under the QR
            _fit(pdf, badge.short_code, x + pad, y + h - foot - 6.0, text_w, 11, 8)
    else:
        qr = h - band - foot - 2.0
        text_w = w - 2 * pad - qr
        cursor = y + band + 3
        cursor += _fit(pdf, first or second, x + pad, cursor, text_w, 20, 8, align="L")
        if first and second:
            cursor += 0.5 + _fit(pdf, second, x + pad, cursor + 0.5, text_w, 12, 6, align="L",
                                 colour=MUTED)  # fmt: skip
        if badge.organisation:
            _fit(pdf, badge.organisation, x + pad, cursor + 2, text_w, 10, 5, align="L")
        _qr(pdf, badge.code, x + w - qr - 1.0, y + band + 1.0, qr, mask)
        if badge.short_code:
            _fit(pdf, badge.short_code, x + pad, y + h - foot - 4.5, text_w, 9, 6, align="L")
    pdf.set_text_color(*INK)


def _event_when(event: Event) -> str:
    zone = ZoneInfo(event.time_zone or "UTC")
    start, end = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    days = start.strftime("%Y-%m-%d")
    if end.date() != start.date():
        days = f"{days} – {end.strftime('%Y-%m-%d')}"
    return " · ".join(x for x in (days, event.venue, event.city) if x)


def badges_pdf(
    event: Event,
    badges: list[Badge],
    label_key: str = "a6",
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """Badges on A4 sheets of the label size, with cut marks; progress(n) after each sheet.
    One badge gets the most readable QR mask; many get a fixed one (see _qr)."""
    label = LABELS.get(label_key, LABELS["a6"])
    title = event.title.primary or str(event.title)
    when = _event_when(event)
    texts = [title, when] + [
        text for b in badges for text in (b.name_ko, b.name_latin, b.organisation)
    ]
    pdf = _document(_("Badges: %(event)s") % {"event": event.title}, texts)
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0
    origins = _label_origins(label)
    for index, badge in enumerate(badges):
        slot = index % label.per_sheet
        if slot == 0:
            if index and progress:
                progress(index)
            pdf.add_page()
            _cut_marks(pdf, label)
        _badge(pdf, badge, title, when, label, *origins[slot], None if len(badges) == 1 else 2)
    if not badges:
        pdf.add_page()
        pdf.set_xy(20, 30)
        pdf.multi_cell(170, 7, _("No confirmed registrations to print badges for."), align="L")
    return bytes(pdf.output())


def _clock(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone or "UTC")).strftime("%H:%M")


def _day(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone or "UTC")).strftime("%Y-%m-%d")


def _agenda_pages(pdf: Any, event: Event, agenda: Agenda) -> None:
    """One person's pages, in their language (the caller overrides the translation)."""
    zone = event.time_zone or "UTC"
    pdf.add_page()
    pdf.set_font("Korean", size=9)
    pdf.set_text_color(*BLUE)
    pdf.cell(0, 5, PLATFORM, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Korean", size=11)
    pdf.cell(0, 6, _("Personal agenda"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Korean", size=20)
    pdf.multi_cell(0, 9, agenda.name, new_x="LMARGIN", new_y="NEXT", align="L")
    if agenda.organisation:
        pdf.set_font("Korean", size=12)
        pdf.multi_cell(0, 6, agenda.organisation, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(3)
    pdf.set_font("Korean", size=14)
    pdf.multi_cell(0, 7, str(event.title), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("Korean", size=10)
    place = ", ".join(x for x in (event.venue, event.city) if x)
    if place:
        pdf.multi_cell(0, 5, _("Venue: %(place)s") % {"place": place},
                       new_x="LMARGIN", new_y="NEXT", align="L")  # fmt: skip
    local = ZoneInfo(zone)
    pdf.multi_cell(0, 5, _("From %(start)s to %(end)s") % {
        "start": event.starts_at.astimezone(local).strftime("%Y-%m-%d %H:%M"),
        "end": event.ends_at.astimezone(local).strftime("%Y-%m-%d %H:%M"),
    }, new_x="LMARGIN", new_y="NEXT", align="L")  # fmt: skip
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 5, _("All times in the event's time zone: %(zone)s.")
                   % {"zone": time_zone_label(zone, agenda.language)},
                   new_x="LMARGIN", new_y="NEXT", align="L")  # fmt: skip
    pdf.set_text_color(*INK)
    _agenda_section(pdf, _("B2B meetings"), agenda.meetings, zone,
                    _("No meetings scheduled yet."))  # fmt: skip
    if agenda.sessions:
        heading = _("My sessions") if agenda.signed_up_sessions else _("Programme")
        _agenda_section(pdf, heading, agenda.sessions, zone, "")


def _agenda_section(pdf: Any, heading: str, lines: list[AgendaLine], zone: str,
                    empty: str) -> None:  # fmt: skip
    if pdf.get_y() + 30 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(5)
    pdf.set_font("Korean", size=14)
    pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*MUTED)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    if not lines:
        pdf.set_font("Korean", size=10)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 6, empty, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_text_color(*INK)
        return
    days = {_day(line.start, zone) for line in lines}
    time_w = 36.0
    text_w = pdf.w - pdf.l_margin - pdf.r_margin - time_w
    for line in lines:
        pdf.set_font("Korean", size=11)
        title_rows = len(
            pdf.multi_cell(text_w, 5.5, line.title, dry_run=True, output="LINES", align="L")
        )
        pdf.set_font("Korean", size=9)
        more = [t for t in (line.where, line.detail) if t]
        extra = sum(len(pdf.multi_cell(text_w, 4.5, t, dry_run=True, output="LINES", align="L"))
                    for t in more)  # fmt: skip
        height = 5.5 * title_rows + 4.5 * extra + 3
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_font("Korean", size=10)
        when = f"{_clock(line.start, zone)}–{_clock(line.end, zone)}"
        if len(days) > 1:
            when = f"{_day(line.start, zone)}\n{when}"
        pdf.multi_cell(time_w, 5.5, when, new_x="RIGHT", new_y="TOP", align="L")
        pdf.set_xy(pdf.l_margin + time_w, top)
        pdf.set_font("Korean", size=11)
        if line.free:
            pdf.set_text_color(*MUTED)
        pdf.multi_cell(text_w, 5.5, line.title, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_text_color(*INK)
        pdf.set_font("Korean", size=9)
        for n, text in enumerate(more):
            pdf.set_text_color(*(INK if n == 0 and line.where else MUTED))
            pdf.set_x(pdf.l_margin + time_w)
            pdf.multi_cell(text_w, 4.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_text_color(*INK)
        pdf.set_y(max(pdf.get_y(), top + (11 if len(days) > 1 else 5.5)) + 3)


def _agenda_texts(agendas: list[Agenda]) -> Iterator[str]:
    for agenda in agendas:
        yield agenda.name
        yield agenda.organisation
        for line in [*agenda.meetings, *agenda.sessions]:
            yield from (line.title, line.where, line.detail)


def agendas_pdf(
    event: Event, agendas: list[Agenda], progress: Callable[[int], None] | None = None
) -> bytes:
    """Personal agendas, each person's pages in that person's language, in one file."""
    pdf = _document(
        _("Personal agendas: %(event)s") % {"event": event.title},
        [str(event.title), event.venue, event.city, *_agenda_texts(agendas)],
    )
    pdf.set_auto_page_break(auto=True, margin=15)
    for index, agenda in enumerate(agendas):
        with translation.override(agenda.language):
            _agenda_pages(pdf, event, agenda)
        if progress and index % 50 == 49:
            progress(index + 1)
    if not agendas:
        pdf.add_page()
        pdf.multi_cell(0, 7, _("No confirmed registrations to print agendas for."), align="L")
    return bytes(pdf.output())


def table_cards_pdf(event: Event, meetings: list[MeetingRequest]) -> bytes:
    """One landscape page per B2B table: its number, large, and its meetings by slot."""
    zone = event.time_zone or "UTC"
    by_table: dict[int, list[MeetingRequest]] = {}
    for m in meetings:
        if m.mode != MeetingMode.ONLINE and m.table:
            by_table.setdefault(m.table, []).append(m)
    capacities = [s.tables for s in event.slots.all()]
    count = max([event.b2b_tables, *capacities, *by_table.keys()], default=0)
    pdf = _document(_("Table cards: %(event)s") % {"event": event.title}, orientation="L")
    pdf.set_auto_page_break(False)
    language = translation.get_language() or "ko"
    for table in range(1, count + 1):
        pdf.add_page()
        pdf.set_font("Korean", size=12)
        pdf.set_text_color(*BLUE)
        pdf.set_xy(15, 12)
        pdf.cell(267, 6, f"{PLATFORM} · {event.title}")
        pdf.set_text_color(*INK)
        # The number is read from across the hall: as large as the left half allows.
        pdf.set_xy(15, 38)
        pdf.set_font("Korean", size=40)
        pdf.cell(125, 16, _("Table"), align="C")
        number = str(table)
        pdf.set_font("Korean", size=280)
        size = min(280.0, 280 * 120 / pdf.get_string_width(number))
        pdf.set_font("Korean", size=size)
        pdf.set_xy(15, 60)
        pdf.cell(125, size * PT * 1.1, number, align="C")
        pdf.set_draw_color(*MUTED)
        pdf.line(146, 30, 146, 195)
        pdf.set_xy(152, 30)
        pdf.set_font("Korean", size=14)
        pdf.cell(130, 7, _("Meetings at this table"))
        pdf.set_xy(152, 38)
        pdf.set_font("Korean", size=9)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(
            130, 4.5, _("Times in %(zone)s") % {"zone": time_zone_label(zone, language)}, align="L"
        )
        pdf.set_text_color(*INK)
        rows = by_table.get(table, [])
        # Two lines a meeting (one per side); more slots than fit get a smaller size.
        size = 11 if len(rows) <= 12 else max(6.5, 11 * 12 / len(rows))
        line = size * PT * 1.3
        pdf.set_y(pdf.get_y() + 3)
        if not rows:
            pdf.set_x(152)
            pdf.set_font("Korean", size=11)
            pdf.cell(130, 6, _("No meetings scheduled at this table."))
        for m in rows:
            assert m.slot is not None
            top = pdf.get_y()
            pdf.set_font("Korean", size=size)
            pdf.set_x(152)
            pdf.cell(25, line, f"{_clock(m.slot.starts_at, zone)}–{_clock(m.slot.ends_at, zone)}")
            pdf.set_xy(177, top)
            pdf.multi_cell(
                105, line, _party(m.requester, language), new_x="LMARGIN", new_y="NEXT", align="L"
            )
            pdf.set_x(177)
            pdf.multi_cell(105, line, f"↔ {_party(m.recipient, language)}",
                           new_x="LMARGIN", new_y="NEXT", align="L")  # fmt: skip
            pdf.set_y(pdf.get_y() + line * 0.5)
    if count == 0:
        pdf.add_page()
        pdf.set_xy(20, 30)
        pdf.multi_cell(250, 7, _("This event has no B2B tables."), align="L")
    return bytes(pdf.output())


def _party(registration: Registration, language: str) -> str:
    org = organisation_name(registration)
    name = display_name(registration, language)
    return f"{org} ({name})" if org else name
