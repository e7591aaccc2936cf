"""The operators' booking matrix of a B2B day as XLSX: a row per participant, a column per slot
(times in the event's zone), totals per participant and per slot; every cell formula-safe."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from yeongilman.core.spreadsheets import xlsx_row
from yeongilman.directory.taxonomy import time_zone_label
from yeongilman.events.models import Event
from yeongilman.meetings.manage_selectors import BookingMatrix, MatrixCell, booking_matrix


def cell_text(cell: MatrixCell | None) -> str:
    """A meeting as one cell: 'Partner · Table 3', 'Partner · Online', '· Interpreter: Kim'."""
    if cell is None:
        return ""
    where = _("Online") if cell.online else _("Table %(table)s") % {"table": cell.table or "—"}
    parts = [cell.partner_name, where]
    if cell.interpreter:
        parts.append(_("Interpreter: %(name)s") % {"name": cell.interpreter})
    elif cell.needs_interpreter:
        parts.append(_("Needs an interpreter"))
    return " · ".join(parts)


def matrix_rows(event: Event, matrix: BookingMatrix) -> list[list[object]]:
    """The sheet as plain rows: a zone line, the header, one row per participant, two totals."""
    columns = matrix.columns
    zone = _("Times in the event's time zone (%(zone)s).") % {
        "zone": time_zone_label(event.time_zone)
    }
    header: list[object] = [_("Participant"), _("Organisation")]
    header += [f"{c.day.isoformat()} {c.start}–{c.end}" for c in columns]
    header.append(_("Meetings"))
    rows: list[list[object]] = [[zone], header]
    for row in matrix.rows:
        rows.append([row.name, row.organisation, *map(cell_text, row.cells), row.meetings])
    rows.append(["", _("Meetings per slot"), *(t.meetings for t in matrix.totals), matrix.meetings])
    rows.append(
        ["", _("Tables used"), *(f"{t.tables_used} / {t.column.tables}" for t in matrix.totals)]
    )
    return rows


def matrix_xlsx(event: Event) -> bytes:
    """The workbook's bytes, in the current language."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Booking matrix")[:31])
    for values in matrix_rows(event, booking_matrix(event)):
        sheet.append(xlsx_row(sheet, values))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
