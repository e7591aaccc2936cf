"""Stages and receipts under concurrency: a stage advanced twice at once is advanced once (a
clear refusal for the other, nothing half-done); submissions at the same moment get distinct
receipt numbers. Real transactions, on SQLite and on PostgreSQL."""

import pytest
from django.utils import timezone

from tests.concurrency import at_once
from tests.factories import make_organisation
from tests.programs.conftest import GO_AHEAD, pdf
from yeongilman.core.errors import Conflict
from yeongilman.core.models import AuditEntry
from yeongilman.outbox.models import Mail
from yeongilman.programs import selectors
from yeongilman.programs.models import Application, Review, Stage, StageDecision
from yeongilman.programs.services import applications as app_services
from yeongilman.programs.services import stages as stage_services
from yeongilman.programs.services.stages import Advancement

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("taxonomy_restored")]


def test_a_stage_advanced_twice_at_once_is_advanced_once(operator, ces_call, member, reviewer):
    first = ces_call.stages.get()
    stage_services.stage_save(actor=operator, call=ces_call, stage=first,
                              values={"cutoff": "top", "cutoff_top": 2})  # fmt: skip
    stage_services.stage_save(actor=operator, call=ces_call,
                              values={"name_en": "Presentation", "cutoff": "none"})  # fmt: skip
    tech, market = selectors.stage_criteria(first)
    for i in range(4):
        org = make_organisation(operator, members=(member,), name_en=f"Startup {i}",
                                city="Pohang")  # fmt: skip
        app = Application.objects.create(call=ces_call, organisation=org, status="submitted",
                                         submitted_at=timezone.now())  # fmt: skip
        Review.objects.create(application=app, reviewer=reviewer, stage=first,
                              submitted_at=timezone.now(),
                              scores={str(tech.pk): i, str(market.pk): 3})  # fmt: skip

    results = at_once(
        2, lambda _i: stage_services.stage_advance(
            actor=operator, stage=Stage.objects.get(pk=first.pk), **GO_AHEAD)
    )  # fmt: skip
    assert sum(isinstance(r, Advancement) for r in results) == 1
    refused = [r for r in results if not isinstance(r, Advancement)]
    assert len(refused) == 1 and isinstance(refused[0], Conflict)
    assert StageDecision.objects.filter(stage=first).count() == 4
    assert AuditEntry.objects.filter(action="stage_advanced").count() == 1
    assert AuditEntry.objects.filter(action__in=["stage_passed", "stage_not_passed"]).count() == 4
    assert Mail.objects.filter(tag="programs/email/stage_result.txt").count() == 4


def test_submissions_at_the_same_moment_get_distinct_receipt_numbers(operator, ces_call, member):
    applications = []
    for i in range(4):
        org = make_organisation(operator, members=(member,), name_en=f"Startup {i}",
                                city="Pohang", kind="startup")  # fmt: skip
        application = app_services.application_start(actor=member, call=ces_call,
                                                      organisation=org)  # fmt: skip
        app_services.application_save_draft(actor=member, application=application,
                                            answers={"product": "LFP"})  # fmt: skip
        app_services.application_upload(actor=member, application=application,
                                        field_key="deck", upload=pdf())  # fmt: skip
        applications.append(application)

    results = at_once(
        4, lambda i: app_services.application_submit(
            actor=member, application=Application.objects.get(pk=applications[i].pk))
    )  # fmt: skip
    assert all(isinstance(r, Application) for r in results), results
    numbers = sorted(Application.objects.values_list("receipt_number", flat=True))
    assert numbers == [f"{ces_call.pk:04d}-{n:05d}" for n in range(1, 5)]
