"""Printing on a phone: an operator makes the event's badges and downloads them; a participant
opens their own badge from My agenda. No sideways scroll at 390 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_user
from yeongilman.events.services import event_create, registration_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser, live_server, email):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    return context, page


def test_operator_makes_badges_and_a_participant_opens_theirs(browser, live_server):
    operator = make_user("op@example.org", is_operator=True, full_name="Op Erator", language="en")
    now = timezone.now()
    event = event_create(
        actor=operator, kind="forum", title_en="Pohang Startup Forum",
        title_ko="포항 스타트업 포럼", time_zone="Asia/Seoul",
        starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3, hours=6),
        is_published=True,
    )  # fmt: skip
    ana = make_user("ana@example.org", full_name="Ana Kim", language="en")
    registration_create(actor=ana, event=event)
    registration_create(actor=make_user("ben@example.org", full_name="박벤"), event=event)

    context, page = _login(browser, live_server, operator.email)
    page.goto(live_server.url + f"/en/events/{event.slug}/")
    page.click("#printing-link")
    expect(page.locator("h1")).to_have_text("Badges, agendas and table cards")
    page.select_option("#id_label", "card")
    page.click("#print-badges")
    link = page.locator(".printing-job a[download]")
    expect(link).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "Pohang Startup Forum - Badges - card.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    context.close()

    context, page = _login(browser, live_server, ana.email)
    page.goto(live_server.url + "/en/events/agenda/")
    badge = page.locator("a[id^=badge-pdf-]")
    expect(badge).to_have_text("Badge (PDF)")
    answer = page.request.get(live_server.url + str(badge.get_attribute("href")))
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
