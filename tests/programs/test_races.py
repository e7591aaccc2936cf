"""State changes under concurrency: the same submission or publication sent by several
requests at once happens once (one audit entry, one mail)."""

import pytest

from tests.concurrency import at_once
from tests.programs.conftest import pdf
from yeongilman.core.errors import DomainError
from yeongilman.core.models import AuditEntry
from yeongilman.outbox.models import Mail
from yeongilman.programs.models import Application, ApplicationStatus
from yeongilman.programs.services import applications as app_services

# Real transactions: the threads see each other's commits.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("taxonomy_restored")]


def test_one_application_submitted_five_times_at_once_is_submitted_once(
    member, ces_call, battery_startup
):
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

    def submit(_i: int) -> object:
        return app_services.application_submit(
            actor=member, application=Application.objects.get(pk=application.pk)
        )

    results = at_once(5, submit)
    assert sum(isinstance(r, Application) for r in results) == 1
    assert all(isinstance(r, DomainError) for r in results if not isinstance(r, Application))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    entries = AuditEntry.objects.filter(action="application_submitted", subject_id=application.pk)
    assert entries.count() == 1
    assert Mail.objects.filter(tag="programs/email/submitted.txt").count() == 1


def test_withdrawing_twice_at_once_records_one_withdrawal(member, ces_call, battery_startup):
    application = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    at_once(
        4,
        lambda _i: app_services.application_withdraw(
            actor=member, application=Application.objects.get(pk=application.pk)
        ),
    )
    assert AuditEntry.objects.filter(action="application_withdrawn").count() == 1
