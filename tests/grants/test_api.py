"""The agreements API: operators manage, the company reads and reports, refusals are clear."""

from __future__ import annotations

import json
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import login
from tests.grants.conftest import a_date, signed_pdf
from yeongilman.grants.models import Agreement, AgreementStatus

API = "/api/v1/grants"


def _post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_operator_drafts_changes_and_deletes(client, operator, selected, period):
    login(client, operator)
    response = _post(
        client,
        f"{API}/agreements",
        {
            "application": selected.pk,
            "amount_krw": 10_000_000,
            "starts_on": period[0].isoformat(),
            "ends_on": period[1].isoformat(),
        },
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["status"] == "drafted"
    changed = client.patch(
        f"{API}/agreements/{pk}",
        json.dumps({"amount_krw": 12_000_000}),
        content_type="application/json",
    )
    assert changed.json()["amount_krw"] == 12_000_000
    assert client.delete(f"{API}/agreements/{pk}").status_code == 204
    assert not Agreement.objects.exists()


def test_an_absurd_amount_is_a_422(client, operator, selected, period):
    login(client, operator)
    response = _post(
        client,
        f"{API}/agreements",
        {
            "application": selected.pk,
            "amount_krw": 10**20,
            "starts_on": period[0].isoformat(),
            "ends_on": period[1].isoformat(),
        },
    )
    assert response.status_code == 422 and "amount_krw" in response.json()["errors"]


def test_the_company_reads_its_sent_agreement_only(client, member, other_member, agreement, sent):
    login(client, member)
    listed = client.get(f"{API}/agreements").json()
    assert [a["id"] for a in listed] == [sent.pk]
    assert [d["uploaded"] for d in listed[0]["documents"]] == [False, False]
    login(client, other_member)
    assert client.get(f"{API}/agreements").json() == []
    assert client.get(f"{API}/agreements/{sent.pk}").status_code == 404


def test_the_company_cannot_change_its_agreement(client, member, sent):
    login(client, member)
    response = _post(client, f"{API}/agreements/{sent.pk}/sign")
    assert response.status_code == 403


def test_upload_sign_report_evaluate(client, operator, member, sent):
    login(client, member)
    for document in sent.documents.all():
        response = client.post(f"{API}/documents/{document.pk}/upload", {"file": signed_pdf()})
        assert response.status_code == 200 and response.json()["uploaded"], response.content
    login(client, operator)
    assert _post(client, f"{API}/agreements/{sent.pk}/sign").json()["status"] == "signed"
    milestone = _post(
        client,
        f"{API}/agreements/{sent.pk}/milestones",
        {
            "title_en": "Pilot",
            "due_on": (sent.starts_on + timedelta(days=5)).isoformat(),
            "amount_krw": 1_000,
            "evaluation": "final",
        },
    )
    assert milestone.status_code == 201, milestone.content
    login(client, member)
    report = _post(
        client,
        f"{API}/milestones/{milestone.json()['id']}/report",
        {"text": "Pilot run with POSCO.", "jobs_created": 3},
    )
    assert report.status_code == 200, report.content
    report_id = report.json()["report"]["id"]
    assert (
        _post(client, f"{API}/reports/{report_id}/evaluation", {"verdict": "pass"}).status_code
        == 403
    )
    login(client, operator)
    evaluated = _post(client, f"{API}/reports/{report_id}/evaluation", {"verdict": "pass"})
    assert evaluated.json()["verdict"] == "pass"


def test_a_renamed_file_is_refused_as_a_signed_pdf(client, member, sent):
    login(client, member)
    document = sent.documents.first()
    response = client.post(
        f"{API}/documents/{document.pk}/upload",
        {"file": SimpleUploadedFile("signed.pdf", b"\xff\xd8\xff", content_type="application/pdf")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "signed.pdf is not a PDF file."
    document.refresh_from_db()
    assert not document.file


def test_a_non_pdf_document_is_refused(client, member, sent):
    login(client, member)
    document = sent.documents.first()
    response = client.post(
        f"{API}/documents/{document.pk}/upload",
        {"file": SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff", content_type="image/jpeg")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == ("Files of type jpg are not accepted here; allowed: pdf.")


def test_signing_with_documents_missing_is_refused(client, operator, sent):
    login(client, operator)
    response = _post(client, f"{API}/agreements/{sent.pk}/sign")
    assert response.status_code == 422
    assert "Bank account copy" in response.json()["detail"]
    assert Agreement.objects.get().status == AgreementStatus.SENT


def test_a_report_after_the_agreement_ended_is_refused(client, member, milestone):
    Agreement.objects.filter(pk=milestone.agreement_id).update(
        starts_on=a_date(-400), ends_on=a_date(-1)
    )
    login(client, member)
    response = client.post(
        f"{API}/milestones/{milestone.pk}/report",
        json.dumps({"text": "Late"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    assert "reports are no longer accepted" in response.json()["detail"]
    assert not Agreement.objects.get().milestones.filter(report__isnull=False).exists()
