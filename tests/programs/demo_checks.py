"""The demo's two-stage call: run to its published result with a presentation stage, an
appeal and a signed agreement whose first milestone is reported on. The check runs on the
demo world's load (tests/portal/test_demo_world.py), which also proves that loading twice
adds nothing: one full load fewer per test run."""

from __future__ import annotations

from yeongilman.grants.models import Agreement, AgreementStatus
from yeongilman.programs import selectors
from yeongilman.programs.demo import STAGED_CALL
from yeongilman.programs.models import Appeal, Call, Outcome


def assert_two_stage_call_run_to_a_signed_agreement() -> None:
    """On a loaded demo: the staged call's stages, panel, appeal, selection and agreement."""
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
