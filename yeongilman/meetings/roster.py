"""The operators' interpreter roster of a B2B day as XLSX: one row per interpreter per slot."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from yeongilman.core.spreadsheets import xlsx_row
from yeongilman.events.models import Event, Registration
from yeongilman.events.templatetags.event_times import in_zone
from yeongilman.meetings.models import MeetingMode, MeetingRequest
from yeongilman.meetings.selectors import interpreter_roster


def side_name(registration: Registration) -> str:
    """A participant as the roster names them: organisation, then person."""
    person = str(registration.user)
    if registration.organisation is not None:
        return f"{registration.organisation.name} ({person})"
    return person


def place_of(meeting: MeetingRequest) -> str:
    """Where a meeting is held: its table, or online."""
    if meeting.mode == MeetingMode.ONLINE:
        return _("Online")
    return _("Table %(table)s") % {"table": meeting.table}


def roster_xlsx(event: Event) -> bytes:
    """The workbook's bytes; times in the event's own zone (where the interpreters work)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Interpreters"))
    header = [_("Time"), _("Interpreter"), _("Languages"), _("Where"), _("Participants")]
    sheet.append(xlsx_row(sheet, header))
    for row in interpreter_roster(event):
        meeting = row.meeting
        sheet.append(
            xlsx_row(
                sheet,
                [
                    in_zone(row.slot.starts_at, event.time_zone),
                    row.interpreter.name,
                    row.interpreter.languages,
                    place_of(meeting) if meeting else "",
                    f"{side_name(meeting.requester)} ↔ {side_name(meeting.recipient)}"
                    if meeting
                    else "",
                ],
            )
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
