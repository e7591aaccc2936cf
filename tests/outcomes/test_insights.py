"""The meeting funnel on the operators' dashboard and in the briefing (PDF and XLSX)."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from yeongilman.insights.reports import briefing, briefing_pdf, briefing_xlsx
from yeongilman.outcomes import services


def _url(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


def test_operators_dashboard_shows_the_funnel_and_the_public_one_does_not(
    client, meeting, operator
):
    login(client, operator)
    page = client.get(_url("insights:dashboard")).content.decode()
    assert 'id="meeting-funnel"' in page
    assert "Past B2B day" in page
    assert 'id="meeting-funnel"' not in client.get(_url("insights:summary")).content.decode()


def test_briefing_has_the_funnel_tables(meeting, sides, member, operator, after_follow_up_period):
    services.feedback_record(actor=member, meeting=meeting, side=sides[0], verdict="held",
                             now=after_follow_up_period)  # fmt: skip
    b = briefing(2025, 2025, "en")
    titles = [title for title, _header, _rows in b.meeting_funnel]
    assert titles == ["B2B meetings by event", "B2B meetings by partner country",
                      "B2B meetings by year"]  # fmt: skip
    # Negotiation is 0 of 1 held; agreement has no negotiation to divide by, so no rate.
    assert b.meeting_funnel[1][2] == [
        ["United States", "1", "0 (0.0 %)", "1 (100.0 %)", "1 (100.0 %)", "0 (0.0 %)", "0"]
    ]
    assert briefing_pdf(b).startswith(b"%PDF")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(briefing_xlsx(b)))
    sheet = book["B2B meetings"]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "B2B meetings by partner country" in values
    assert "United States" in values


def test_a_briefing_of_years_without_meetings_has_no_funnel(meeting):
    assert briefing(2019, 2020, "en").meeting_funnel == []
