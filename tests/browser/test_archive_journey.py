"""Past events in a real browser: from the list to the archive, a filter by year, and the
delegation of January 2023, which has ended and shows each stop in its own zone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_member_finds_a_past_delegation_in_the_archive(page, demo_data):
    page.goto(page.base_url + "/en/accounts/login/")
    page.fill("#id_username", "member@demo.yeongilman.kr")
    page.fill("#id_password", "yeongilman-demo")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    page.goto(page.base_url + "/en/events/")
    page.locator("#archive-link").click()
    expect(page.locator("h1")).to_have_text("Past events")
    expect(page.locator("#year-2024")).to_be_visible()
    expect(page.locator("#year-2023")).to_be_visible()

    page.get_by_label("Year").select_option("2023")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"year=2023"))
    expect(page.locator("#year-2024")).to_have_count(0)
    card = page.locator(".card", has_text="US delegation, January 2023")
    expect(card).to_contain_text("2023-01-02 – 2023-01-17")

    card.get_by_role("link", name="US delegation, January 2023").click()
    expect(page.locator("#event-ended")).to_have_text("This event has ended")
    expect(page.locator("form[action$='/register/']")).to_have_count(0)
    stops = page.locator(".itinerary li")
    expect(stops.nth(0)).to_contain_text("2023-01-06 10:00 PST")
    expect(stops.nth(1)).to_contain_text("2023-01-11 10:00 EST")

    page.goto(page.base_url + "/en/events/archive/?year=1900&kind=party")
    expect(page.locator("#archive-ignored")).to_contain_text("Year, Kind")
    expect(page.locator(".card").first).to_be_visible()
