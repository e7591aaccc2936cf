"""Appeals: within the stage's window, one per applicant and stage, with checked files; an
upheld appeal changes the stage's result (next stage, or selected on the last), a rejected one
changes nothing; audited and mailed in the applicant's language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from tests.factories import make_organisation
from tests.programs.conftest import GO_AHEAD, PDF
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.core.models import AuditEntry
from yeongilman.outbox.models import Mail
from yeongilman.programs.models import (
    Appeal,
    AppealFile,
    Application,
    Outcome,
    Stage,
    StageDecision,
)
from yeongilman.programs.services import appeals as appeal_services
from yeongilman.programs.services import selection as selection_services
from yeongilman.programs.services import stages as stage_services


@pytest.fixture(autouse=True)
def _english():
    # Messages are compared in English (the Korean of new ones is filled in later).
    with translation.override("en"):
        yield


def _stopped(operator, call, member):
    """Two stages; the member's start-up was stopped by the first, another one passed."""
    first = call.stages.get()
    stage_services.stage_save(actor=operator, call=call, stage=first,
                              values={"name_en": "Documents", "cutoff": "none"})  # fmt: skip
    second = stage_services.stage_save(actor=operator, call=call, values={
        "name_en": "Presentation", "cutoff": "none"})  # fmt: skip
    apps = []
    for i, advance in enumerate((False, True)):
        org = make_organisation(operator, members=(member,) if i == 0 else (),
                                name_en=f"Startup {i}", city="Pohang")  # fmt: skip
        app = Application.objects.create(call=call, organisation=org, status="submitted",
                                         submitted_at=timezone.now())  # fmt: skip
        stage_services.stage_decide(actor=operator, stage=first, application=app,
                                    advance=advance, reason="By hand")  # fmt: skip
        apps.append(app)
    stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    first.refresh_from_db()
    appeal_services.appeal_window_set(actor=operator, stage=first,
                                      closes_at=timezone.now() + timedelta(days=7))  # fmt: skip
    return first, second, Application.objects.get(pk=apps[0].pk)


def _file(name="evidence.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def test_an_applicant_appeals_once_within_the_window_with_files(operator, ces_call, member):
    first, _second, app = _stopped(operator, ces_call, member)
    appeal = appeal_services.appeal_create(actor=member, stage=first, application=app,
                                           text="Revenue misread.", files=[_file()])  # fmt: skip
    assert appeal.files.get().original_name == "evidence.pdf"
    with pytest.raises(Conflict):
        appeal_services.appeal_create(actor=member, stage=first, application=app, text="Again")
    assert Appeal.objects.count() == 1 and AppealFile.objects.count() == 1
    assert AuditEntry.objects.filter(action="appeal_made", subject_id=app.pk).count() == 1


def test_a_late_appeal_is_refused_and_nothing_is_kept(operator, ces_call, member):
    first, _second, app = _stopped(operator, ces_call, member)
    late = first.appeals_close_at + timedelta(seconds=1)
    with pytest.raises(ValidationFailed) as refused:
        appeal_services.appeal_create(actor=member, stage=first, application=app, text="Late",
                                      files=[_file()], now=late)  # fmt: skip
    assert refused.value.message == "The appeal window of this stage has closed."
    assert Appeal.objects.count() == 0 and AppealFile.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("run.exe", b"MZ...", "Not an allowed file type."),
        ("fake.pdf", b"<html>", "The file's content does not match its type."),
        ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "The file is too large."),
        ("empty.hwp", b"", "Empty file."),
    ],
)
def test_bad_files_are_refused(operator, ces_call, member, name, content, error):
    first, _second, app = _stopped(operator, ces_call, member)
    with pytest.raises(ValidationFailed) as refused:
        appeal_services.appeal_create(actor=member, stage=first, application=app, text="See",
                                      files=[_file(name, content)])  # fmt: skip
    assert refused.value.field_errors == {"files": [error]}
    assert Appeal.objects.count() == 0


def test_hwp_and_pictures_are_accepted(operator, ces_call, member):
    first, _second, app = _stopped(operator, ces_call, member)
    files = [_file("letter.hwp", b"\xd0\xcf\x11\xe0rest"), _file("photo.png", b"\x89PNGrest")]
    appeal = appeal_services.appeal_create(actor=member, stage=first, application=app,
                                           text="See the letter.", files=files)  # fmt: skip
    names = sorted(appeal.files.values_list("original_name", flat=True))
    assert names == ["letter.hwp", "photo.png"]


