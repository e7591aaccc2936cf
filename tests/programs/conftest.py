"""Programme fixtures: an open CES pavilion call with a form and a rubric, made through the
operators' services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import make_user
from yeongilman.programs.models import Call, Program
from yeongilman.programs.services import applications as app_services
from yeongilman.programs.services import calls as call_services
from yeongilman.programs.services import reviews as review_services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The fixtures' call is still open and not every review is in: tests of what comes after a
# stage's step go ahead with both reasons given (tests/programs/test_decisions_in_time.py
# holds the refusals without them).
GO_AHEAD = {
    "close_early_reason": "Closed early for the test",
    "waive_reviews_reason": "Reviews waived for the test",
}


@pytest.fixture
def program(db):
    return Program.objects.create(
        slug="ces-2027", title_ko="CES 2027 포항관", title_en="CES 2027 Pohang pavilion"
    )


@pytest.fixture
def ces_call(operator, program, battery_startup):
    """Open for a week; Pohang start-ups in battery or bio; 2 reviewers each."""
    now = timezone.now()
    call = call_services.call_save(
        actor=operator,
        values={
            "program": program, "slug": "ces-pavilion", "title_ko": "CES 포항관 참가기업 모집",
            "title_en": "CES pavilion participation", "description_en": "Exhibit at CES.",
            "places": 2, "opens_at": now - timedelta(days=7),
            "closes_at": now + timedelta(days=7), "is_published": True,
            "eligible_kinds": ["startup"], "eligible_cities": ["Pohang"],
            "reviewers_per_application": 2,
        },
        industries=[],
    )  # fmt: skip
    add = call_services.field_add
    add(actor=operator, call=call, key="product", kind="short_text", label_ko="출품 제품",
        label_en="Product to show", required=True)  # fmt: skip
    add(actor=operator, call=call, key="plan", kind="long_text", label_en="Export plan",
        max_chars=50)  # fmt: skip
    add(actor=operator, call=call, key="revenue", kind="number", label_en="Revenue (KRW)")
    add(actor=operator, call=call, key="market", kind="choice", label_en="Target market",
        choices=[{"value": "us", "ko": "미국", "en": "USA"},
                 {"value": "eu", "ko": "유럽", "en": "Europe"}])  # fmt: skip
    add(actor=operator, call=call, key="first_time", kind="yes_no", label_en="First CES?")
    add(actor=operator, call=call, key="deck", kind="file", label_en="Pitch deck",
        allowed_types=["pdf"], max_size_mb=1, required=True)  # fmt: skip
    call_services.criterion_add(actor=operator, call=call, name_en="Technology", weight=2,
                                min_score=0, max_score=10)  # fmt: skip
    call_services.criterion_add(actor=operator, call=call, name_en="Market", weight=1,
                                min_score=1, max_score=5)  # fmt: skip
    return Call.objects.get(pk=call.pk)


@pytest.fixture
def second_reviewer(db):
    return make_user("reviewer2@example.org", is_reviewer=True, language="en")


@pytest.fixture
def pool(operator, ces_call, reviewer, second_reviewer):
    review_services.pool_set(
        actor=operator, call=ces_call, entries={reviewer.pk: [], second_reviewer.pk: []}
    )
    return [reviewer, second_reviewer]


def pdf(name: str = "deck.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def submitted(member, ces_call, battery_startup, django_capture_on_commit_callbacks):
    """The battery start-up's complete, submitted application."""
    application = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    app_services.application_save_draft(
        actor=member, application=application,
        answers={"product": "LFP 양극재", "market": "us", "first_time": "yes"},
    )  # fmt: skip
    app_services.application_upload(
        actor=member, application=application, field_key="deck", upload=pdf()
    )
    with django_capture_on_commit_callbacks(execute=True):  # the confirmation mail is sent
        return app_services.application_submit(actor=member, application=application)
