"""What the dashboard, the boards and the briefing show a reader: empty charts say what would
fill them, series over years are lines, labels are whole, operators alone see the pipelines,
and the briefing names the platform, its dates and its pages."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from tests.conftest import login
from tests.factories import make_organisation
from yeongilman.insights import services
from yeongilman.insights.charts import chart_svg
from yeongilman.insights.reports import briefing, briefing_pdf
from yeongilman.insights.selectors import CHARTS, Chart, Filters


def _section(page: str, key: str) -> str:
    start = page.index(f'id="chart-{key}"')
    return page[start : page.index("</section>", start)]


def test_empty_charts_say_what_fills_them_and_operators_get_where_to_add_it(client, operator):
    login(client, operator)
    page = client.get("/en/insights/all/").content.decode()
    jobs = _section(page, "jobs_per_year")
    assert "No data yet." in jobs and "yearly figures (employees, revenue, exports)" in jobs
    assert 'href="/en/insights/figures/import/"' in jobs
    assert "<svg" not in jobs
    funding = _section(page, "funding_per_year")
    assert "funding rounds (date, round and amount)" in funding
    assert 'href="/en/directory/"' in funding


def test_visitors_get_the_explanation_without_the_operators_link(client, db):
    page = client.get("/en/insights/").content.decode()
    jobs = _section(page, "jobs_per_year")
    assert "No published data yet." in jobs and "yearly figures" in jobs
    assert "/insights/figures/import/" not in jobs


def test_a_filter_that_matches_nothing_says_so(client, ecosystem):
    page = client.get("/en/insights/?year=1999").content.decode()
    assert "Nothing matches these filters." in _section(page, "jobs_per_year")


@pytest.mark.usefixtures("english")
def test_series_over_years_are_lines_with_their_numbers_as_text(ecosystem):
    jobs = CHARTS["jobs_per_year"](Filters(public=False))
    svg = str(chart_svg(jobs))
    # Wide, medium and narrow drawings, three panels each.
    assert jobs.kind == "line" and svg.count("<polyline") == 3 * 3
    # The description carries every number: 2025 has 25 + 7 + 40 jobs.
    assert "2025: Jobs 72, Revenue (million KRW) 6,000" in svg
    assert "<title" in svg and 'role="img"' in svg
    industries = str(chart_svg(CHARTS["organisations_by_industry"](Filters())))
    assert "<polyline" not in industries and "<rect" in industries


def test_long_labels_are_wrapped_whole_not_cut():
    label = "Medical devices & digital health"
    chart = Chart("x", "Test", "Industry", ["Organisations"], [(label, [3.0]), ("AI", [1.0])])
    svg = str(chart_svg(chart))
    words = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(words).count("Medical devices") == 3  # in each of the three drawings
    assert all(word in " ".join(words) for word in label.split())
    assert "digital he<" not in svg


def test_operators_see_the_pipelines_panel_and_members_do_not(client, operator, member, usd_rate):
    services.lead_save(actor=operator, values={
        "title": "Cathode plant", "stage": "site_visit", "probability": 40, "owner": operator,
        "next_step": "Send the site offer",
        "next_step_due": timezone.localdate() - dt.timedelta(days=2)})  # fmt: skip
    login(client, operator)
    page = client.get("/en/insights/all/").content.decode()
    assert 'id="ops-leads"' in page and 'id="ops-next-steps"' in page
    steps = page[page.index('id="ops-next-steps"') :]
    assert "Cathode plant" in steps and "Send the site offer" in steps and "Overdue since" in steps
    assert "operators only" in page
    login(client, member)
    public = client.get("/en/insights/").content.decode()
    assert "ops-panels" not in public and "Cathode plant" not in public
    assert client.get("/en/insights/all/").status_code == 403


def test_the_operators_panels_read_in_fixed_queries(client, operator, usd_rate):
    login(client, operator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/en/insights/all/")
        return len(captured)

    services.lead_save(actor=operator, values={"title": "Lead 0", "stage": "lead",
                       "probability": 10, "owner": operator,
                       "next_step_due": timezone.localdate()})  # fmt: skip
    before = queries()
    for i in range(1, 6):
        services.lead_save(actor=operator, values={"title": f"Lead {i}", "stage": "contacted",
                           "probability": 10, "owner": operator, "next_step": "Call",
                           "next_step_due": timezone.localdate()})  # fmt: skip
    assert queries() == before


def test_board_cards_show_owner_amount_in_both_currencies_and_due_date(client, operator,
                                                                      usd_rate):  # fmt: skip
    services.lead_save(actor=operator, values={
        "title": "Cathode plant", "stage": "site_visit", "probability": 40, "owner": operator,
        "amount": Decimal("1200000000"), "currency": "USD", "next_step": "Send the site offer",
        "next_step_due": dt.date(2020, 3, 1)})  # fmt: skip
    login(client, operator)
    page = client.get("/en/insights/pipelines/leads/").content.decode()
    card = page[page.index('class="board-card"') :]
    card = card[: card.index("</article>")]
    assert "Op Erator" in card
    assert "USD 1.2 billion" in card and "KRW 1.56 trillion" in card  # at 1,300 KRW a dollar
    assert "Overdue since 2020-03-01" in card and "Send the site offer" in card
    assert page.count('class="board-column"') == 7  # every stage, one row that scrolls


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text().replace("\x00", "") for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_briefing_names_the_platform_its_dates_and_its_pages(ecosystem):
    pages = _pages(briefing_pdf(briefing(2024, 2025, "en")))
    text = "".join(pages).replace(" ", "")
    assert "YeongilmanValley" in text and "영일만밸리" in text
    assert f"Generatedon{timezone.localdate():%Y-%m-%d}" in text
    assert f"Dataasof{timezone.localdate():%Y-%m-%d}" in text
    assert len(pages) >= 2
    for n, page in enumerate(pages, 1):
        assert f"{n}/{len(pages)}" in page.replace(" ", ""), n


def test_the_briefing_keeps_industry_names_whole_and_no_heading_at_a_page_foot(db, operator):
    # Enough organisations in enough industries to need a second page.
    for code in ("medtech", "bio", "battery", "hydrogen", "ai", "robotics", "materials"):
        make_organisation(operator, name_en=f"Org {code}", industries=(code,))
    b = briefing(2024, 2025, "en")
    pages = _pages(briefing_pdf(b))
    text = "".join(pages).replace(" ", "").replace("\n", "")
    for chart in b.charts:
        for category, _values in chart.rows:
            assert category.replace(" ", "") in text, category
    headings = {c.title for c in b.charts} | {"Headline figures", "Top changes", "Pipelines"}
    for page in pages:
        body = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in body if "Generated on" not in line]
        assert body[-1] not in headings, body[-1]
