"""Ordered review stages: advancing by the best N, by a score, with decisions by hand; each
stage's reviewers see only their stage; blind stages; receipt numbers; the timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import login
from tests.factories import make_organisation, make_user
from tests.programs.conftest import GO_AHEAD
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.core.models import AuditEntry
from yeongilman.outbox.models import Mail
from yeongilman.programs import access, selectors
from yeongilman.programs.models import Application, Call, Outcome, Review, StageDecision
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import selection as selection_services
from yeongilman.programs.services import stages as stage_services


def _applications(operator, call, n, members):
    apps = []
    for i in range(n):
        org = make_organisation(operator, members=members, name_en=f"Startup {i}", city="Pohang",
                                industries=("battery",))  # fmt: skip
        apps.append(Application.objects.create(call=call, organisation=org, status="submitted",
                                               submitted_at=timezone.now()))  # fmt: skip
    return apps


def _presentation(operator, call, **values):
    first = call.stages.get()
    stage_services.stage_save(actor=operator, call=call, stage=first,
                              values={"name_ko": "서류평가", "name_en": "Document review",
                                      **values})  # fmt: skip
    second = stage_services.stage_save(actor=operator, call=call, values={
        "name_ko": "발표평가", "name_en": "Presentation", "cutoff": "none",
        "reviewers_per_application": 1})  # fmt: skip
    first.refresh_from_db()
    return first, second


def _score_all(call, stage, apps, reviewer, scores):
    """One submitted review per application on the stage's rubric (tech 0-10, market 1-5)."""
    tech, market = selectors.stage_criteria(stage)
    for app, t in zip(apps, scores, strict=True):
        Review.objects.create(application=app, reviewer=reviewer, stage=stage,
                              submitted_at=timezone.now(),
                              scores={str(tech.pk): t, str(market.pk): 3})  # fmt: skip


def test_a_new_call_has_one_stage_that_follows_the_call(ces_call):
    (stage,) = selectors.stages_of(ces_call)
    assert stage.position == 1 and stage.per_application == 2 and not stage.is_blind
    assert selectors.is_last_stage(stage)


def test_advancing_takes_the_best_n_and_mails_every_applicant(
    operator, ces_call, member, reviewer, django_capture_on_commit_callbacks
):
    first, second = _presentation(operator, ces_call, cutoff="top", cutoff_top=2)
    apps = _applications(operator, ces_call, 4, (member,))
    _score_all(ces_call, first, apps, reviewer, [4, 9, 7, 1])
    preview = {r.application: r.advances for r in selectors.advancement_preview(first)}
    assert preview == {apps[1].pk: True, apps[2].pk: True, apps[0].pk: False, apps[3].pk: False}
    with django_capture_on_commit_callbacks(execute=True):
        result = stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    assert result.advanced == sorted([apps[1].pk, apps[2].pk])
    assert result.stopped == sorted([apps[0].pk, apps[3].pk])
    assert set(selectors.in_stage(second).values_list("pk", flat=True)) == set(result.advanced)
    assert Application.objects.get(pk=apps[0].pk).outcome == Outcome.NOT_SELECTED
    assert Mail.objects.filter(tag="programs/email/stage_result.txt").count() == 4
    assert AuditEntry.objects.filter(action="stage_advanced").count() == 1
    assert selectors.current_stage(ces_call).pk == second.pk


def test_advancing_by_a_score_cut_off(operator, ces_call, member, reviewer):
    first, second = _presentation(operator, ces_call, cutoff="score", cutoff_score=50)
    apps = _applications(operator, ces_call, 3, (member,))
    _score_all(ces_call, first, apps, reviewer, [2, 8, 5])  # raw 27.8, 70, 50
    result = stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    assert result.advanced == sorted([apps[1].pk, apps[2].pk])


