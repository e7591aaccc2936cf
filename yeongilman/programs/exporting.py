"""The operators' XLSX of a call's applications: one row each, one column per question."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from yeongilman.core.spreadsheets import xlsx_row
from yeongilman.programs.answers import display_value
from yeongilman.programs.models import Call, FieldKind


def applications_xlsx(call: Call, site: str) -> bytes:
    """The workbook's bytes; file answers are links to the access-checked download."""
    fields = list(call.fields.all())
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Applications"))
    fixed = [_("Organisation"), _("Status"), _("Submitted"), _("Outcome"), _("Reason")]
    sheet.append(xlsx_row(sheet, fixed + [str(f.label) for f in fields]))
    zone = timezone.get_current_timezone()
    applications = call.applications.select_related("organisation").prefetch_related("files")
    for application in applications.order_by("pk"):
        files = {f.field_key: f for f in application.files.all()}
        submitted = (
            timezone.localtime(application.submitted_at, zone).strftime("%Y-%m-%d %H:%M")
            if application.submitted_at
            else ""
        )
        row: list[str] = [
            str(application.organisation),
            application.get_status_display(),
            submitted,
            application.get_outcome_display(),
            application.outcome_reason,
        ]
        for field in fields:
            if field.kind == FieldKind.FILE:
                upload = files.get(field.key)
                row.append(site + reverse("programs:file", args=[upload.pk]) if upload else "")
            else:
                row.append(display_value(field, application.answers.get(field.key)))
        sheet.append(xlsx_row(sheet, row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
