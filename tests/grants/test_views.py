"""Agreement pages: who sees what, and the actions the forms post."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.grants.conftest import a_date, signed_pdf
from yeongilman.grants.models import Agreement, AgreementStatus, LetterTemplate


def _url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def test_operator_drafts_from_the_call_table(client, operator, selected, period):
    login(client, operator)
    page = client.get(_url("grants:call", selected.call.slug))
    assert page.status_code == 200 and "영일만배터리" in page.content.decode()
    response = client.post(
        _url("grants:call", selected.call.slug),
        {
            "application": selected.pk,
            "amount_krw": "30000000",
            "starts_on": period[0].isoformat(),
            "ends_on": period[1].isoformat(),
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{agreement.pk}/")
    assert agreement.amount_krw == 30_000_000


def test_a_bad_period_is_shown_next_to_the_form(client, operator, selected, period):
    login(client, operator)
    response = client.post(
        _url("grants:call", selected.call.slug),
        {
            "application": selected.pk,
            "amount_krw": "1",
            "starts_on": period[1].isoformat(),
            "ends_on": period[0].isoformat(),
        },
    )
    assert response.status_code == 422
    assert "The period must end after it starts." in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_table_totals_amounts_and_disbursements(client, operator, milestone):
    from yeongilman.grants import services

    services.milestone_disburse(actor=operator, milestone=milestone, amount_krw=5_000_000)
    login(client, operator)
    html = client.get(_url("grants:call", milestone.agreement.call.slug)).content.decode()
    assert "50,000,000" in html and "20,000,000" in html and "5,000,000" in html


def test_a_draft_is_hidden_from_the_company(client, member, agreement):
    login(client, member)
    assert client.get(_url("grants:agreement", agreement.pk)).status_code == 404
    assert "CES" not in client.get(_url("grants:mine")).content.decode()


def test_company_uploads_and_operator_signs_on_the_page(client, operator, member, sent):
    login(client, member)
    url = _url("grants:agreement", sent.pk)
    for document in sent.documents.all():
        response = client.post(
            url, {"action": "upload", "document": document.pk, "file": signed_pdf()}
        )
        assert response.status_code == 302
    login(client, operator)
    client.post(url, {"action": "sign"})
    sent.refresh_from_db()
    assert sent.status == AgreementStatus.SIGNED


def test_a_png_upload_is_refused_on_the_page(client, member, sent):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, member)
    document = sent.documents.first()
    client.post(
        _url("grants:agreement", sent.pk),
        {
            "action": "upload",
            "document": document.pk,
            "file": SimpleUploadedFile("x.png", b"\x89PNG", content_type="image/png"),
        },
    )
    document.refresh_from_db()
    assert not document.is_uploaded


def test_signing_with_missing_documents_says_which(client, operator, sent):
    login(client, operator)
    response = client.post(_url("grants:agreement", sent.pk), {"action": "sign"}, follow=True)
    assert "Bank account copy" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == AgreementStatus.SENT


def test_company_submits_a_report(client, member, milestone):
    login(client, member)
    url = _url("grants:report", milestone.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Prototype done.", "employees": "9"})
    assert response.status_code == 302
    assert milestone.agreement.milestones.get().report.employees == 9


def test_another_member_cannot_open_the_agreement(client, other_member, sent):
    login(client, other_member)
    assert client.get(_url("grants:agreement", sent.pk)).status_code == 404


def test_an_unknown_placeholder_is_refused_on_the_letters_page(client, operator, ces_call):
    login(client, operator)
    response = client.post(
        _url("grants:letters", ces_call.slug),
        {"kind": "agreement", "action": "save", "subject_en": "Hi", "body_en": "{ceo}"},
    )
    assert response.status_code == 422
    assert "{ceo}" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_the_letters_preview_fills_in_the_agreement(client, operator, agreement):
    login(client, operator)
    response = client.post(
        _url("grants:letters", agreement.call.slug),
        {
            "kind": "agreement",
            "action": "preview",
            "subject_en": "For {company}",
            "body_en": "{amount} until {deadline}",
            "subject_ko": "",
            "body_ko": "",
        },
    )
    html = response.content.decode()
    assert "For 영일만배터리" in html and "50,000,000 KRW until" in html
    assert not LetterTemplate.objects.exists()


def test_a_report_after_the_end_is_refused_on_the_page(client, member, milestone):
    Agreement.objects.filter(pk=milestone.agreement_id).update(
        starts_on=a_date(-400), ends_on=a_date(-1)
    )
    login(client, member)
    response = client.post(_url("grants:report", milestone.pk), {"text": "late"})
    assert response.status_code == 422
    assert "reports are no longer accepted" in response.content.decode()


def test_operator_names_an_evaluator_who_then_evaluates(
    client, operator, reviewer, member, milestone
):
    from yeongilman.grants import services

    report = services.report_submit(actor=member, milestone=milestone, values={"text": "Done."})
    login(client, operator)
    url = _url("grants:agreement", milestone.agreement_id)
    client.post(url, {"action": "evaluators", "evaluators": [reviewer.pk, member.pk]})
    assert list(milestone.agreement.evaluators.all()) == [reviewer]  # only reviewers count
    login(client, reviewer)
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "action": "evaluate",
            "report": report.pk,
            "verdict": "conditional",
            "note": "Hire a CFO.",
        },
    )
    report.refresh_from_db()
    assert (report.verdict, report.evaluated_by) == ("conditional", reviewer)


def test_a_report_attachment_is_read_by_the_operator_not_by_others(
    client, operator, member, other_member, milestone
):
    login(client, member)
    url = _url("grants:report", milestone.pk)
    client.post(url, {"text": "See the annex.", "file": signed_pdf("annex.pdf")})
    login(client, operator)
    download = client.get(url + "?file=1")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "annex.pdf" in client.get(url).content.decode()
    login(client, other_member)
    assert client.get(url + "?file=1").status_code == 404
