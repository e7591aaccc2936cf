"""Cells that spreadsheet programs read as text, never as formulas (CSV/XLSX injection): an
applicant's answer "=HYPERLINK(...)" stays the text the applicant typed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from yeongilman.core.downloads import NamePart, name_download

# Excel, LibreOffice and Google Sheets start a formula with these (tab and CR too).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*")


def _is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)


def csv_cell(value: Any) -> Any:
    """A CSV value: text that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and _is_formula_like(value):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A CSV row with every cell made safe."""
    return [csv_cell(v) for v in values]


def xlsx_row(sheet: Worksheet | WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    """Cells for `sheet.append`: text that would start a formula is stored as text (shown
    exactly as written, no apostrophe); numbers and dates stay what they are."""
    row: list[Any] = []
    for value in values:
        if isinstance(value, str) and _is_formula_like(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(body: bytes, name: Sequence[NamePart]) -> HttpResponse:
    """A workbook as a download named after what it holds (`core.downloads`)."""
    return name_download(HttpResponse(body, content_type=XLSX_TYPE), name, "xlsx")
