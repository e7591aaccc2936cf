"""The outcomes API: each side of a meeting, another participant, an operator, a visitor."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_user
from yeongilman.accounts.services import api_token_issue_from_console
from yeongilman.meetings.models import MeetingSlot
from yeongilman.outcomes.models import Feedback, FollowUp, NoShow, OutcomeLink


def _headers(user) -> dict:
    if user is None:
        return {}
    return {"HTTP_AUTHORIZATION": "Bearer " + api_token_issue_from_console(user=user, name="t")[1]}


def _post(client, url, body, user):
    return client.post(url, json.dumps(body), content_type="application/json", **_headers(user))


@pytest.fixture
def ended(meeting):
    """The meeting's slot ended an hour ago (and the follow-up is not open yet)."""
    now = timezone.now()
    MeetingSlot.objects.filter(pk=meeting.slot_id).update(
        starts_at=now - timedelta(minutes=90), ends_at=now - timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def stranger(past_day):
    from yeongilman.events.models import Registration

    user = make_user("stranger@example.org")
    Registration.objects.create(event=past_day, user=user, status="confirmed")
    return user


def test_each_side_lists_and_rates_the_meeting(client, ended, member, other_member):
    for user, verdict in ((member, "informative"), (other_member, "cooperation")):
        listed = client.get("/api/v1/outcomes/meetings", **_headers(user)).json()
        assert [m["id"] for m in listed] == [ended.pk]
        response = _post(client, f"/api/v1/outcomes/meetings/{ended.pk}/outcome",
                         {"verdict": verdict, "comment": "ok"}, user)  # fmt: skip
        assert response.status_code == 200, response.content
        assert response.json()["verdict"] == verdict
    assert Feedback.objects.count() == 2


def test_rating_twice_replaces_the_answer(client, ended, member):
    url = f"/api/v1/outcomes/meetings/{ended.pk}/outcome"
    assert _post(client, url, {"verdict": "held"}, member).status_code == 200
    assert _post(client, url, {"verdict": "not_held"}, member).json()["verdict"] == "not_held"
    assert list(Feedback.objects.values_list("verdict", flat=True)) == ["not_held"]


@pytest.mark.parametrize("who", ["stranger", "operator", None])
def test_others_cannot_rate_a_meeting_they_are_not_in(client, request, ended, who):
    user = request.getfixturevalue(who) if who else None
    response = _post(client, f"/api/v1/outcomes/meetings/{ended.pk}/outcome",
                     {"verdict": "not_held"}, user)  # fmt: skip
    assert response.status_code == (401 if user is None else 404)
    assert not Feedback.objects.exists()
    if user is not None:
        assert client.get("/api/v1/outcomes/meetings", **_headers(user)).json() == []


def test_a_meeting_that_has_not_ended_answers_409(client, meeting, member):
    MeetingSlot.objects.filter(pk=meeting.slot_id).update(
        starts_at=timezone.now() + timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=2)
    )
    response = _post(client, f"/api/v1/outcomes/meetings/{meeting.pk}/outcome",
                     {"verdict": "held"}, member)  # fmt: skip
    assert response.status_code == 409
    assert not Feedback.objects.exists()


def test_unknown_verdicts_and_fields_are_refused(client, ended, member):
    url = f"/api/v1/outcomes/meetings/{ended.pk}/outcome"
    assert _post(client, url, {"verdict": "great"}, member).status_code == 422
    assert _post(client, url, {"verdict": "held", "rating": 5}, member).status_code == 422
    assert not Feedback.objects.exists()


def test_follow_up_before_the_period_is_409_and_after_it_drafts(client, ended, member):
    url = f"/api/v1/outcomes/meetings/{ended.pk}/follow-up"
    body = {"status": "agreement", "kind": "mou"}
    assert _post(client, url, body, member).status_code == 409
    MeetingSlot.objects.filter(pk=ended.slot_id).update(
        starts_at=ended.slot.starts_at - timedelta(days=200),
        ends_at=ended.slot.ends_at - timedelta(days=200),
    )
    assert _post(client, url, {"status": "agreement"}, member).status_code == 422
    response = _post(client, url, body, member)
    assert response.status_code == 200, response.content
    assert response.json()["follow_up_status"] == "agreement"
    assert FollowUp.objects.get().kind == "mou"
    assert OutcomeLink.objects.get().confirmed is False


def test_operator_confirms_a_no_show_and_members_cannot(
    client, ended, sides, member, other_member, operator
):
    startup, lab = sides
    _post(client, f"/api/v1/outcomes/meetings/{ended.pk}/outcome", {"verdict": "not_held"}, member)
    url = f"/api/v1/outcomes/meetings/{ended.pk}/no-shows"
    assert _post(client, url, {"registration": lab.pk}, other_member).status_code == 403
    assert _post(client, url, {"registration": lab.pk}, None).status_code == 401
    assert not NoShow.objects.exists()
    assert _post(client, url, {"registration": startup.pk}, operator).status_code == 422
    response = _post(client, url, {"registration": lab.pk}, operator)
    assert response.json() == {"meeting": ended.pk, "registration": lab.pk,
                               "decision": "confirmed"}  # fmt: skip
    attendance = client.get(
        f"/api/v1/outcomes/events/{ended.event_id}/attendance", **_headers(operator)
    ).json()
    assert (attendance["ended"], attendance["no_show_meetings"], attendance["no_show_rate"]) == (
        1, 1, 1.0,
    )  # fmt: skip


def test_funnel_is_for_operators(client, ended, member, operator):
    assert client.get("/api/v1/outcomes/funnel", **_headers(member)).status_code == 403
    assert client.get("/api/v1/outcomes/funnel").status_code == 401
    rows = client.get("/api/v1/outcomes/funnel?by=country", **_headers(operator)).json()
    assert [(r["key"], r["requested"], r["accepted"], r["held"]) for r in rows] == [("US", 1, 1, 0)]
    assert rows[0]["rates"]["accepted"] == 1.0
    assert client.get("/api/v1/outcomes/funnel?by=planet", **_headers(operator)).status_code == 422
