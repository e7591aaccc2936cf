"""Countries and time zones are shown by name in the viewer's language, never as codes."""

from __future__ import annotations

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import translation

from yeongilman.directory.taxonomy import country_choices, country_label, time_zone_label


def _render(source: str, lang: str, **context) -> str:
    with translation.override(lang):
        return Template("{% load labels %}" + source).render(Context(context))


def test_countries_by_name_in_both_languages_also_beyond_the_short_list():
    assert _render("{{ c|country_name }}", "ko", c="US") == "미국"
    assert _render("{{ cs|country_names }}", "en", cs=["KR", "BR"]) == "South Korea, Brazil"
    assert country_label("BR", "ko") == "브라질"
    assert country_label("", "ko") == ""


def test_time_zones_by_name():
    assert time_zone_label("Asia/Seoul", "ko") == "대한민국 시간"
    assert time_zone_label("America/New_York", "en") == "Eastern Time"
    assert _render("{{ z|zone_name }}", "ko", z="America/Los_Angeles") == "미 태평양 시간"
    assert time_zone_label("UTC", "en") == "UTC"


def test_a_utc_browser_reads_utc_once():
    # Some systems call it "Etc/UTC"; CLDR would make that an unknown region.
    assert time_zone_label("Etc/UTC", "ko") == "UTC"
    moment = datetime(2027, 1, 7, 17, 0, tzinfo=UTC)
    assert (
        _render("{% load event_times %}{{ t|in_zone:'Etc/UTC' }}", "en", t=moment)
        == "2027-01-07 17:00 UTC"
    )
    seoul = _render("{% load event_times %}{{ t|in_zone:'Asia/Seoul' }}", "en", t=moment)
    assert seoul == "2027-01-08 02:00 KST (Korean Time)"


def test_country_choices_start_with_the_ecosystems_countries_then_by_name():
    choices = country_choices("en")
    assert choices[0] == ("KR", "South Korea") and choices[1] == ("US", "United States")
    codes = [c for c, _n in choices]
    assert len(codes) == len(set(codes)) > 200 and "EU" not in codes