def test_decisions_by_hand_need_a_reason_and_are_kept(operator, ces_call, member, reviewer):
    """As in the selection, a decision by hand takes one of the N places."""
    first, second = _presentation(operator, ces_call, cutoff="top", cutoff_top=2)
    apps = _applications(operator, ces_call, 3, (member,))
    _score_all(ces_call, first, apps, reviewer, [9, 5, 1])
    with pytest.raises(ValidationFailed) as failure:
        stage_services.stage_decide(actor=operator, stage=first, application=apps[2],
                                    advance=True, reason=" ")  # fmt: skip
    assert "reason" in failure.value.field_errors
    stage_services.stage_decide(actor=operator, stage=first, application=apps[2], advance=True,
                                reason="Local manufacturing")  # fmt: skip
    stage_services.stage_decide(actor=operator, stage=first, application=apps[0], advance=False,
                                reason="Already funded")  # fmt: skip
    rows = {r.application: r for r in selectors.advancement_preview(first)}
    assert rows[apps[2].pk].advances and rows[apps[2].pk].by_hand
    assert not rows[apps[0].pk].advances and rows[apps[0].pk].reason == "Already funded"
    assert rows[apps[1].pk].advances and not rows[apps[1].pk].by_hand  # the place left
    result = stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    assert result.advanced == sorted([apps[1].pk, apps[2].pk])
    kept = StageDecision.objects.get(stage=first, application=apps[2])
    assert kept.advances and kept.reason == "Local manufacturing"
    entry = AuditEntry.objects.get(action="stage_passed", subject_id=apps[2].pk)
    assert entry.details["by"] == "hand"
    with pytest.raises(Conflict):
        stage_services.stage_decide(actor=operator, stage=first, application=apps[1],
                                    advance=False, reason="late")  # fmt: skip


def test_a_stage_is_advanced_once_and_in_order(operator, ces_call, member, reviewer):
    first, second = _presentation(operator, ces_call, cutoff="top", cutoff_top=1)
    third = stage_services.stage_save(actor=operator, call=ces_call,
                                      values={"name_en": "Final", "cutoff": "none"})  # fmt: skip
    _applications(operator, ces_call, 2, (member,))
    with pytest.raises(ValidationFailed):
        stage_services.stage_advance(actor=operator, stage=second, **GO_AHEAD)  # stage 1 first
    stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    with pytest.raises(Conflict):
        stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    with pytest.raises(ValidationFailed):
        stage_services.stage_advance(actor=operator, stage=third, **GO_AHEAD)  # the last: selection
    with pytest.raises(ValidationFailed):  # the final selection waits for stage 2
        selection_services.selection_apply(actor=operator, call=ces_call)


def test_each_stage_has_its_own_pool_and_reviewers_see_only_their_stage(
    client, operator, ces_call, member, reviewer, second_reviewer
):
    first, second = _presentation(operator, ces_call, cutoff="top", cutoff_top=1)
    apps = _applications(operator, ces_call, 2, (member,))
    review_services.pool_set(actor=operator, call=ces_call, entries={reviewer.pk: []})
    review_services.reviewers_assign(actor=operator, call=ces_call)
    tech, market = selectors.stage_criteria(first)
    for review in Review.objects.filter(reviewer=reviewer):
        t = 9 if review.application_id == apps[0].pk else 2
        review_services.review_save(actor=reviewer, review=review, comment="",
                                    scores={str(tech.pk): t, str(market.pk): 3},
                                    submit=True)  # fmt: skip
    stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    review_services.pool_set(actor=operator, call=ces_call, stage=second,
                             entries={second_reviewer.pk: []})  # fmt: skip
    review_services.reviewers_assign(actor=operator, call=ces_call, stage=second)
    later = Review.objects.get(stage=second)
    assert later.reviewer_id == second_reviewer.pk and later.application_id == apps[0].pk
    # The first stage's reviewer can neither read nor score the second stage's assignment.
    with pytest.raises(Exception):  # noqa: B017 - NotFound, the page's and the API's 404
        access.access_review(reviewer, later.pk)
    login(client, reviewer)
    assert client.get(f"/en/programs/reviews/{later.pk}/").status_code == 404
    answer = client.patch(f"/api/v1/reviews/{later.pk}", {"comment": "x"},
                          content_type="application/json")  # fmt: skip
    assert answer.status_code == 404
    assert [r.pk for r in selectors.reviews_of(reviewer)] == list(
        Review.objects.filter(stage=first, reviewer=reviewer).values_list("pk", flat=True)
    )
    # Their own first-stage review is closed now.
    with pytest.raises(ValidationFailed):
        review_services.review_save(actor=reviewer, review=Review.objects.filter(
            reviewer=reviewer).earliest("pk"), scores={}, comment="late", submit=False)  # fmt: skip