def test_only_the_stopped_applicant_may_appeal(operator, ces_call, member, other_member):
    first, _second, app = _stopped(operator, ces_call, member)
    with pytest.raises(PermissionDenied):
        appeal_services.appeal_create(actor=other_member, stage=first, application=app, text="x")
    passed = Application.objects.exclude(pk=app.pk).get()
    passed.organisation.memberships.create(user=other_member, role="editor")
    with pytest.raises(ValidationFailed) as refused:
        appeal_services.appeal_create(actor=other_member, stage=first, application=passed,
                                      text="x")  # fmt: skip
    assert "did not pass" in refused.value.message
    assert Appeal.objects.count() == 0


def test_an_upheld_appeal_moves_the_applicant_on_and_is_mailed_in_their_language(
    operator, ces_call, member, second_reviewer, django_capture_on_commit_callbacks
):
    first, second, app = _stopped(operator, ces_call, member)
    appeal = appeal_services.appeal_create(actor=member, stage=first, application=app,
                                           text="Misread.")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        appeal_services.appeal_decide(actor=operator, appeal=appeal, uphold=True,
                                      reason="The revenue was misread.")  # fmt: skip
    app.refresh_from_db()
    assert app.stage_id == second.pk and app.outcome == Outcome.PENDING
    decision = StageDecision.objects.get(stage=first, application=app)
    assert decision.advances and "misread" in decision.reason
    entry = AuditEntry.objects.get(action="appeal_upheld")
    assert entry.details["effect"] == "advanced"
    mail = Mail.objects.get(tag="programs/email/appeal_decided.txt")
    assert mail.user == member and mail.language == member.language
    with pytest.raises(Conflict):
        appeal_services.appeal_decide(actor=operator, appeal=appeal, uphold=False, reason="x")


def test_a_rejected_appeal_changes_nothing(operator, ces_call, member,
                                           django_capture_on_commit_callbacks):  # fmt: skip
    first, _second, app = _stopped(operator, ces_call, member)
    appeal = appeal_services.appeal_create(actor=member, stage=first, application=app,
                                           text="Misread.")  # fmt: skip
    with pytest.raises(ValidationFailed):  # a reason is required
        appeal_services.appeal_decide(actor=operator, appeal=appeal, uphold=False, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        appeal_services.appeal_decide(actor=operator, appeal=appeal, uphold=False,
                                      reason="The scores stand.")  # fmt: skip
    app.refresh_from_db()
    assert app.stage_id == first.pk and app.outcome == Outcome.NOT_SELECTED
    assert not StageDecision.objects.get(stage=first, application=app).advances
    assert AuditEntry.objects.get(action="appeal_rejected").details["effect"] == "none"
    assert Mail.objects.filter(tag="programs/email/appeal_decided.txt").count() == 1


def test_an_upheld_appeal_on_the_last_stage_selects(operator, ces_call, member, battery_startup):
    app = Application.objects.create(call=ces_call, organisation=battery_startup,
                                     status="submitted", submitted_at=timezone.now())  # fmt: skip
    selection_services.selection_override(actor=operator, application=app,
                                           outcome=Outcome.NOT_SELECTED, reason="Weak")  # fmt: skip
    selection_services.results_publish(actor=operator, call=ces_call, **GO_AHEAD)
    stage = ces_call.stages.get()
    with pytest.raises(ValidationFailed):  # no window set: no appeals
        appeal_services.appeal_create(actor=member, stage=stage, application=app, text="x")
    appeal_services.appeal_window_set(actor=operator, stage=stage,
                                      closes_at=timezone.now() + timedelta(days=3))  # fmt: skip
    appeal = appeal_services.appeal_create(actor=member, stage=stage, application=app, text="x")
    appeal_services.appeal_decide(actor=operator, appeal=appeal, uphold=True, reason="Recount")
    app.refresh_from_db()
    assert app.outcome == Outcome.SELECTED


def test_the_next_stage_cannot_advance_while_appeals_against_an_earlier_one_are_open(
    operator, ces_call, member
):
    first, second, app = _stopped(operator, ces_call, member)
    stage_services.stage_save(actor=operator, call=ces_call,
                              values={"name_en": "Final", "cutoff": "none"})  # fmt: skip
    appeal = appeal_services.appeal_create(actor=member, stage=first, application=app, text="x")
    with pytest.raises(ValidationFailed, match="Appeals against the result of Documents are open"):
        stage_services.stage_advance(actor=operator, stage=second, **GO_AHEAD)
    # The window closed, the appeal still waits for its decision: still refused.
    Stage.objects.filter(pk=first.pk).update(appeals_close_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(
        ValidationFailed, match="1 appeal against an earlier stage awaits a decision"
    ):
        stage_services.stage_advance(actor=operator, stage=Stage.objects.get(pk=second.pk),
                                     **GO_AHEAD)  # fmt: skip
    second.refresh_from_db()
    appeal.refresh_from_db()
    assert second.advanced_at is None and appeal.status == "pending"
