"""Charts agree with the data: expected totals are computed here from the fixture's own
numbers, not from the code under test."""

from __future__ import annotations

from yeongilman.insights.selectors import CHARTS, Filters


def _rows(key, **filters):
    return dict(CHARTS[key](Filters(**filters)).rows)


def test_public_jobs_and_revenue_count_only_published_figures(ecosystem):
    public = _rows("jobs_per_year")
    everything = _rows("jobs_per_year", public=False)
    # 2025 published: battery 25 + lab 40; the bio start-up's 7 is unpublished.
    assert public["2025"][0] == 65 and everything["2025"][0] == 72
    # Revenue in million KRW: 3,000 + 2,000,000 USD × 1,300 = 2,600 → 5,600.
    assert public["2025"][1] == 5600.0
    assert everything["2025"][1] == 6000.0
    assert public["2024"] == [15.0, 1500.0, 0.0]


def test_filters_by_industry_city_and_year(ecosystem):
    assert _rows("jobs_per_year", industry="battery") == {
        "2024": [10.0, 1000.0, 0.0],
        "2025": [25.0, 3000.0, 0.0],
    }
    assert list(_rows("jobs_per_year", city="Pittsburgh")) == ["2025"]
    assert list(_rows("jobs_per_year", year=2024)) == ["2024"]


def test_funding_per_year_and_industry(ecosystem):
    per_year = _rows("funding_per_year")
    # 2025: seed 2,000 million KRW + pre-A 1,000,000 USD × 1,300 = 1,300 million KRW.
    assert per_year["2025"] == [3300.0, 2.0]
    assert "2024" not in per_year  # the 2024 round is unpublished
    assert _rows("funding_per_year", public=False)["2024"] == [700.0, 1.0]
    by_industry = CHARTS["funding_by_industry"](Filters())
    values = {c: v[0] for c, v in by_industry.rows}
    assert sorted(values.values()) == [1300.0, 2000.0]  # bio and battery


def test_overseas_by_country_and_organisations(ecosystem):
    public = CHARTS["overseas_by_country"](Filters())
    assert [v[0] for _c, v in public.rows] == [2.0]  # two published US entries
    everything = CHARTS["overseas_by_country"](Filters(public=False))
    assert sorted(v[0] for _c, v in everything.rows) == [1.0, 2.0]
    industries = CHARTS["organisations_by_industry"](Filters())
    # battery start-up: battery; bio start-up: bio; the lab: robotics and AI.
    assert [v[0] for _c, v in industries.rows] == [1.0, 1.0, 1.0, 1.0]
    founded = _rows("startups_founded")
    assert founded == {"2021": [1.0], "2022": [1.0]}


def test_kinds_over_time_accumulate_and_are_empty_without_founding_years(db, operator):
    from tests.factories import make_organisation

    assert CHARTS["organisations_by_kind"](Filters()).rows == []
    make_organisation(operator, name_en="Old Lab", kind="research", founded_year=2020)
    make_organisation(operator, name_en="New Startup", kind="startup", founded_year=2022)
    rows = dict(CHARTS["organisations_by_kind"](Filters()).rows)
    assert list(rows) == ["2020", "2021", "2022"]
    assert rows["2021"] == [0.0, 1.0] and rows["2022"] == [1.0, 1.0]  # start-ups, research


def test_charts_built_on_part_of_the_organisations_say_how_many(ecosystem, operator):
    """A chart drawn from some organisations only says so: those without a founding year are
    left out of the founding charts, and the recorded charts show who recorded anything."""
    from django.utils import translation

    from tests.factories import make_organisation

    make_organisation(operator, name_en="Year Unknown Start-up", kind="startup", city="Pohang")
    with translation.override("en"):
        charts = {key: CHARTS[key](Filters()) for key in CHARTS}
        assert charts["startups_founded"].coverage == (
            "1 of 3 start-ups has no founding year; the chart counts the others."
        )
        assert charts["organisations_by_kind"].coverage == (
            "2 of 4 organisations have no founding year; the chart counts the others."
        )
        assert charts["funding_per_year"].coverage == (
            "2 of 4 organisations have recorded funding rounds; the chart shows theirs only."
        )
        assert charts["jobs_per_year"].coverage == (
            "3 of 4 organisations have recorded yearly figures; the chart shows theirs only."
        )
        assert charts["overseas_by_country"].coverage == (
            "2 of 4 organisations have recorded overseas entries; the chart shows theirs only."
        )
        assert charts["awards_per_year"].coverage == ""  # nothing recorded: the chart is empty
        # Narrowed to the battery industry: one start-up, with its founding year.
        assert CHARTS["startups_founded"](Filters(industry="battery")).coverage == ""
    with translation.override("ko"):
        assert CHARTS["startups_founded"](Filters()).coverage == (
            "스타트업 3곳 중 1곳은 설립 연도가 없어, 나머지만으로 그린 차트입니다."
        )


def test_the_public_dashboard_shows_what_part_a_chart_is_built_on(client, ecosystem):
    html = client.get("/en/insights/").content.decode()
    assert "3 of 3 organisations have recorded yearly figures" in html
