"""Presentation slots, appeals and the reviewer's dashboard, role by role: the applicant,
another member, a reviewer of this stage, a reviewer of another stage, a panel member and an
operator; and what each one's dashboard holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from tests.conftest import login
from tests.factories import make_organisation, make_user
from tests.programs.conftest import GO_AHEAD, PDF
from yeongilman.accounts.services import api_token_issue_from_console
from yeongilman.core.models import AuditEntry
from yeongilman.outbox.models import Mail
from yeongilman.programs import selectors
from yeongilman.programs.models import (
    Appeal,
    Application,
    PresentationSlot,
    Review,
    ReviewerProfile,
)
from yeongilman.programs.services import appeals as appeal_services
from yeongilman.programs.services import presentations as presenting
from yeongilman.programs.services import reviewers as reviewer_services
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import stages as stage_services

ROLES = ["applicant", "other_member", "stage_reviewer", "earlier_reviewer", "panelist", "operator"]
DAY = datetime(2027, 3, 2, 0, 0, tzinfo=UTC)


def _expect(*statuses: int) -> dict[str, int]:
    return dict(zip(ROLES, statuses, strict=True))


@pytest.fixture
def people(member, other_member, operator, db):
    return {
        "applicant": member, "other_member": other_member, "operator": operator,
        "stage_reviewer": make_user("stage@example.org", is_reviewer=True, language="en"),
        "earlier_reviewer": make_user("earlier@example.org", is_reviewer=True, language="en"),
        "panelist": make_user("panel@example.org", is_reviewer=True, language="en"),
    }  # fmt: skip


@pytest.fixture
def setting(operator, ces_call, people):
    """Documents (reviewed by `earlier_reviewer`) then Presentation (pool: `stage_reviewer` and
    `panelist`, who sits on the panel). The applicant's first start-up passed and is scheduled;
    their second was stopped and may appeal for a week."""
    first = ces_call.stages.get()
    stage_services.stage_save(actor=operator, call=ces_call, stage=first,
                              values={"name_en": "Documents", "cutoff": "none",
                                      "ends_at": timezone.now() + timedelta(days=1)})  # fmt: skip
    second = stage_services.stage_save(actor=operator, call=ces_call, values={
        "name_en": "Presentation", "cutoff": "none",
        "ends_at": timezone.now() + timedelta(days=20)})  # fmt: skip
    apps = []
    for i in range(2):
        org = make_organisation(operator, members=(people["applicant"],), name_en=f"Start {i}",
                                city="Pohang")  # fmt: skip
        app = Application.objects.create(call=ces_call, organisation=org, status="submitted",
                                         submitted_at=timezone.now())  # fmt: skip
        apps.append(app)
    review_services.pool_set(actor=operator, call=ces_call, stage=first,
                             entries={people["earlier_reviewer"].pk: []})  # fmt: skip
    review_services.reviewers_assign(actor=operator, call=ces_call, stage=first)
    Review.objects.filter(application=apps[0]).update(submitted_at=timezone.now())
    for app, advance in zip(apps, (True, False), strict=True):
        stage_services.stage_decide(actor=operator, stage=first, application=app,
                                    advance=advance, reason="By hand")  # fmt: skip
    stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    first.refresh_from_db()
    second.refresh_from_db()
    appeal_services.appeal_window_set(actor=operator, stage=first,
                                      closes_at=timezone.now() + timedelta(days=7))  # fmt: skip
    review_services.pool_set(actor=operator, call=ces_call, stage=second, entries={
        people["stage_reviewer"].pk: [], people["panelist"].pk: []})  # fmt: skip
    panel = presenting.panel_save(actor=operator, stage=second, name="Panel A",
                                  member_ids=[people["panelist"].pk])  # fmt: skip
    presenting.presentation_slots_define(actor=operator, panel=panel, first_start=DAY,
                                         minutes=20, count=2, room="Room 301")  # fmt: skip
    presenting.presentations_schedule(actor=operator, stage=second)
    return {"first": first, "second": second, "passed": apps[0], "stopped": apps[1],
            "panel": panel, "call": ces_call}  # fmt: skip


def _api(client, user, method, path, body=None, multipart=None):
    token = api_token_issue_from_console(user=user, name="t")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if method == "get":
        return client.get(path, **headers)
    if multipart is not None:
        return client.post(path, multipart, **headers)
    return getattr(client, method)(path, json.dumps(body or {}), content_type="application/json",
                                   **headers)  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_presentation_and_appeal_endpoints_by_role(client, role, people, setting):
    user = people[role]
    call, first, second = setting["call"].slug, setting["first"].pk, setting["second"].pk
    passed, stopped = setting["passed"].pk, setting["stopped"].pk
    operators = _expect(403, 403, 403, 403, 403, 200)
    # A panelist reads the application they hear, but its slots are the applicant's.
    cases: list[tuple[str, str, dict | None, dict[str, int]]] = [
        ("get", f"/api/v1/calls/{call}/stages/{second}/presentations", None, operators),
        ("get", f"/api/v1/applications/{passed}/presentations", None,
         _expect(200, 404, 404, 404, 404, 200)),
        ("get", f"/api/v1/calls/{call}/stages/{first}/appeals", None, operators),
        ("post", f"/api/v1/calls/{call}/stages/{second}/presentations/schedule", {},
         _expect(403, 403, 403, 403, 403, 202)),
        ("get", "/api/v1/reviewing", None, _expect(200, 200, 200, 200, 200, 200)),
    ]  # fmt: skip
    wrong = []
    for method, path, body, expected in cases:
        status = _api(client, user, method, path, body).status_code
        if status != expected[role]:
            wrong.append((method, path, expected[role], status))
    appeal = _api(client, user, "post", f"/api/v1/applications/{stopped}/appeals",
                  multipart={"stage": first, "text": "Misread",
                             "files": SimpleUploadedFile("e.pdf", PDF)})  # fmt: skip
    # The earlier stage's reviewer read the stopped application, so may see it but not appeal.
    if appeal.status_code != _expect(201, 404, 404, 403, 404, 403)[role]:
        wrong.append(("post", "appeals", role, appeal.status_code))
    assert wrong == []
    assert Appeal.objects.count() == (1 if role == "applicant" else 0)


@pytest.mark.parametrize("role", ROLES)
def test_only_operators_decide_appeals(client, role, people, setting):
    appeal = appeal_services.appeal_create(
        actor=people["applicant"], stage=setting["first"], application=setting["stopped"],
        text="Misread",
    )  # fmt: skip
    response = _api(client, people[role], "post", f"/api/v1/appeals/{appeal.pk}/decision",
                    {"uphold": True, "reason": "Recount"})  # fmt: skip
    assert response.status_code == _expect(403, 403, 403, 403, 403, 200)[role]
    setting["stopped"].refresh_from_db()
    moved = setting["stopped"].stage_id == setting["second"].pk
    assert moved == (role == "operator")


def test_a_second_appeal_and_a_late_one_are_refused_through_the_api(client, people, setting):
    path = f"/api/v1/applications/{setting['stopped'].pk}/appeals"
    form = {"stage": setting["first"].pk, "text": "Misread"}
    assert _api(client, people["applicant"], "post", path, multipart=form).status_code == 201
    second = _api(client, people["applicant"], "post", path, multipart=form)
    assert second.status_code == 409
    other = f"/api/v1/applications/{setting['passed'].pk}/appeals"
    passed = _api(client, people["applicant"], "post", other, multipart=form)
    assert passed.status_code == 422
    assert Appeal.objects.count() == 1


def test_the_applicant_sees_their_slot_with_the_room(client, people, setting):
    rows = _api(client, people["applicant"], "get",
                f"/api/v1/applications/{setting['passed'].pk}/presentations").json()  # fmt: skip
    assert [(r["panel_name"], r["room"]) for r in rows] == [("Panel A", "Room 301")]


def test_each_dashboard_holds_only_the_reviewers_own_work(people, setting):
    panel = selectors.reviewer_dashboard(people["panelist"])
    assert [(r.stage and r.stage.pk, len(r.to_do), len(r.done), len(r.slots)) for r in panel] == [
        (setting["second"].pk, 1, 0, 1)
    ]
    earlier = selectors.reviewer_dashboard(people["earlier_reviewer"])
    assert [(r.stage and r.stage.pk, len(r.to_do), len(r.done)) for r in earlier] == [
        (setting["first"].pk, 0, 1)
    ]
    assert selectors.reviewer_dashboard(people["stage_reviewer"]) == []
    assert selectors.reviewer_dashboard(people["applicant"]) == []


def test_the_dashboard_page_lists_to_do_deadline_and_slot(client, people, setting):
    login(client, people["panelist"])
    with translation.override("en"):
        page = client.get("/en/programs/reviewing/").content.decode()
    assert "Presentation" in page and "Panel A" in page and "Room 301" in page
    assert "Reviews due by" in page


def test_a_reviewers_profile_expertise_guides_the_assignment_in_every_call(
    operator, ces_call, member, second_reviewer, reviewer
):
    org = make_organisation(operator, members=(member,), name_en="Cells", city="Pohang",
                            industries=("battery",))  # fmt: skip
    Application.objects.create(call=ces_call, organisation=org, status="submitted",
                               submitted_at=timezone.now())  # fmt: skip
    reviewer_services.reviewer_profile_save(actor=second_reviewer, expertise=["battery"])
    assert ReviewerProfile.objects.get(user=second_reviewer).expertise == ["battery"]
    ces_call.reviewers_per_application = 1
    ces_call.save()
    review_services.pool_set(actor=operator, call=ces_call,
                             entries={reviewer.pk: [], second_reviewer.pk: []})  # fmt: skip
    review_services.reviewers_assign(actor=operator, call=ces_call)
    assert list(Review.objects.values_list("reviewer_id", flat=True)) == [second_reviewer.pk]


def test_operators_mail_a_stages_reviewers(operator, people, setting,
                                          django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        sent = reviewer_services.reviewers_mail(actor=operator, stage=setting["second"],
                                                subject="Reminder", body="Please score.",
                                                only_unfinished=True)  # fmt: skip
    assert sent == 1  # the panelist has a review to do; the other stage reviewer has none
    mail = Mail.objects.get(tag="programs/email/reviewer_message.txt")
    assert mail.user == people["panelist"] and "Please score." in mail.body
    assert AuditEntry.objects.get(action="reviewers_mailed").details["recipients"] == 1


def test_a_new_slot_does_not_move_the_scheduled_one(operator, setting):
    placed = PresentationSlot.objects.get(application__isnull=False)
    presenting.presentation_slots_define(actor=operator, panel=setting["panel"],
                                         first_start=DAY + timedelta(hours=3), minutes=20,
                                         count=1, room="Room 301")  # fmt: skip
    presenting.presentations_schedule(actor=operator, stage=setting["second"])
    assert PresentationSlot.objects.get(application__isnull=False) == placed


def test_conflicts_and_submitted_reviews_are_audited_with_their_stage(people, setting):
    review = Review.objects.get(reviewer=people["panelist"])
    review_services.conflict_declare(actor=people["panelist"], review=review, reason="Advisor")
    entry = AuditEntry.objects.get(action="conflict_declared")
    assert entry.details["stage"] == "Presentation"
    # The stage's other reviewer takes the application over, in the same stage.
    assert list(
        Review.objects.filter(application=setting["passed"], stage=setting["second"])
        .values_list("reviewer_id", flat=True)
    ) == [people["stage_reviewer"].pk]  # fmt: skip


def test_undecided_appeals_come_first(operator, people, setting):
    stage = setting["first"]
    decided = Appeal.objects.create(stage=stage, application=setting["passed"], text="x",
                                    status="rejected")  # fmt: skip
    pending = appeal_services.appeal_create(actor=people["applicant"], stage=stage,
                                            application=setting["stopped"], text="y")  # fmt: skip
    assert list(selectors.stage_appeals(stage)) == [pending, decided]


def test_the_dashboard_reads_in_a_bounded_number_of_queries(
    client, people, setting, django_assert_max_num_queries
):
    login(client, people["panelist"])
    with django_assert_max_num_queries(20):
        assert client.get("/en/programs/reviewing/").status_code == 200
