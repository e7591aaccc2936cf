"""An operator writes a message to a B2B day's participants on a phone (390 px): preview with
the count and one person's mail, then send; the log lists each recipient. Nothing scrolls
sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from yeongilman.communications.models import Message
from yeongilman.outbox.models import Mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "yeongilman-demo"
SLUG = "ces-2027-pohang-pavilion-b2b-day-demo"
SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth"


def test_operator_composes_previews_and_sends_on_a_phone(browser, live_server, demo_data):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("#id_username", "operator@demo.yeongilman.kr")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)

    page.goto(f"{live_server.url}/en/communications/{SLUG}/compose/")
    assert not page.evaluate(SIDEWAYS)
    page.select_option("#id_segment", "confirmed")
    page.fill("#id_subject_ko", "{event} 안내")
    page.fill("#id_body_ko", "{name}님, 내일 09:00에 북쪽 홀에서 뵙겠습니다.")
    page.fill("#id_subject_en", "About {event}")
    page.fill("#id_body_en", "Dear {name}, see you tomorrow at 09:00 in the North Hall.")
    page.click("#preview-button")
    preview = page.locator("#preview")
    preview.wait_for()
    # The demo day's 120 participants: the demo accounts and the invented world's 118.
    assert "120 people receive this message." in preview.inner_text()
    assert "see you tomorrow" in preview.inner_text() or "뵙겠습니다" in preview.inner_text()
    assert not page.evaluate(SIDEWAYS)
    assert page.locator("#send-button").is_visible()

    page.click("#send-button")
    # Sending cannot be called back: the page asks once more, naming how many it reaches.
    expect(page.locator("#confirm-send")).to_contain_text("Send this message to 120 people now?")
    assert not Message.objects.filter(kind="custom").exists()
    assert not page.evaluate(SIDEWAYS)
    page.click("#confirm-send-button")
    page.locator("#deliveries").wait_for()
    deliveries = page.locator("#deliveries tbody tr")
    assert deliveries.count() == 120
    assert not page.evaluate(SIDEWAYS)
    message = Message.objects.get(kind="custom")
    assert message.status == "sent"
    custom = Mail.objects.filter(tag="communications.custom")
    assert custom.count() == 120
    # The invented participants' mail is kept but never sent (their addresses are .example).
    assert set(custom.filter(status="sent").values_list("to_address", flat=True)) == {
        "member@demo.yeongilman.kr", "partner@demo.yeongilman.kr",
    }  # fmt: skip
    context.close()
