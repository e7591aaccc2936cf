"""Directory pages under the strict content security policy: htmx runs without eval."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _console_problems(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    # htmx reports a refused eval as an event, not always on the console.
    page.add_init_script(
        "document.addEventListener('htmx:evalDisallowedError',"
        " () => console.error('htmx:evalDisallowedError'));"
    )
    return problems


def test_directory_pages_log_no_console_errors_and_ticking_a_filter_searches(
    page, taxonomy_restored, battery_startup, pittsburgh_lab
):
    problems = _console_problems(page)
    for language in ("ko", "en"):
        page.goto(page.base_url + f"/{language}/directory/")
        expect(page.locator(".card").first).to_be_visible()
        page.goto(page.base_url + f"/{language}/directory/o/{battery_startup.slug}/")
        expect(page.locator("h1")).to_be_visible()

    page.goto(page.base_url + "/en/directory/")
    page.locator('fieldset[data-facet="country"] label', has_text="South Korea").click()
    expect(page).to_have_url(re.compile(r"country=KR"))
    expect(page.locator(".card")).to_have_count(1)
    assert problems == []


def test_typing_in_the_directory_search_and_clicking_away_does_not_search(
    page, taxonomy_restored, battery_startup, pittsburgh_lab
):
    problems = _console_problems(page)
    page.goto(page.base_url + "/en/directory/")
    expect(page.locator(".card")).to_have_count(2)
    page.get_by_label("Search the directory").fill("robot")
    page.locator("h1").click()
    page.wait_for_timeout(500)
    assert "q=robot" not in page.url
    expect(page.locator(".card")).to_have_count(2)
    page.get_by_label("Search the directory").press("Enter")
    expect(page).to_have_url(re.compile(r"q=robot"))
    expect(page.locator(".card")).to_have_count(1)
    assert problems == []
