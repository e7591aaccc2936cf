"""The check-in desk on a phone: staff type two participants' codes (one twice) at 390 px,
and the QR decoder comes from this site, not a CDN."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_user
from yeongilman.events.codes import code_for
from yeongilman.events.services import event_create, registration_create
from yeongilman.onsite.models import CheckIn
from yeongilman.onsite.services import staff_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_checks_in_two_participants_on_a_phone(browser, live_server):
    operator = make_user("op@example.org", is_operator=True, full_name="Op Erator")
    now = timezone.now()
    event = event_create(
        actor=operator, kind="forum", title_en="Pohang Startup Forum",
        title_ko="포항 스타트업 포럼", time_zone="Asia/Seoul",
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=6), is_published=True,
    )  # fmt: skip
    first = registration_create(
        actor=make_user("ana@example.org", full_name="Ana Kim"), event=event
    )
    second = registration_create(
        actor=make_user("ben@example.org", full_name="Ben Park"), event=event
    )
    staff = make_user("desk@example.org", full_name="Desk Staff", language="en")
    staff_add(actor=operator, event=event, email=staff.email)

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("#id_username", staff.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)

    page.goto(live_server.url + f"/en/events/{event.slug}/")
    page.click("#check-in-link")
    expect(page.locator("h1")).to_have_text("Check-in desk")
    script = page.locator("script[src*='jsQR']").get_attribute("src")
    assert script == "/static/vendor/jsQR.js"
    served = page.request.get(live_server.url + script)
    assert served.status == 200
    assert "jsQR" in served.text()

    result = page.locator("#checkin-result")
    for registration, name in ((first, "Ana Kim"), (second, "Ben Park")):
        page.fill("#checkin-code", code_for(registration))
        page.keyboard.press("Enter")  # what a USB scanner does after typing the code
        expect(result).to_have_attribute("data-outcome", "admitted")
        expect(page.locator("#result-name")).to_have_text(name)
    expect(page.locator("#count-checked-in")).to_have_text("2", timeout=10_000)

    page.fill("#checkin-code", code_for(first))
    page.click("#checkin-submit")
    expect(result).to_have_attribute("data-outcome", "already")
    expect(page.locator("#result-message")).to_contain_text("Already checked in at")
    expect(page.locator("#result-message")).to_contain_text("by Desk Staff")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert CheckIn.objects.count() == 2
    assert page.evaluate("localStorage.length") == 1  # the (empty) queue of this event
    assert page.evaluate(f"localStorage.getItem('yv-checkin-queue:{event.pk}')") == "[]"
    context.close()


def test_scans_during_a_network_drop_are_sent_when_it_is_back(browser, live_server):
    operator = make_user("op@example.org", is_operator=True, full_name="Op Erator", language="en")
    now = timezone.now()
    event = event_create(
        actor=operator, kind="forum", title_en="Offline Forum", time_zone="Asia/Seoul",
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=6), is_published=True,
    )  # fmt: skip
    place = registration_create(
        actor=make_user("ana@example.org", full_name="Ana Kim"), event=event
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("#id_username", operator.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto(live_server.url + f"/en/onsite/{event.slug}/check-in/")

    context.set_offline(True)
    page.fill("#checkin-code", code_for(place))
    page.keyboard.press("Enter")
    expect(page.locator("#checkin-queue")).to_contain_text("Scans kept on this device: 1.")
    assert CheckIn.objects.count() == 0
    context.set_offline(False)  # the page sends its queue when the browser is online again
    expect(page.locator("#checkin-result")).to_have_attribute("data-outcome", "admitted")
    assert CheckIn.objects.get().registration == place
    context.close()


def test_staff_switch_the_desk_to_a_session_and_a_second_scan_warns(browser, live_server):
    from yeongilman.onsite.models import SessionSignup

    operator = make_user("op@example.org", is_operator=True, full_name="Op Erator", language="en")
    now = timezone.now()
    event = event_create(
        actor=operator, kind="forum", title_en="Session Forum", time_zone="Asia/Seoul",
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=6), is_published=True,
    )  # fmt: skip
    talk = event.sessions.create(
        title_en="Battery panel", starts_at=now, ends_at=now + timedelta(hours=1)
    )
    place = registration_create(
        actor=make_user("ana@example.org", full_name="Ana Kim"), event=event
    )
    SessionSignup.objects.create(registration=place, session=talk)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("#id_username", operator.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto(live_server.url + f"/en/onsite/{event.slug}/check-in/")
    page.select_option("#checkin-place", str(talk.pk))

    result = page.locator("#checkin-result")
    page.fill("#checkin-code", code_for(place))
    page.keyboard.press("Enter")
    expect(result).to_have_attribute("data-outcome", "admitted")
    row = page.locator(f'#session-counts li[data-session="{talk.pk}"]')
    expect(row.locator('[data-count="checked_in"]')).to_have_text("1", timeout=10_000)
    expect(row.locator('[data-count="registered"]')).to_have_text("1")
    expect(page.locator("#count-checked-in")).to_have_text("1")  # the event counts them too
    page.fill("#checkin-code", code_for(place))
    page.keyboard.press("Enter")
    expect(result).to_have_attribute("data-outcome", "already")
    expect(page.locator("#result-message")).to_contain_text("Already admitted to this session")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert CheckIn.objects.get().session == talk
    context.close()
