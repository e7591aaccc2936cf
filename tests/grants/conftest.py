"""Agreement fixtures: the battery start-up's application selected by hand, and an agreement
drafted for it through the operators' services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.programs.conftest import PDF, ces_call, pool, program, second_reviewer, submitted  # noqa: F401
from yeongilman.grants import services
from yeongilman.programs.services import selection as selection_services


@pytest.fixture
def selected(operator, submitted):  # noqa: F811
    """The submitted application, selected by hand."""
    return selection_services.selection_override(
        actor=operator, application=submitted, outcome="selected", reason="Strong exporter"
    )


@pytest.fixture
def period():
    """This year's agreement period around today."""
    today = timezone.localdate()
    return today - timedelta(days=30), today + timedelta(days=300)


@pytest.fixture
def agreement(operator, selected, period):
    """A drafted agreement: 50,000,000 KRW, two required documents."""
    starts, ends = period
    agreement = services.agreement_draft(
        actor=operator,
        application=selected,
        values={
            "amount_krw": 50_000_000,
            "starts_on": starts,
            "ends_on": ends,
            "sign_by": starts + timedelta(days=40),
            "conditions_en": "Report quarterly.",
        },
    )
    services.document_require(
        actor=operator, agreement=agreement, name_ko="협약서", name_en="Agreement"
    )
    services.document_require(actor=operator, agreement=agreement, name_en="Bank account copy")
    return agreement


@pytest.fixture
def sent(operator, agreement):
    return services.agreement_send(actor=operator, agreement=agreement)


def signed_pdf(name: str = "signed.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def signed(operator, member, sent):
    """Every document uploaded, then signed; one milestone with a mid-term evaluation."""
    for document in sent.documents.all():
        services.document_upload(actor=member, document=document, upload=signed_pdf())
    services.agreement_sign(actor=operator, agreement=sent)
    return sent


@pytest.fixture
def milestone(operator, signed):
    return services.milestone_add(
        actor=operator,
        agreement=signed,
        values={
            "title_en": "Prototype",
            "title_ko": "시제품",
            "amount_krw": 20_000_000,
            "due_on": signed.starts_on + timedelta(days=60),
            "evaluation": "midterm",
        },
    )


def a_date(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
