"""The stages on the pages: operators add and advance stages on the manage page with a
preview of who advances; the applicant sees the receipt and the timeline; open calls carry a
D-day badge; and who may use the stage endpoints, by role (applicant, other member, reviewer
of this stage, reviewer of another stage, operator)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import login
from tests.programs.conftest import GO_AHEAD
from yeongilman.accounts.services import api_token_issue_from_console
from yeongilman.programs import selectors
from yeongilman.programs.models import Review, Stage
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import stages as stage_services


def test_operators_add_a_stage_and_advance_with_a_preview(
    client, operator, ces_call, submitted, reviewer
):
    login(client, operator)
    url = f"/en/programs/{ces_call.slug}/manage/"
    answer = client.post(url, {"action": "stage_add", "stage-name_en": "Presentation",
                               "stage-cutoff": "none",
                               "stage-blind_review": "unknown"})  # fmt: skip
    assert answer.status_code == 302
    first, second = selectors.stages_of(ces_call)
    assert second.name_en == "Presentation" and second.blind_review is None
    client.post(url, {"action": "stage_cutoff", "stage": first.pk, "cutoff": "top",
                      "cutoff_top": "1"})  # fmt: skip
    page = client.get(url).content.decode()
    assert 'id="advance"' in page and f'data-application="{submitted.pk}"' in page
    client.post(url, {"action": "stage_decide", "stage": first.pk,
                      "application": submitted.pk, "advance": "yes",
                      "reason": "Strong prototype"})  # fmt: skip
    client.post(url, {"action": "stage_advance", "stage": first.pk, "confirm": "yes", **GO_AHEAD})
    submitted.refresh_from_db()
    assert submitted.stage_id == second.pk
    assert Stage.objects.get(pk=first.pk).advanced_at is not None


def test_a_bad_stage_is_shown_with_its_errors(client, operator, ces_call):
    login(client, operator)
    answer = client.post(f"/en/programs/{ces_call.slug}/manage/",
                         {"action": "stage_add", "stage-cutoff": "score",
                          "stage-cutoff_score": "50"})  # fmt: skip
    assert answer.status_code == 200 and b"Give the name in Korean or English." in answer.content
    assert ces_call.stages.count() == 1


def test_the_applicant_sees_the_receipt_and_the_timeline(client, member, submitted):
    login(client, member)
    page = client.get(f"/en/programs/applications/{submitted.pk}/").content.decode()
    assert submitted.receipt_number in page and 'class="status-timeline"' in page
    assert 'aria-current="step"' in page
    data = client.get(f"/api/v1/applications/{submitted.pk}").json()
    assert data["receipt_number"] == submitted.receipt_number
    assert [s["key"] for s in data["timeline"]] == ["submitted", "stage-1", "result"]


def test_open_calls_carry_a_d_day_badge(client, ces_call):
    ces_call.closes_at = timezone.now() + timedelta(days=3, hours=1)
    ces_call.save()
    page = client.get("/en/programs/").content.decode()
    assert 'class="badge dday' in page and ("D-3" in page or "D-4" in page)


@pytest.fixture
def two_stage_world(operator, ces_call, submitted, reviewer, second_reviewer):
    """Stage 1 reviewed by `reviewer` and advanced; stage 2 assigned to `second_reviewer`."""
    first = ces_call.stages.get()
    stage_services.stage_save(actor=operator, call=ces_call, stage=first,
                              values={"cutoff": "top", "cutoff_top": 1})  # fmt: skip
    second = stage_services.stage_save(actor=operator, call=ces_call,
                                       values={"name_en": "Presentation", "cutoff": "none",
                                               "reviewers_per_application": 1})  # fmt: skip
    review_services.pool_set(actor=operator, call=ces_call, entries={reviewer.pk: []})
    review_services.reviewers_assign(actor=operator, call=ces_call)
    tech, market = selectors.stage_criteria(first)
    review_services.review_save(actor=reviewer, review=Review.objects.get(reviewer=reviewer),
                                scores={str(tech.pk): 7, str(market.pk): 3}, comment="",
                                submit=True)  # fmt: skip
    stage_services.stage_advance(actor=operator, stage=Stage.objects.get(pk=first.pk), **GO_AHEAD)
    review_services.pool_set(actor=operator, call=ces_call, stage=second,
                             entries={second_reviewer.pk: []})  # fmt: skip
    review_services.reviewers_assign(actor=operator, call=ces_call, stage=second)
    return {"first": first, "second": second, "later": Review.objects.get(stage=second)}


# applicant, other member, reviewer of stage 1, reviewer of stage 2 (this one), operator
ROLES = ("member", "other_member", "reviewer", "second_reviewer", "operator")
TABLE = [
    ("get", "/api/v1/reviews/{later}", (404, 404, 404, 200, 404)),
    ("patch", "/api/v1/reviews/{later}", (404, 404, 404, 200, 404)),
    ("get", "/en/programs/reviews/{later}/", (404, 404, 404, 200, 404)),
    ("get", "/api/v1/applications/{application}", (200, 404, 200, 200, 200)),
    ("get", "/api/v1/calls/{call}/stages", (403, 403, 403, 403, 200)),
    ("get", "/api/v1/calls/{call}/stages/{second}/advancement", (403, 403, 403, 403, 200)),
    ("post", "/api/v1/calls/{call}/stages/{first}/advance", (403, 403, 403, 403, 409)),
    ("post", "/api/v1/calls/{call}/stages/{second}/advance", (403, 403, 403, 403, 422)),
]


@pytest.mark.parametrize("role", ROLES)
def test_stage_routes_answer_each_role_as_the_table_says(
    client, request, role, two_stage_world, ces_call, submitted
):
    user = request.getfixturevalue(role)
    token = api_token_issue_from_console(user=user, name="t")[1]
    login(client, user)
    names = {"later": two_stage_world["later"].pk, "application": submitted.pk,
             "call": ces_call.slug, "first": two_stage_world["first"].pk,
             "second": two_stage_world["second"].pk}  # fmt: skip
    wrong = []
    for method, path, expected in TABLE:
        url = path.format(**names)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if url.startswith("/api/") else {}
        if method == "get":
            status = client.get(url, **headers).status_code
        else:
            status = getattr(client, method)(url, {"comment": "x"} if method == "patch" else {},
                                             content_type="application/json",
                                             **headers).status_code  # fmt: skip
        if status != expected[ROLES.index(role)]:
            wrong.append((method, path, expected[ROLES.index(role)], status))
    assert wrong == []
