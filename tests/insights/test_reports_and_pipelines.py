"""The briefing (PDF text really Korean; XLSX numbers match), pipelines with history and
reminders, and who may see what."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import login
from yeongilman.core.models import AuditEntry
from yeongilman.insights import services
from yeongilman.insights.reports import briefing, briefing_pdf, briefing_xlsx


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    return text.replace("\x00", "").replace(" ", "")


def test_pdf_briefing_has_korean_headings(ecosystem):
    text = _text(briefing_pdf(briefing(2024, 2025, "ko")))
    for heading in ("영일만밸리브리핑", "주요지표", "투자유치", "정책건의"):
        assert heading in text, heading
    english = _text(briefing_pdf(briefing(2024, 2025, "en")))
    assert "YeongilmanValleybriefing" in english and "Headlinefigures" in english


def test_xlsx_briefing_numbers_match_the_data(ecosystem):
    book = load_workbook(io.BytesIO(briefing_xlsx(briefing(2024, 2025, "en"))))
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row}
    # Funding 2024-2025, all rounds: 2,000 + 1,300 + 700 million KRW.
    assert summary["Funding raised (million KRW)"] == "4,000"
    assert summary["Funding rounds"] == "3"
    assert summary["Jobs reported in 2025"] == "72"
    changes = [
        r for r in book.worksheets[0].iter_rows(values_only=True) if r and r[0] == "영일만배터리"
    ]
    assert changes and "2,000" in changes[0][1]  # revenue 1,000 → 3,000 million KRW


def test_agreement_changes_are_kept_as_history(operator, battery_startup, pittsburgh_lab):
    agreement = services.agreement_save(
        actor=operator, values={"title_en": "Pohang–Pittsburgh startup exchange", "kind": "mou",
                                "stage": "contact"},
        parties=[battery_startup, pittsburgh_lab],
    )  # fmt: skip
    signed = {"stage": "signed", "next_step": "Kick-off"}
    parties = [battery_startup, pittsburgh_lab]
    services.agreement_save(actor=operator, values=signed, parties=parties, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.signed_on == timezone.localdate()
    changed = AuditEntry.objects.get(scope=f"agreement:{agreement.pk}", action="agreement_changed")
    assert changed.details["changes"]["stage"] == ["contact", "signed"]


def test_overdue_next_steps_are_mailed_once(operator, django_capture_on_commit_callbacks):
    lead = services.lead_save(actor=operator, values={
        "title": "Battery gigafactory", "stage": "site_visit", "probability": 40,
        "owner": operator, "next_step": "Send the site offer",
        "next_step_due": timezone.localdate() - dt.timedelta(days=2)})  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_overdue() == 1
    assert services.remind_overdue() == 0  # once per due date
    assert len(mail.outbox) == 1 and "Send the site offer" in mail.outbox[0].body
    assert lead.pk


@pytest.mark.parametrize(
    ("role", "summary", "dashboard", "pipeline", "report", "figures"),
    [
        ("visitor", 200, 302, 302, 302, 302),
        ("member", 200, 403, 403, 403, 200),
        ("other_member", 200, 403, 403, 403, 403),
        ("reviewer", 200, 403, 403, 403, 403),
        ("operator", 200, 200, 200, 200, 200),
    ],
)
def test_pages_by_role(client, request, ecosystem, role, summary, dashboard, pipeline, report,
                       figures):  # fmt: skip
    if role != "visitor":
        login(client, request.getfixturevalue(role))
    slug = ecosystem["battery"].slug
    for url, expected in [
        ("/en/insights/", summary),
        ("/en/insights/all/", dashboard),
        ("/en/insights/pipelines/leads/", pipeline),
        ("/en/insights/report/", report),
        (f"/en/insights/figures/{slug}/", figures),
        ("/en/insights/figures/import/", dashboard),
        ("/en/insights/rates/", dashboard),
    ]:
        assert client.get(url).status_code == expected, (url, role)


def test_public_csv_never_leaks_unpublished_figures(client, member, ecosystem):
    login(client, member)
    body = client.get("/en/insights/charts/jobs_per_year.csv?scope=all").content.decode()
    assert "2025,65," in body  # a member asking for everything still gets the public view


def test_the_briefing_is_made_by_a_job_and_downloaded_by_its_operator(
    client, operator, other_member, ecosystem, django_capture_on_commit_callbacks
):
    from tests.conftest import login

    login(client, operator)
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(
            "/en/insights/report/",
            {"year_from": 2024, "year_to": 2025, "language": "ko", "format": "pdf"},
        )
    assert queued.status_code == 302
    page = client.get(queued["Location"]).content.decode()
    assert "briefing-2024-2025-ko.pdf" in page
    job_id = int(queued["Location"].rsplit("=", 1)[1])
    download = client.get(f"/en/insights/report/{job_id}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    login(client, other_member)
    assert client.get(f"/en/insights/report/{job_id}/download/").status_code == 404
