"""The demo's two-stage call: run to its published result with a presentation stage, an
appeal and a signed agreement whose first milestone is reported on; loading twice adds
nothing."""

from __future__ import annotations

from django.core.management import call_command

from yeongilman.grants.models import Agreement, AgreementStatus, MilestoneReport
from yeongilman.programs import selectors
from yeongilman.programs.demo import STAGED_CALL
from yeongilman.programs.models import Appeal, Call, Outcome, PresentationSlot, Review


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Call, Appeal, PresentationSlot, Review, Agreement, MilestoneReport)
    )


def test_demo_has_a_two_stage_call_run_to_a_signed_agreement(db):
    call_command("load_demo", verbosity=0)
    call = Call.objects.get(slug=STAGED_CALL)
    documents, presentation = selectors.stages_of(call)
    assert documents.advanced_at and documents.cutoff_top == 4
    assert not presentation.advanced_at and call.results_published_at
    assert list(selectors.in_stage(presentation).order_by("receipt_number")) == list(
        call.applications.filter(stage=presentation).order_by("receipt_number")
    )
    panel = presentation.panels.get()
    assert panel.members.filter(email="reviewer@demo.yeongilman.kr").exists()
    assert panel.slots.filter(application__isnull=False).count() == 4
    receipts = list(call.applications.values_list("receipt_number", flat=True))
    assert len(set(receipts)) == len(receipts) == 8 and all(receipts)
    appeal = Appeal.objects.get(stage=documents)
    assert appeal.decision_reason and appeal.application.stage == documents
    assert call.applications.filter(outcome=Outcome.SELECTED).count() == 2
    agreement = Agreement.objects.get(call=call)
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.documents.get().is_uploaded
    first = agreement.milestones.order_by("due_on").first()
    assert first is not None and first.report.submitted_at and not first.report.evaluated_at
    # The reviewer's dashboard and the ranking read the demo's reviews per stage.
    assert len(selectors.ranking(call, presentation)) == 4
    before = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == before
