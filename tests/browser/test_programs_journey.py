"""A member finds an open call, is told why another is not open to them, fills the form over
two sessions with an upload and submits; a reviewer scores; the operator ranks, selects and
publishes; the member sees the result."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import confirm_step
from yeongilman.programs.models import Application, Review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "yeongilman-demo"
CES = "CES 2027 Pohang pavilion: call for exhibitors (demo)"


def _session(browser, live_server, email: str):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return context, page


def test_call_from_application_to_published_result(browser, live_server, demo_data, tmp_path):
    deck = tmp_path / "graphene-deck.pdf"
    deck.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # Session 1: the member finds the calls, is told why the bio call is not for them, starts.
    context, page = _session(browser, live_server, "member@demo.yeongilman.kr")
    page.goto(live_server.url + "/en/programs/")
    page.get_by_role("link", name="San Diego bio cluster residency (demo)").click()
    eligibility = page.locator(".eligibility")
    expect(eligibility).to_contain_text("Not eligible")
    expect(eligibility).to_contain_text("the profile names none of them")
    page.goto(live_server.url + "/en/programs/")
    page.get_by_role("link", name=CES).click()
    expect(page.locator(".countdown")).to_contain_text("Closes in")
    page.get_by_role("button", name="Apply").click()
    page.get_by_label("Product or technology to exhibit").fill("Graphene film heater")
    page.get_by_label("Product summary").fill("Transparent heaters made of CVD graphene.")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved at")
    context.close()  # the member leaves without pressing anything

    # Session 2: what was typed is still there; the rest is filled in, a file uploaded.
    context, page = _session(browser, live_server, "member@demo.yeongilman.kr")
    page.goto(live_server.url + "/en/programs/mine/")
    page.get_by_role("link", name=CES).click()
    expect(page.get_by_label("Product or technology to exhibit")).to_have_value(
        "Graphene film heater"
    )
    page.get_by_label("United States").check()
    page.get_by_role("button", name="Submit application").click()
    expect(page.locator(".has-error")).to_contain_text("This file is required.")
    expect(page.get_by_label("Product or technology to exhibit")).to_have_value(
        "Graphene film heater"
    )
    page.get_by_label("Company deck (PDF)").set_input_files(str(deck))
    page.get_by_role("button", name="Submit application").click()
    expect(page.locator(".messages")).to_contain_text("Your application was submitted")
    expect(page.locator(".answers")).to_contain_text("graphene-deck.pdf")
    application = Application.objects.get(call__slug="ces-2027-pohang-pavilion")
    assert application.status == "submitted"
    assert any("submitted" in m.subject or "제출" in m.subject for m in mail.outbox)
    member_context = context

    # The operator assigns reviewers (only the demo reviewer is in the pool).
    context, page = _session(browser, live_server, "operator@demo.yeongilman.kr")
    page.goto(live_server.url + "/en/programs/ces-2027-pohang-pavilion/manage/")
    page.get_by_role("button", name="Assign reviewers").click()
    # Each application asks for more reviews than the pool holds: a warning saying so.
    expect(page.locator(".messages")).to_contain_text("the pool has too few reviewers")
    operator_context, operator_page = context, page

    # The reviewer scores.
    context, page = _session(browser, live_server, "reviewer@demo.yeongilman.kr")
    page.goto(live_server.url + "/en/programs/mine/")
    page.get_by_role("link", name="Graphene Square").click()
    expect(page.locator(".answers")).to_contain_text("Graphene film heater")
    for name, score in (("Innovation", "9"), ("Market potential", "7"), ("Readiness", "8")):
        page.get_by_label(name).fill(score)
    page.get_by_role("button", name="Submit scores").click()
    expect(page.locator(".messages")).to_contain_text("Your review was saved")
    assert Review.objects.get(application=application).submitted_at is not None
    context.close()

    # The operator ranks, selects and publishes.
    page = operator_page
    page.reload()
    row = page.locator(f'tr[data-application="{application.pk}"]')
    expect(row).to_contain_text("Graphene Square")
    page.get_by_role("button", name="Select the top applications").click()
    expect(page.locator(f'tr[data-application="{application.pk}"] .outcome')).to_have_text(
        "Selected"
    )
    page.get_by_role("button", name="Publish the results").click()
    confirm_step(page)  # what it will do, to how many; the reasons it needs
    expect(page.locator(".messages")).to_contain_text("Results published")
    operator_context.close()

    # The member sees the result.
    page = member_context.pages[0]
    page.goto(live_server.url + f"/en/programs/applications/{application.pk}/")
    expect(page.locator(".result")).to_contain_text("Your organisation was selected.")
    member_context.close()