def test_a_blind_stage_hides_the_applicant_and_an_open_one_shows_it(
    client, operator, ces_call, submitted, reviewer, second_reviewer
):
    first, second = _presentation(operator, ces_call, cutoff="top", cutoff_top=1,
                                  blind_review=True)  # fmt: skip
    review_services.pool_set(actor=operator, call=ces_call, entries={reviewer.pk: []})
    review_services.reviewers_assign(actor=operator, call=ces_call)
    review = Review.objects.get(reviewer=reviewer)
    login(client, reviewer)
    body = client.get(f"/en/programs/reviews/{review.pk}/").content.decode()
    assert "영일만배터리" not in body and "LFP 양극재" in body
    assert client.get(f"/api/v1/reviews/{review.pk}").json()["application"]["organisation"] == 0
    assert "영일만배터리" not in client.get("/en/programs/mine/").content.decode()
    tech, market = selectors.stage_criteria(first)
    review_services.review_save(actor=reviewer, review=review, comment="",
                                scores={str(tech.pk): 8, str(market.pk): 3},
                                submit=True)  # fmt: skip
    stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    review_services.pool_set(actor=operator, call=ces_call, stage=second,
                             entries={second_reviewer.pk: []})  # fmt: skip
    review_services.reviewers_assign(actor=operator, call=ces_call, stage=second)
    login(client, second_reviewer)
    later = Review.objects.get(stage=second)
    assert "영일만배터리" in client.get(f"/en/programs/reviews/{later.pk}/").content.decode()


def test_receipt_numbers_are_issued_in_order_and_unique_per_call(
    operator, ces_call, submitted, member
):
    assert submitted.receipt_number == f"{ces_call.pk:04d}-00001"
    others = _applications(operator, ces_call, 1, (member,))
    assert others[0].receipt_number == ""  # made without submitting: no number
    mail = Mail.objects.get(tag="programs/email/submitted.txt")
    assert submitted.receipt_number in mail.body


def test_the_timeline_follows_the_application(operator, ces_call, member, reviewer):
    first, second = _presentation(operator, ces_call, cutoff="top", cutoff_top=1)
    apps = _applications(operator, ces_call, 2, (member,))
    _score_all(ces_call, first, apps, reviewer, [9, 1])

    def states(app):
        app = Application.objects.select_related("call", "stage").get(pk=app.pk)
        return [(s.key, s.state) for s in selectors.timeline(app)]

    assert states(apps[0]) == [("submitted", "done"), ("stage-1", "current"),
                               ("stage-2", "upcoming"), ("result", "upcoming")]  # fmt: skip
    stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    assert states(apps[0]) == [("submitted", "done"), ("stage-1", "done"),
                               ("stage-2", "current"), ("result", "upcoming")]  # fmt: skip
    assert states(apps[1]) == [("submitted", "done"), ("stage-1", "stopped"),
                               ("stage-2", "upcoming"), ("result", "stopped")]  # fmt: skip
    selection_services.selection_apply(actor=operator, call=ces_call, places=1)
    selection_services.results_publish(actor=operator, call=ces_call, **GO_AHEAD)
    assert states(apps[0])[-1] == ("result", "done")


def test_a_withdrawn_application_ends_its_timeline(member, ces_call, battery_startup):
    from yeongilman.programs.services import applications as app_services

    application = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    app_services.application_withdraw(actor=member, application=application)
    application.refresh_from_db()
    assert [s.key for s in selectors.timeline(application)] == ["submitted", "withdrawn"]


