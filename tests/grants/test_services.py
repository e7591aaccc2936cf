"""Agreements after selection: the states, the signed copies, milestones, reports, their
evaluation, the figures they give insights, letters and reminders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.grants.conftest import a_date, signed_pdf
from tests.programs.conftest import GO_AHEAD
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.grants import services
from yeongilman.grants.models import Agreement, AgreementStatus, LetterKind
from yeongilman.insights.models import Figure, FundingRound
from yeongilman.outbox.models import Mail


def test_an_agreement_is_only_drafted_for_a_selected_application(operator, submitted, period):
    with pytest.raises(ValidationFailed):
        services.agreement_draft(
            actor=operator,
            application=submitted,
            values={"amount_krw": 1, "starts_on": period[0], "ends_on": period[1]},
        )
    assert Agreement.objects.count() == 0


def test_one_agreement_per_application(operator, agreement, selected, period):
    with pytest.raises(Conflict):
        services.agreement_draft(
            actor=operator,
            application=selected,
            values={"amount_krw": 1, "starts_on": period[0], "ends_on": period[1]},
        )


def test_a_period_that_ends_before_it_starts_is_refused(operator, selected, period):
    with pytest.raises(ValidationFailed) as error:
        services.agreement_draft(
            actor=operator,
            application=selected,
            values={"amount_krw": 5, "starts_on": period[1], "ends_on": period[0]},
        )
    assert "ends_on" in error.value.field_errors


def test_a_member_cannot_draft(member, selected, period):
    with pytest.raises(PermissionDenied):
        services.agreement_draft(
            actor=member,
            application=selected,
            values={"amount_krw": 5, "starts_on": period[0], "ends_on": period[1]},
        )


def test_drafted_sent_signed(operator, member, agreement, django_capture_on_commit_callbacks):
    assert agreement.status == AgreementStatus.DRAFTED
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_send(actor=operator, agreement=agreement)
    assert agreement.status == AgreementStatus.SENT and agreement.sent_at
    letter = Mail.objects.get(to_address=member.email, tag="grants/agreement")
    # The member reads Korean: the built-in letter with the Korean name and the amount.
    assert "영일만배터리" in letter.body and "50,000,000" in letter.body
    for document in agreement.documents.all():
        services.document_upload(actor=member, document=document, upload=signed_pdf())
    services.agreement_sign(actor=operator, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED and agreement.signed_at


def test_a_sent_agreement_cannot_be_changed_or_sent_again(operator, sent):
    with pytest.raises(Conflict):
        services.agreement_update(actor=operator, agreement=sent, values={"amount_krw": 9})
    with pytest.raises(Conflict):
        services.agreement_send(actor=operator, agreement=sent)
    sent.refresh_from_db()
    assert sent.amount_krw == 50_000_000


def test_signing_with_documents_missing_is_refused_naming_them(operator, member, sent):
    first = sent.documents.first()
    services.document_upload(actor=member, document=first, upload=signed_pdf())
    with pytest.raises(ValidationFailed) as error:
        services.agreement_sign(actor=operator, agreement=sent)
    assert "Bank account copy" in error.value.message
    sent.refresh_from_db()
    assert sent.status == AgreementStatus.SENT


def test_a_drafted_agreement_cannot_be_signed(operator, agreement):
    with pytest.raises(Conflict):
        services.agreement_sign(actor=operator, agreement=agreement)


def test_a_non_pdf_document_is_refused(member, sent):
    document = sent.documents.first()
    png = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    with pytest.raises(ValidationFailed):
        services.document_upload(actor=member, document=document, upload=png)
    renamed = SimpleUploadedFile("scan.pdf", b"\x89PNG\r\n\x1a\n", content_type="application/pdf")
    with pytest.raises(ValidationFailed):
        services.document_upload(actor=member, document=document, upload=renamed)
    document.refresh_from_db()
    assert not document.is_uploaded


def test_a_document_over_the_size_limit_is_refused(member, sent, settings):
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (services.MAX_PDF_MB * 1024 * 1024))
    with pytest.raises(ValidationFailed):
        services.document_upload(actor=member, document=sent.documents.first(), upload=big)


def test_another_member_cannot_upload(other_member, sent):
    with pytest.raises(PermissionDenied):
        services.document_upload(
            actor=other_member, document=sent.documents.first(), upload=signed_pdf()
        )


def test_cancel_from_any_state_but_cancelled(operator, signed):
    services.agreement_cancel(actor=operator, agreement=signed, reason="Company closed")
    assert signed.status == AgreementStatus.CANCELLED
    with pytest.raises(Conflict):
        services.agreement_cancel(actor=operator, agreement=signed)


def test_planned_disbursements_stay_within_the_amount(operator, signed, milestone):
    with pytest.raises(ValidationFailed) as error:
        services.milestone_add(
            actor=operator,
            agreement=signed,
            values={"title_en": "Launch", "amount_krw": 40_000_000, "due_on": a_date(100)},
        )
    assert "amount_krw" in error.value.field_errors
    assert signed.milestones.count() == 1


def test_a_milestone_due_outside_the_period_is_refused(operator, signed):
    with pytest.raises(ValidationFailed) as error:
        services.milestone_add(
            actor=operator,
            agreement=signed,
            values={
                "title_en": "Late",
                "amount_krw": 1,
                "due_on": signed.ends_on + timedelta(days=1),
            },
        )
    assert "due_on" in error.value.field_errors


def test_a_report_writes_its_figures_to_insights(member, battery_startup, milestone):
    report = services.report_submit(
        actor=member,
        milestone=milestone,
        values={
            "text": "Prototype built.",
            "revenue_krw": 120_000_000,
            "employees": 12,
            "jobs_created": 4,
            "investment_krw": 300_000_000,
            "investment_round": "seed",
        },
    )
    figure = Figure.objects.get(organisation=battery_startup, quarter=0)
    assert (figure.revenue, figure.employees, figure.currency) == (120_000_000, 12, "KRW")
    funding = FundingRound.objects.get(organisation=battery_startup)
    assert (funding.amount, funding.round) == (300_000_000, "seed")
    assert report.funding == funding


def test_a_resubmitted_report_replaces_its_funding_and_keeps_other_figures(
    operator, member, battery_startup, milestone
):
    from yeongilman.insights import services as insights

    year = a_date(0).year
    insights.figure_record(
        actor=operator,
        organisation=battery_startup,
        year=year,
        values={"exports": 5_000, "patents": 3},
    )
    values = {"text": "v1", "revenue_krw": 10, "investment_krw": 100}
    services.report_submit(actor=member, milestone=milestone, values=values)
    services.report_submit(
        actor=member, milestone=milestone, values={**values, "text": "v2", "investment_krw": 200}
    )
    figure = Figure.objects.get(organisation=battery_startup, year=year, quarter=0)
    assert (figure.revenue, figure.exports, figure.patents) == (10, 5_000, 3)
    assert list(FundingRound.objects.values_list("amount", flat=True)) == [200]


@pytest.mark.usefixtures("english")
def test_a_report_after_the_agreement_ended_is_refused(member, milestone):
    with pytest.raises(Conflict) as error:
        services.report_submit(
            actor=member,
            milestone=milestone,
            values={"text": "Late"},
            today=milestone.agreement.ends_on + timedelta(days=1),
        )
    assert "ended on" in error.value.message
    assert not hasattr(milestone, "report") or milestone.report is None


def test_a_report_needs_a_signed_agreement(operator, member, sent):
    milestone = services.milestone_add(
        actor=operator,
        agreement=sent,
        values={"title_en": "Early", "amount_krw": 1, "due_on": a_date(10)},
    )
    with pytest.raises(Conflict):
        services.report_submit(actor=member, milestone=milestone, values={"text": "x"})


def test_another_member_cannot_report(other_member, milestone):
    with pytest.raises(PermissionDenied):
        services.report_submit(actor=other_member, milestone=milestone, values={"text": "x"})


@pytest.fixture
def report(member, milestone):
    return services.report_submit(actor=member, milestone=milestone, values={"text": "Done."})


def test_pass_evaluation(operator, report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_evaluate(actor=operator, report=report, verdict="pass")
    assert report.verdict == "pass" and report.evaluated_at
    assert Mail.objects.filter(tag="grants/email/evaluated.txt").count() == 1


def test_conditional_needs_the_conditions(operator, report):
    with pytest.raises(ValidationFailed):
        services.report_evaluate(actor=operator, report=report, verdict="conditional")
    services.report_evaluate(
        actor=operator, report=report, verdict="conditional", note="Hire a CFO by June."
    )
    assert report.verdict == "conditional"


def test_stop_ends_reports_and_disbursements(operator, member, report, milestone):
    services.report_evaluate(actor=operator, report=report, verdict="stop", note="No progress.")
    agreement = Agreement.objects.get(pk=milestone.agreement_id)
    assert agreement.stopped_at is not None
    later = services.milestone_add(
        actor=operator,
        agreement=agreement,
        values={"title_en": "Next", "amount_krw": 1, "due_on": a_date(50)},
    )
    with pytest.raises(Conflict):
        services.report_submit(actor=member, milestone=later, values={"text": "x"})
    with pytest.raises(Conflict):
        services.milestone_disburse(actor=operator, milestone=later, amount_krw=1)


def test_an_evaluated_report_cannot_be_changed(operator, member, report, milestone):
    services.report_evaluate(actor=operator, report=report, verdict="pass")
    with pytest.raises(Conflict):
        services.report_submit(actor=member, milestone=milestone, values={"text": "again"})
    with pytest.raises(Conflict):
        services.report_evaluate(actor=operator, report=report, verdict="stop", note="x")


def test_an_assigned_reviewer_evaluates_others_do_not(operator, reviewer, second_reviewer, report):
    agreement = report.milestone.agreement
    with pytest.raises(PermissionDenied):
        services.report_evaluate(actor=reviewer, report=report, verdict="pass")
    services.evaluators_set(actor=operator, agreement=agreement, users=[reviewer])
    with pytest.raises(PermissionDenied):
        services.report_evaluate(actor=second_reviewer, report=report, verdict="pass")
    services.report_evaluate(actor=reviewer, report=report, verdict="pass")
    assert report.evaluated_by == reviewer


def test_disbursements_are_recorded_within_the_amount(operator, milestone):
    services.milestone_disburse(actor=operator, milestone=milestone, amount_krw=20_000_000)
    assert milestone.disbursed_krw == 20_000_000
    with pytest.raises(ValidationFailed):
        services.milestone_disburse(actor=operator, milestone=milestone, amount_krw=60_000_000)


def test_reminders_go_once(member, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_missing_documents(today=a_date(0)) == 1
        assert services.remind_missing_documents(today=a_date(0)) == 0
        assert services.remind_missing_documents(today=a_date(3)) == 0
    mails = Mail.objects.filter(tag="grants/email/documents_missing.txt")
    assert mails.count() == 1 and "Bank account copy" in mails.get().body
    assert services.remind_missing_documents(today=a_date(services.REMIND_EVERY_DAYS)) == 1


def test_no_reminder_when_every_document_is_there_or_before_sending(member, agreement):
    assert services.remind_missing_documents(today=a_date(0)) == 0  # still a draft
    services.agreement_send(actor=agreement.created_by, agreement=agreement)
    for document in agreement.documents.all():
        services.document_upload(actor=member, document=document, upload=signed_pdf())
    assert services.remind_missing_documents(today=a_date(0)) == 0


def test_an_unknown_placeholder_is_refused_by_name(operator, ces_call):
    with pytest.raises(ValidationFailed) as error:
        services.letter_save(
            actor=operator,
            call=ces_call,
            kind=LetterKind.AGREEMENT,
            values={"subject_en": "Agreement", "body_en": "Dear {company}, see {ceo.name}."},
        )
    assert "{ceo.name}" in error.value.message
    assert list(error.value.field_errors) == ["body_en"]


def test_a_saved_letter_is_sent_in_each_language(
    operator, member, other_member, agreement, django_capture_on_commit_callbacks
):
    services.letter_save(
        actor=operator,
        call=agreement.call,
        kind=LetterKind.AGREEMENT,
        values={
            "subject_ko": "{call} 협약 안내",
            "body_ko": "{company} 귀하, 협약금액 {amount}, 기간 {period}, "
            "서류 제출기한 {deadline}.",
            "subject_en": "Agreement for {call}",
            "body_en": "Dear {company}: {amount}.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_send(actor=operator, agreement=agreement)
    mail = Mail.objects.get(to_address=member.email, tag="grants/agreement")
    assert mail.subject == "CES 포항관 참가기업 모집 협약 안내"
    assert f"서류 제출기한 {agreement.sign_by.isoformat()}" in mail.body
    assert "{" not in mail.body


def test_result_letters_go_through_the_task_queue(
    operator, member, selected, django_capture_on_commit_callbacks
):
    from yeongilman.programs.services import selection

    with django_capture_on_commit_callbacks(execute=True):
        selection.results_publish(actor=operator, call=selected.call, **GO_AHEAD)
    services.letter_save(
        actor=operator,
        call=selected.call,
        kind=LetterKind.RESULT,
        values={
            "subject_en": "Result",
            "subject_ko": "결과",
            "body_ko": "{company} 선정을 축하합니다.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.result_letters_send(actor=operator, call=selected.call)
    mail = Mail.objects.get(tag="grants/result")
    assert mail.body == "영일만배터리 선정을 축하합니다."


def test_the_preview_fills_the_placeholders(agreement):
    texts = {"subject": "{call}", "body": "{company} {amount} {period} {deadline}"}
    letter = services.letter_render(texts, agreement.application, agreement, "en")
    assert letter["subject"] == "CES pavilion participation"
    assert letter["body"].startswith("영일만배터리 50,000,000 KRW ")
