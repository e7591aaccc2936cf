"""A stand's leads as a spreadsheet: every cell formula-safe, contact details only as shared."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from yeongilman.core.spreadsheets import xlsx_row
from yeongilman.events.models import Exhibitor
from yeongilman.exhibitors.selectors import leads_of, shared_contacts


def leads_xlsx(exhibitor: Exhibitor) -> bytes:
    """The exhibitor's leads as an XLSX workbook in the current language."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Leads")[:31])
    sheet.append(
        xlsx_row(
            sheet,
            [
                _("Name"),
                _("Organisation"),
                _("E-mail"),
                _("Phone"),
                _("Rating"),
                _("Tags"),
                _("Note"),
                _("Follow up on"),
                _("Captured by"),
                _("Captured at"),
            ],
        )
    )
    leads = list(leads_of(exhibitor))
    contacts = shared_contacts(leads)
    zone = timezone.get_current_timezone()
    for lead in leads:
        visitor = lead.registration.user
        organisation = lead.registration.organisation
        contact = contacts[lead.pk]
        sheet.append(
            xlsx_row(
                sheet,
                [
                    visitor.full_name or _("(no name given)"),
                    str(organisation.name.primary) if organisation else "",
                    contact.email,
                    contact.phone,
                    lead.rating,
                    ", ".join(lead.tags),
                    lead.note,
                    lead.follow_up_on,
                    str(lead.captured_by) if lead.captured_by else "",
                    timezone.localtime(lead.updated_at, zone).replace(tzinfo=None),
                ],
            )
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
