"""What the operator reads after assigning reviewers: a warning (not a success) when an
application is short, naming the real cause, with the right plural."""

from __future__ import annotations

from django.contrib.messages import constants

from tests.conftest import login
from tests.factories import make_user
from yeongilman.accounts.models import Membership
from yeongilman.programs.models import Review
from yeongilman.programs.services import reviews as review_services


def _assign(client, operator, call):
    login(client, operator)
    answer = client.post(f"/en/programs/{call.slug}/manage/", {"action": "assign"}, follow=True)
    return [(m.level, str(m)) for m in answer.context["messages"]]


def test_a_pool_too_small_is_a_warning_that_says_so(
    client, operator, ces_call, submitted, reviewer
):
    review_services.pool_set(actor=operator, call=ces_call, entries={reviewer.pk: []})
    shown = _assign(client, operator, ces_call)
    assert shown == [
        (
            constants.WARNING,
            "1 application has fewer reviewers than asked: the pool has too few reviewers. "
            "Add reviewers to the pool and assign again.",
        )
    ]
    assert Review.objects.filter(application=submitted).count() == 1


def test_a_shortfall_from_conflicts_blames_the_conflicts(
    client, operator, ces_call, submitted, pool
):
    Membership.objects.create(user=pool[0], organisation=submitted.organisation, role="editor")
    shown = _assign(client, operator, ces_call)
    assert shown == [
        (
            constants.WARNING,
            "1 application has fewer reviewers than asked because of conflicts of interest. "
            "Add reviewers without a conflict and assign again.",
        )
    ]


def test_a_complete_assignment_is_a_success(client, operator, ces_call, submitted, pool):
    third = make_user("reviewer3@example.org", is_reviewer=True)
    review_services.pool_set(
        actor=operator, call=ces_call, entries={r.pk: [] for r in [*pool, third]}
    )
    shown = _assign(client, operator, ces_call)
    assert shown == [
        (constants.SUCCESS, "Reviewers assigned: every application has its reviewers.")
    ]


def test_ranking_and_quotas_name_industries_not_codes(client, operator, ces_call, submitted):
    login(client, operator)
    english = client.get(f"/en/programs/{ces_call.slug}/manage/").content.decode()
    korean = client.get(f"/ko/programs/{ces_call.slug}/manage/").content.decode()
    assert "<td>Secondary battery</td>" in english
    assert "At most for Secondary battery" in english
    assert 'name="quota-battery"' in english
    assert "<td>이차전지</td>" in korean and "이차전지 최대" in korean
    assert "<td>battery</td>" not in english + korean
