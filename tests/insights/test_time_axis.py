"""A time axis never skips a year, and charts are drawn for the page's width on desktops."""

from __future__ import annotations

import pytest
from django.utils import translation

from yeongilman.insights.charts import chart_svg
from yeongilman.insights.models import Award
from yeongilman.insights.selectors import CHARTS, Filters, every_year


def test_missing_years_between_the_first_and_the_last_are_zeros():
    rows = [("2022", [1.0, 2.0]), ("2025", [3.0, 4.0])]
    assert every_year(rows) == [
        ("2022", [1.0, 2.0]), ("2023", [0.0, 0.0]), ("2024", [0.0, 0.0]), ("2025", [3.0, 4.0]),
    ]  # fmt: skip
    assert every_year([("Pohang", [1.0]), ("Seoul", [2.0])]) == [
        ("Pohang", [1.0]),
        ("Seoul", [2.0]),
    ]


@pytest.mark.django_db
def test_awards_chart_shows_the_year_without_awards(battery_startup):
    for year in (2023, 2023, 2025):
        Award.objects.create(organisation=battery_startup, year=year, name="Innovation award")
    with translation.override("en"):
        chart = CHARTS["awards_per_year"](Filters(public=False))
        svg = str(chart_svg(chart))
    assert chart.rows == [("2023", [2.0]), ("2024", [0.0]), ("2025", [1.0])]
    assert "2024, Awards: 0" in svg  # a point on the line, with its value


@pytest.mark.django_db
def test_the_desktop_drawing_spans_the_page(battery_startup):
    Award.objects.create(organisation=battery_startup, year=2025, name="Innovation award")
    svg = str(chart_svg(CHARTS["awards_per_year"](Filters(public=False))))
    assert [m for m in ("chart-wide", "chart-medium", "chart-narrow") if m in svg] == [
        "chart-wide", "chart-medium", "chart-narrow",
    ]  # fmt: skip
    assert 'viewBox="0 0 1100 ' in svg


def test_large_axis_values_get_room_on_the_left():
    from yeongilman.insights.selectors import Chart

    chart = Chart("x", "Funding", "Year", ["Million KRW"],
                  [("2024", [1.0]), ("2025", [227_917.0])], kind="line")  # fmt: skip
    svg = str(chart_svg(chart))
    label = svg[: svg.index(">300,000<")]
    x = float(label[label.rindex('x="') + 3 :].split('"')[0])
    assert x - len("300,000") * 0.58 * 12 >= 0  # the label ends at x: all of it is drawn
