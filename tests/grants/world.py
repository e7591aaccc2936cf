"""The agreement objects the role × route table names: a signed agreement with the member's
application (selected by hand), one uploaded document and a milestone with a report."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from tests.grants.conftest import signed_pdf
from yeongilman.grants import services
from yeongilman.programs.models import Application
from yeongilman.programs.services import selection


def grant_world(operator: Any, member: Any, application: Application) -> dict[str, Any]:
    """Make them through the services and return the ids the routes take."""
    selection.selection_override(
        actor=operator, application=application, outcome="selected", reason="Strong team"
    )
    today = timezone.localdate()
    # A wide, fixed period, so the table's bodies can name a due date inside it.
    agreement = services.agreement_draft(
        actor=operator, application=application,
        values={"amount_krw": 10_000_000, "starts_on": date(2020, 1, 1),
                "ends_on": date(2099, 12, 31)},
    )  # fmt: skip
    document = services.document_require(actor=operator, agreement=agreement, name_en="Contract")
    services.agreement_send(actor=operator, agreement=agreement)
    services.document_upload(actor=member, document=document, upload=signed_pdf())
    services.agreement_sign(actor=operator, agreement=agreement)
    milestone = services.milestone_add(
        actor=operator, agreement=agreement,
        values={"title_en": "Pilot", "due_on": today, "amount_krw": 1_000, "evaluation": "midterm"},
    )  # fmt: skip
    report = services.report_submit(actor=member, milestone=milestone, values={"text": "Done."})
    return {
        "grant_agreement": agreement.pk, "grant_document": document.pk,
        "grant_milestone": milestone.pk, "grant_report": report.pk,
    }  # fmt: skip