def test_publishing_after_stages_mails_only_the_final_stage(
    operator, ces_call, member, reviewer, django_capture_on_commit_callbacks
):
    first, second = _presentation(operator, ces_call, cutoff="top", cutoff_top=1)
    apps = _applications(operator, ces_call, 2, (member,))
    _score_all(ces_call, first, apps, reviewer, [9, 1])
    stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    selection_services.selection_override(actor=operator, application=apps[0],
                                          outcome="selected", reason="Strong pitch")  # fmt: skip
    with pytest.raises(ValidationFailed):  # stopped at stage 1: not in the final stage
        selection_services.selection_override(actor=operator, application=apps[1],
                                              outcome="selected", reason="x")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        letters = selection_services.results_publish(actor=operator, call=ces_call, **GO_AHEAD)
    assert letters == 1  # the member of the one organisation still in the running


def test_stage_settings_are_checked(operator, ces_call):
    with pytest.raises(ValidationFailed) as failure:
        stage_services.stage_save(actor=operator, call=ces_call,
                                  values={"cutoff": "score", "cutoff_score": 140})  # fmt: skip
    assert {"name_ko", "cutoff_score"} <= set(failure.value.field_errors)
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        stage_services.stage_save(actor=make_user("x@example.org"), call=ces_call,
                                  values={"name_en": "Final", "cutoff": "none"})  # fmt: skip


def test_the_data_migration_gives_an_older_call_one_stage_holding_its_reviews(
    operator, program, member, reviewer
):
    """A call written before stages (no stage rows, rows without a stage) behaves as one
    review round; the migration's function then gives it a stage holding everything."""
    import importlib

    from django.apps import apps as django_apps

    from yeongilman.programs.models import Call, CallReviewer, Criterion

    now = timezone.now()
    call = Call.objects.create(program=program, slug="old", title_en="Old call",
                               opens_at=now - timedelta(days=9),
                               closes_at=now - timedelta(days=1),
                               reviewers_per_application=1)  # fmt: skip
    Criterion.objects.create(call=call, name_en="Quality")
    CallReviewer.objects.create(call=call, user=reviewer)
    apps = _applications(operator, call, 2, (member,))
    (stage,) = selectors.stages_of(call)
    assert stage.pk is None and selectors.stage_pool(stage).count() == 1
    criterion = Criterion.objects.get(call=call)
    Review.objects.create(application=apps[0], reviewer=reviewer, submitted_at=now,
                          scores={str(criterion.pk): 8})  # fmt: skip
    assert [r.application for r in selectors.ranking(call)][0] == apps[0].pk
    migration = importlib.import_module(
        "yeongilman.programs.migrations.0003_every_call_has_a_first_stage"
    )
    migration.forwards(django_apps, None)
    stage = call.stages.get()
    assert Review.objects.get().stage_id == stage.pk
    assert CallReviewer.objects.get().stage_id == stage.pk
    assert Criterion.objects.get().stage_id == stage.pk
    assert set(Application.objects.filter(call=call).values_list("stage_id", flat=True)) == {
        stage.pk
    }
    assert sorted(Application.objects.values_list("receipt_number", flat=True)) == [
        f"{call.pk:04d}-00001",
        f"{call.pk:04d}-00002",
    ]
    assert [r.application for r in selectors.ranking(call)][0] == apps[0].pk


def test_advancing_writes_in_queries_that_do_not_grow_with_applications(
    operator, ces_call, reviewer
):
    """Moves, decisions and audit entries are written per group, not per application."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def advance(n: int) -> int:
        Application.objects.all().delete()
        first, second = _presentation(operator, ces_call, cutoff="top", cutoff_top=n // 2)
        apps = _applications(operator, ces_call, n, ())
        _score_all(ces_call, first, apps, reviewer, [i % 10 for i in range(n)])
        with CaptureQueriesContext(connection) as captured:
            result = stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
        passed = AuditEntry.objects.filter(
            action__in=["stage_passed", "stage_not_passed"], subject_id__in=[a.pk for a in apps]
        ).count()
        assert len(result.advanced) == n // 2 and passed == n
        assert Application.objects.filter(stage=second).count() == n // 2
        return len(captured)

    few = advance(4)
    ces_call.stages.exclude(position=1).delete()  # the call again as before the first run
    ces_call.stages.update(advanced_at=None)
    Call.objects.filter(pk=ces_call.pk).update(closed_early_at=None, close_early_reason="")
    ces_call.refresh_from_db()
    assert advance(40) == few
