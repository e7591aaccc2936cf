"""A call run in two stages, as Korean agencies run them: the operator adds a presentation
stage to the demo CES call and sets the document review's cut-off; the member applies and
sees the receipt number; the reviewer scores stage 1; the operator advances it (the survivor
is told, the other applicant too); the operator seats a panel, adds slots and schedules the
presentations (the job runs at once under the test settings); the panel member scores; the
operator selects and publishes, drafts and sends the agreement; the company uploads the
signed copy; the operator marks it signed and adds a milestone; the company reports on it;
the operator reads the report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import confirm_step
from yeongilman.accounts.consents import consents_give
from yeongilman.accounts.models import ConsentPurpose, Membership, MembershipRole, User
from yeongilman.directory.models import Organisation
from yeongilman.grants.models import Agreement, AgreementStatus, MilestoneReport
from yeongilman.outbox.models import Mail
from yeongilman.programs.models import Application, Call, PresentationSlot, Review
from yeongilman.programs.services import applications as app_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "yeongilman-demo"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CES = "CES 2027 Pohang pavilion: call for exhibitors (demo)"
CRITERIA = ("Innovation", "Market potential", "Readiness")


def _session(browser, live_server, email: str):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return context, page


def _person(email: str, name: str, **flags: bool) -> User:
    user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name,
                                    language="en", **flags)  # fmt: skip
    consents_give(user=user, purposes={ConsentPurpose.SERVICE, ConsentPurpose.CONTACT})
    return user


def _competitor(call: Call) -> Application:
    """A second Pohang start-up's submitted application (no page drives another company)."""
    owner = _person("owner@mangoslab.example.org", "Mangoslab Owner")
    organisation = Organisation.objects.get(name_en="Mangoslab")
    Membership.objects.create(user=owner, organisation=organisation, role=MembershipRole.OWNER)
    application = app_services.application_start(actor=owner, call=call, organisation=organisation)
    app_services.application_save_draft(
        actor=owner, application=application,
        answers={"product": "Smart pill box", "pitch": "Reminders.", "export_market": "us"},
    )  # fmt: skip
    app_services.application_upload(
        actor=owner, application=application, field_key="deck",
        upload=SimpleUploadedFile("deck.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip
    return app_services.application_submit(actor=owner, application=application)


def _score(page, scores: tuple[str, str, str]) -> None:
    for name, score in zip(CRITERIA, scores, strict=True):
        page.get_by_label(name).fill(score)
    page.get_by_role("button", name="Submit scores").click()
    expect(page.locator(".messages")).to_contain_text("Your review was saved")


def test_two_stage_call_to_a_signed_agreement_and_first_report(
    browser, live_server, demo_data, tmp_path
):
    call = Call.objects.get(slug="ces-2027-pohang-pavilion")
    competitor = _competitor(call)
    panellist = _person("panel@example.org", "Panel Member Park", is_reviewer=True)
    deck = tmp_path / "graphene-deck.pdf"
    deck.write_bytes(PDF)
    signed = tmp_path / "signed-agreement.pdf"
    signed.write_bytes(PDF)
    today = timezone.localdate()
    manage = live_server.url + "/en/programs/ces-2027-pohang-pavilion/manage/"

    # The operator adds the presentation stage and lets the best one pass the first.
    operator_context, op = _session(browser, live_server, "operator@demo.yeongilman.kr")
    op.goto(manage)
    op.get_by_text("Add a stage").click()
    op.fill("#id_stage-name_en", "Presentation review")
    op.fill("#id_stage-name_ko", "발표평가")
    op.select_option("#id_stage-cutoff", "none")
    op.get_by_role("button", name="Add the stage").click()
    expect(op.locator(".messages")).to_contain_text("Stage added.")
    stages = op.locator(".stage-item")
    expect(stages).to_have_count(2)
    expect(stages.nth(1)).to_contain_text("Presentation review")
    first = stages.nth(0)
    first.locator("select[name=cutoff]").select_option("top")
    first.locator("input[name=cutoff_top]").fill("1")
    first.get_by_role("button", name="Save cut-off").click()
    expect(op.locator(".messages")).to_contain_text("Cut-off saved.")
    expect(op.locator(".stage-item").nth(0)).to_contain_text("the best 1 advance")

    # The member applies and is given a receipt number.
    member_context, member = _session(browser, live_server, "member@demo.yeongilman.kr")
    member.goto(live_server.url + "/en/programs/")
    member.get_by_role("link", name=CES).click()
    member.get_by_role("button", name="Apply").click()
    member.get_by_label("Product or technology to exhibit").fill("Graphene film heater")
    member.get_by_label("Product summary").fill("Transparent heaters made of CVD graphene.")
    member.get_by_label("United States").check()
    member.get_by_label("Company deck (PDF)").set_input_files(str(deck))
    member.get_by_role("button", name="Submit application").click()
    expect(member.locator(".messages")).to_contain_text("Your application was submitted")
    application = Application.objects.get(call=call, organisation__name_en="Graphene Square")
    assert application.receipt_number and application.receipt_number != competitor.receipt_number
    expect(member.locator(".receipt")).to_contain_text(application.receipt_number)
    expect(member.locator(".status-timeline")).to_contain_text("Presentation review")

    # The operator assigns stage 1; the reviewer scores both applicants from the dashboard.
    op.goto(manage)
    op.get_by_role("button", name="Assign reviewers").click()
    expect(op.locator(".messages")).to_contain_text("the pool has too few reviewers")
    reviewer_context, reviewer = _session(browser, live_server, "reviewer@demo.yeongilman.kr")
    for name, scores in (("Graphene Square", ("9", "8", "8")), ("Mangoslab", ("4", "5", "3"))):
        reviewer.goto(live_server.url + "/en/programs/reviewing/")
        reviewer.locator(".reviewing-row", has_text=CES).get_by_role("link", name=name).click()
        _score(reviewer, scores)
    reviewer.goto(live_server.url + "/en/programs/reviewing/")
    done = reviewer.locator(".reviewing-row", has_text=CES).locator(".review-links.done")
    expect(done).to_contain_text("Graphene Square")
    reviewer_context.close()

    # The operator previews and advances stage 1: Graphene Square goes on, Mangoslab stops.
    op.goto(manage)
    expect(op.locator(f'.advance-preview tr[data-application="{application.pk}"] .outcome')
           ).to_have_text("Yes")  # fmt: skip
    expect(op.locator(f'.advance-preview tr[data-application="{competitor.pk}"] .outcome')
           ).to_have_text("No")  # fmt: skip
    op.get_by_role("button", name="Advance Review").click()
    confirm_step(op)  # what it will do, to how many; the reasons it needs
    expect(op.locator(".messages")).to_contain_text("1 applications advanced, 1 did not")
    letters = Mail.objects.filter(tag="programs/email/stage_result.txt")
    assert set(letters.values_list("to_address", flat=True)) == {
        "member@demo.yeongilman.kr", "owner@mangoslab.example.org",
    }  # fmt: skip
    member.reload()
    expect(member.locator(".status-timeline")).to_contain_text("Passed")

    # The panel member joins the presentation stage's pool; a panel, two slots, the schedule.
    op.get_by_label("Demo Reviewer").uncheck()
    op.get_by_label(str(panellist)).check()
    op.get_by_role("button", name="Save reviewers").click()
    expect(op.locator(".messages")).to_contain_text("Reviewers saved.")
    op.locator(".stage-item").nth(1).get_by_role("link", name="Presentation schedule").click()
    op.get_by_label("Panel name").fill("Panel A")
    op.get_by_label(str(panellist)).check()
    op.get_by_role("button", name="Add the panel").click()
    expect(op.locator(".messages")).to_contain_text("The panel was added.")
    op.get_by_text("Add slots to a panel").click()
    start = (today + timedelta(days=7)).isoformat() + "T10:00"
    op.get_by_label("First slot starts (the call's time zone)").fill(start)
    op.get_by_label("Number of slots").fill("2")
    op.get_by_label("Room").fill("Room 301")
    op.get_by_role("button", name="Add the slots").click()
    expect(op.locator(".messages")).to_contain_text("The slots were added.")
    expect(op.locator("#presentation-slots tbody tr")).to_have_count(2)
    op.get_by_role("button", name="Schedule the presentations").click()
    expect(op.locator(".messages")).to_contain_text("The schedule is being made")
    op.reload()
    placed = op.locator("#presentation-slots tr.placed")
    expect(placed).to_have_count(1)
    expect(placed).to_contain_text("Graphene Square")
    expect(placed).to_contain_text("10:00")
    expect(op.locator("#schedule-run")).to_contain_text("1 applicant placed")
    assert PresentationSlot.objects.get(application=application).room == "Room 301"

    # The applicant sees the slot on the application page.
    member.reload()
    expect(member.locator(".presentation-slot")).to_contain_text("Panel A")
    expect(member.locator(".presentation-slot")).to_contain_text("10:00")

    # The panel member sees the presentation to hear and scores it.
    panel_context, panel = _session(browser, live_server, "panel@example.org")
    panel.goto(live_server.url + "/en/programs/reviewing/")
    row = panel.locator(".reviewing-row", has_text="Presentation review")
    expect(row).to_contain_text("Presentations to hear")
    expect(row).to_contain_text("Room 301")
    row.get_by_role("link", name="Graphene Square").click()
    _score(panel, ("8", "9", "7"))
    assert Review.objects.get(reviewer=panellist).submitted_at is not None
    panel_context.close()

    # The operator selects on the last stage and publishes.
    op.goto(manage)
    expect(op.locator(f'.ranking tr[data-application="{application.pk}"]')).to_contain_text(
        "Graphene Square"
    )
    expect(op.locator(f'.ranking tr[data-application="{competitor.pk}"]')).to_have_count(0)
    op.get_by_role("button", name="Select the top applications").click()
    expect(op.locator(f'.ranking tr[data-application="{application.pk}"] .outcome')).to_have_text(
        "Selected"
    )
    op.get_by_role("button", name="Publish the results").click()
    confirm_step(op)
    expect(op.locator(".messages")).to_contain_text("Results published")
    member.reload()
    expect(member.locator(".result")).to_contain_text("Your organisation was selected.")

    # The agreement: drafted with a required document and sent.
    op.goto(live_server.url + "/en/agreements/calls/ces-2027-pohang-pavilion/")
    op.get_by_text("Draft the agreement").click()
    op.get_by_label("Amount (KRW)").fill("30000000")
    op.get_by_label("Period starts").fill(today.replace(day=1).isoformat())
    op.get_by_label("Period ends").fill((today + timedelta(days=365)).isoformat())
    op.get_by_role("button", name="Create the draft").click()
    expect(op.locator(".messages")).to_contain_text("The agreement is drafted.")
    op.get_by_text("Require a document").click()
    op.get_by_label("Document (English)").fill("Signed agreement")
    op.get_by_label("Document (Korean)").fill("협약서")
    op.get_by_role("button", name="Add the document").click()
    op.get_by_role("button", name="Send to the company").click()
    expect(op.locator("[data-status]")).to_have_text("Sent for signing")

    # The company uploads the signed copy.
    member.goto(live_server.url + "/en/agreements/")
    member.get_by_role("link", name=CES).click()
    member.get_by_label("Signed copy (PDF, at most 10 MB)").set_input_files(str(signed))
    member.get_by_role("button", name="Upload").click()
    expect(member.locator(".messages")).to_contain_text("The signed copy is uploaded.")
    expect(member.locator(".document")).to_contain_text("signed-agreement.pdf")

    # The operator marks it signed and adds the first milestone.
    op.reload()
    op.get_by_role("button", name="Mark signed").click()
    expect(op.locator("[data-status]")).to_have_text("Signed")
    op.get_by_text("Add a milestone").click()
    op.get_by_label("Milestone (English)").fill("Prototype at CES")
    op.get_by_label("Milestone (Korean)").fill("CES 시제품 전시")
    op.get_by_label("Due").fill(today.isoformat())
    op.get_by_label("Planned disbursement (KRW)").fill("10000000")
    op.get_by_label("Evaluation").select_option("midterm")
    op.get_by_role("button", name="Add the milestone").click()
    expect(op.locator(".milestone")).to_contain_text("Prototype at CES")
    assert Agreement.objects.get(application=application).status == AgreementStatus.SIGNED

    # The company submits the first milestone report.
    member.reload()
    member.get_by_role("link", name="Submit the report").click()
    member.get_by_label("What was done").fill("Prototype shown at CES; 40 leads.")
    member.get_by_label("Employees now").fill("14")
    member.get_by_label("Revenue this year so far (KRW)").fill("250000000")
    member.get_by_role("button", name="Submit the report").click()
    expect(member.locator(".messages")).to_contain_text("Your report is submitted.")
    expect(member.locator(".milestone")).to_contain_text("Report submitted")
    member_context.close()

    # The operator sees the report on the agreement and reads it.
    op.reload()
    milestone = op.locator(".milestone", has_text="Prototype at CES")
    expect(milestone).to_contain_text("Report submitted")
    milestone.get_by_role("link", name="Read the report").click()
    expect(op.locator("main")).to_contain_text("Prototype shown at CES; 40 leads.")
    report = MilestoneReport.objects.get(milestone__agreement__application=application)
    assert report.employees == 14
    operator_context.close()
