"""After selection: the operator drafts the agreement and sends it, the company uploads the
signed copy, the operator marks it signed and adds a milestone, the company submits the first
milestone report; the pages fit a phone in both languages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_accessibility import RULES
from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation
from yeongilman.grants.models import Agreement, AgreementStatus
from yeongilman.insights.models import Figure
from yeongilman.programs.models import Call
from yeongilman.programs.services import applications as app_services
from yeongilman.programs.services import selection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "yeongilman-demo"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHOTS = Path(os.environ.get("YV_SCREENSHOTS", "")) if os.environ.get("YV_SCREENSHOTS") else None


def _session(browser, live_server, email: str, width: int = 1280, lang: str = "en"):
    context = browser.new_context(
        locale="en-US" if lang == "en" else "ko-KR", viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + f"/{lang}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return context, page


def _selected_demo_application():
    """Graphene Square's complete application to the CES call, selected by hand."""
    member = User.objects.get(email="member@demo.yeongilman.kr")
    operator = User.objects.get(email="operator@demo.yeongilman.kr")
    call = Call.objects.get(slug="ces-2027-pohang-pavilion")
    organisation = Organisation.objects.get(name_en="Graphene Square")
    application = app_services.application_start(actor=member, call=call, organisation=organisation)
    app_services.application_save_draft(
        actor=member, application=application,
        answers={"product": "Graphene film heater", "pitch": "CVD graphene heaters.",
                 "export_market": "us"},
    )  # fmt: skip
    app_services.application_upload(
        actor=member, application=application, field_key="deck",
        upload=SimpleUploadedFile("deck.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip
    app_services.application_submit(actor=member, application=application)
    return selection.selection_override(
        actor=operator, application=application, outcome="selected", reason="Demo"
    )


def _fits(page) -> None:
    """Nothing wider than the window (no sideways scroll)."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def test_agreement_from_draft_to_first_report(browser, live_server, demo_data, tmp_path):
    application = _selected_demo_application()
    signed = tmp_path / "signed-agreement.pdf"
    signed.write_bytes(PDF)
    today = timezone.localdate()

    # The operator drafts the agreement from the call's table, requires a document, sends it.
    operator_context, page = _session(browser, live_server, "operator@demo.yeongilman.kr")
    page.goto(live_server.url + "/en/agreements/calls/ces-2027-pohang-pavilion/")
    page.get_by_text("Draft the agreement").click()
    page.get_by_label("Amount (KRW)").fill("30000000")
    page.get_by_label("Period starts").fill(today.replace(day=1).isoformat())
    page.get_by_label("Period ends").fill(today.replace(year=today.year + 1).isoformat())
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator(".messages")).to_contain_text("The agreement is drafted.")
    page.get_by_text("Require a document").click()
    page.get_by_label("Document (English)").fill("Signed agreement")
    page.get_by_label("Document (Korean)").fill("협약서")
    page.get_by_role("button", name="Add the document").click()
    page.get_by_role("button", name="Send to the company").click()
    expect(page.locator("[data-status]")).to_have_text("Sent for signing")
    agreement = Agreement.objects.get(application=application)

    # The company uploads the signed copy.
    member_context, member = _session(browser, live_server, "member@demo.yeongilman.kr")
    member.goto(live_server.url + "/en/agreements/")
    member.get_by_role("link", name="CES 2027 Pohang pavilion: call for exhibitors (demo)").click()
    member.get_by_label("Signed copy (PDF, at most 10 MB)").set_input_files(str(signed))
    member.get_by_role("button", name="Upload").click()
    expect(member.locator(".messages")).to_contain_text("The signed copy is uploaded.")
    expect(member.locator(".document")).to_contain_text("signed-agreement.pdf")

    # The operator marks it signed and adds the first milestone.
    page.reload()
    page.get_by_role("button", name="Mark signed").click()
    expect(page.locator("[data-status]")).to_have_text("Signed")
    page.get_by_text("Add a milestone").click()
    page.get_by_label("Milestone (English)").fill("Prototype at CES")
    page.get_by_label("Milestone (Korean)").fill("CES 시제품 전시")
    page.get_by_label("Due").fill(today.isoformat())
    page.get_by_label("Planned disbursement (KRW)").fill("10000000")
    page.get_by_label("Evaluation").select_option("midterm")
    page.get_by_role("button", name="Add the milestone").click()
    expect(page.locator(".milestone")).to_contain_text("Prototype at CES")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED

    # The company submits the first milestone report; its figures reach insights.
    member.reload()
    member.get_by_role("link", name="Submit the report").click()
    member.get_by_label("What was done").fill("Prototype shown at CES; 40 leads.")
    member.get_by_label("Employees now").fill("14")
    member.get_by_label("Revenue this year so far (KRW)").fill("250000000")
    member.get_by_role("button", name="Submit the report").click()
    expect(member.locator(".messages")).to_contain_text("Your report is submitted.")
    expect(member.locator(".milestone")).to_contain_text("Report submitted")
    figure = Figure.objects.get(organisation=agreement.organisation, year=today.year, quarter=0)
    assert (figure.employees, figure.revenue) == (14, 250_000_000)
    milestone = agreement.milestones.get()
    member_context.close()
    operator_context.close()

    # Phones and desktops, both languages: the agreement page and the report form fit.
    member_pages = (
        ("agreement", f"/agreements/{agreement.pk}/"),
        ("report", f"/agreements/milestones/{milestone.pk}/report/"),
    )
    operator_pages = (
        ("operator-agreement", f"/agreements/{agreement.pk}/"),
        ("operator-call", "/agreements/calls/ces-2027-pohang-pavilion/"),
        ("operator-letters", "/agreements/calls/ces-2027-pohang-pavilion/letters/"),
    )
    axe = Axe()
    for who, pages in (("member", member_pages), ("operator", operator_pages)):
        for lang, width in ((lang, width) for lang in ("ko", "en") for width in (390, 1366)):
            context, view = _session(
                browser, live_server, f"{who}@demo.yeongilman.kr", width=width, lang=lang
            )
            for name, tail in pages:
                path = f"/{lang}{tail}"
                view.goto(live_server.url + path)
                _fits(view)
                if width == 1366:  # axe: no serious or critical violation (KWCAG / WCAG AA)
                    found = [
                        f"{path}: {v['id']} {[n['target'] for n in v['nodes'][:2]]}"
                        for v in axe.run(view, options=RULES).response["violations"]
                        if v["impact"] in ("serious", "critical")
                    ]
                    assert not found, found
                if SHOTS:
                    SHOTS.mkdir(parents=True, exist_ok=True)
                    view.screenshot(path=str(SHOTS / f"{name}-{lang}-{width}.png"), full_page=True)
            context.close()
