"""What phones and camera-less desks showed wrongly: a cut search placeholder, an empty
bordered box at the check-in desk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import signed_in
from tests.factories import PASSWORD
from yeongilman.events.services import event_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The placeholder's text width in the input's own font, and the room the input has for it.
MEASURE = """(input) => {
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontSize} ${style.fontFamily}`;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [context.measureText(input.placeholder).width, room];
}"""


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_directory_search_placeholder_fits_a_phone(browser, live_server, language):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + f"/{language}/directory/")
    text_width, room = page.locator("#q").evaluate(MEASURE)
    assert 0 < text_width <= room
    context.close()


def test_the_check_in_desk_shows_no_empty_box_before_a_scan(browser, live_server, operator):
    operator.set_password(PASSWORD)
    operator.save()
    now = datetime.now(UTC)
    event = event_create(
        actor=operator, kind="forum", title_en="Desk Day", time_zone="Asia/Seoul",
        starts_at=now, ends_at=now + timedelta(hours=6), is_published=True,
    )  # fmt: skip
    context, page = signed_in(browser, live_server.url, operator.email, PASSWORD, width=390)
    with translation.override("en"):
        page.goto(live_server.url + reverse("onsite:desk", args=[event.slug]))
    expect(page.locator("#checkin-code")).to_be_visible()
    expect(page.locator("#checkin-result")).to_be_hidden()
    expect(page.locator("#camera-box")).to_be_hidden()
    context.close()
