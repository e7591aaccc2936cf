"""An operator opens the dashboard, filters it by industry and downloads a chart's CSV; the
file holds what the table on the page shows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation
from yeongilman.insights import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "yeongilman-demo"


def test_operator_filters_the_dashboard_and_downloads_a_chart(page, demo_data):
    operator = User.objects.get(email="operator@demo.yeongilman.kr")
    graphene = Organisation.objects.get(name_en="Graphene Square")
    bio = Organisation.objects.get(name_en="Nature Gluetech")
    for org, revenue, employees in ((graphene, 4_000_000_000, 30), (bio, 900_000_000, 12)):
        # 2019: a year before the demo world's invented figures (they start five years back).
        services.figure_record(actor=operator, organisation=org, year=2019, values={
            "revenue": Decimal(revenue), "employees": employees, "is_published": True})  # fmt: skip
    services.funding_record(actor=operator, organisation=bio, values={
        "date": dt.date(2025, 4, 1), "round": "seed", "amount": Decimal("1500000000"),
        "is_published": True})  # fmt: skip

    page.goto(page.base_url + "/en/accounts/login/")
    page.get_by_label("E-mail address").fill(operator.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto(page.base_url + "/en/insights/all/")
    expect(page.get_by_role("heading", name="Ecosystem dashboard")).to_be_visible()
    awards = page.locator("#chart-awards_per_year svg.chart-wide")  # demo CES awards, a line
    expect(awards).to_be_visible()
    expect(awards.locator("polyline")).to_have_count(1)
    expect(page.locator("#chart-awards_per_year svg.chart-narrow")).to_be_hidden()
    expect(page.locator("#ops-next-steps")).to_be_visible()  # the operators' panels

    page.locator("form.filters select[name=industry]").select_option("bio")
    page.locator("form.filters input[name=year]").fill("2019")
    page.get_by_role("button", name="Filter").click()
    jobs = page.locator("#chart-jobs_per_year")
    jobs.get_by_text("Table").click()
    expect(jobs.locator("table")).to_contain_text("12")  # only the bio start-up's jobs
    expect(jobs.locator("table")).not_to_contain_text("42")

    with page.expect_download() as download:
        jobs.get_by_role("link", name="Download CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][0] == "Year" and rows[1][:3] == ["2019", "12", "900"]

    # On a phone the narrow drawing shows instead, and the page does not scroll sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    expect(jobs.locator("svg.chart-narrow")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
