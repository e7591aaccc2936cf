"""Export a list of organisations to CSV or XLSX in the import's own columns (round-trips)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from yeongilman.core.spreadsheets import csv_row, xlsx_row
from yeongilman.directory.importing import COLUMNS
from yeongilman.directory.models import Organisation


def export_rows(organisations: Iterable[Organisation]) -> Iterator[list[str]]:
    """Yield the header, then one row per organisation."""
    yield list(COLUMNS)
    for o in organisations:
        yield [
            o.kind, o.name_ko, o.name_en, o.description_ko, o.description_en,
            ";".join(i.code for i in o.industries.all()), o.stage, o.city, o.country,
            "" if o.founded_year is None else str(o.founded_year),
            "" if o.employees is None else str(o.employees),
            o.website, o.business_number, ";".join(o.tags),
            "yes" if o.is_published else "no", o.source,
        ]  # fmt: skip


def export_csv(organisations: Iterable[Organisation]) -> Iterator[str]:
    """Stream UTF-8 CSV (with BOM so Excel reads Korean correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for row in export_rows(organisations):
        writer.writerow(csv_row(row))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)


def export_xlsx(organisations: Iterable[Organisation]) -> bytes:
    """Build an XLSX workbook with one sheet of organisations."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    for row in export_rows(organisations):
        sheet.append(xlsx_row(sheet, row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
