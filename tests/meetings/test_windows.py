"""Time windows of meeting requests (morning, afternoon, chosen slots): the service refuses a
window that leaves no slot both sides are free in, the scheduler gets the window as
`allowed_slots` and keeps the meeting inside it, both sides see it, the page and the API
take it; compact agendas on the run form."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import LA, login
from yeongilman.core.errors import ValidationFailed
from yeongilman.events.services import event_create
from yeongilman.jobs.models import Job
from yeongilman.meetings.adapter import instance_for
from yeongilman.meetings.models import MeetingRequest, MeetingWindow
from yeongilman.meetings.services import (
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    schedule_start,
    slots_define,
    unavailability_set,
)


@pytest.fixture
def noon_day(b2b_day, operator):
    """The B2B day with four slots around noon (Las Vegas): 11:00 and 11:30 in the morning,
    12:00 and 12:30 in the afternoon."""
    slots_define(actor=operator, event=b2b_day, first_start=datetime(2027, 1, 6, 11, tzinfo=LA),
                 minutes=25, count=4, gap_minutes=5, tables=2)  # fmt: skip
    return b2b_day


def _slots(event):
    return list(event.slots.order_by("starts_at"))


def test_a_morning_request_reaches_the_scheduler_as_the_morning_slots(
    noon_day, registrations, startup_user, investor_user
):
    startup, investor = registrations
    request = meeting_request_send(
        actor=startup_user, event=noon_day, recipient=investor, window=MeetingWindow.MORNING
    )
    meeting_request_respond(actor=investor_user, request=request, accept=True)
    first, second, third, _fourth = _slots(noon_day)
    meetings = instance_for(noon_day, keep_confirmed=True)["meetings"]
    assert meetings[0]["allowed_slots"] == [f"s{first.pk}", f"s{second.pk}"]
    assert "agenda" not in instance_for(noon_day, keep_confirmed=True)
    request.window = MeetingWindow.AFTERNOON
    request.save()
    afternoon = instance_for(noon_day, keep_confirmed=True)["meetings"][0]["allowed_slots"]
    assert afternoon == [f"s{third.pk}", f"s{_fourth.pk}"]


def test_a_request_without_a_window_sends_no_allowed_slots(
    noon_day, registrations, startup_user, investor_user
):
    _startup, investor = registrations
    request = meeting_request_send(actor=startup_user, event=noon_day, recipient=investor)
    meeting_request_respond(actor=investor_user, request=request, accept=True)
    assert "allowed_slots" not in instance_for(noon_day, keep_confirmed=True)["meetings"][0]


def test_chosen_slots_reach_the_scheduler_in_time_order(
    noon_day, registrations, startup_user, investor_user
):
    _startup, investor = registrations
    first, _second, third, _fourth = _slots(noon_day)
    request = meeting_request_send(
        actor=startup_user, event=noon_day, recipient=investor,
        window=MeetingWindow.SLOTS, window_slot_ids=[third.pk, first.pk],
    )  # fmt: skip
    meeting_request_respond(actor=investor_user, request=request, accept=True)
    meeting = instance_for(noon_day, keep_confirmed=True)["meetings"][0]
    assert meeting["allowed_slots"] == [f"s{first.pk}", f"s{third.pk}"]


def test_a_window_where_the_two_are_never_both_free_is_refused_and_nothing_is_saved(
    noon_day, registrations, startup_user, investor_user
):
    startup, investor = registrations
    first, second, _third, _fourth = _slots(noon_day)
    unavailability_set(actor=startup_user, registration=startup, slot_ids=[first.pk])
    unavailability_set(actor=investor_user, registration=investor, slot_ids=[second.pk])
    with pytest.raises(ValidationFailed) as refused:
        meeting_request_send(
            actor=startup_user, event=noon_day, recipient=investor, window=MeetingWindow.MORNING
        )
    assert list(refused.value.field_errors) == ["window"]
    assert "두 분이 모두 비어 있는 시간대가 없습니다" in refused.value.message
    assert MeetingRequest.objects.count() == 0
    # The afternoon still has free slots for both: that request is taken.
    meeting_request_send(
        actor=startup_user, event=noon_day, recipient=investor, window=MeetingWindow.AFTERNOON
    )
    assert MeetingRequest.objects.get().window == "afternoon"


def test_a_morning_window_on_a_day_without_morning_slots_is_refused(
    b2b_day, operator, registrations, startup_user
):
    slots_define(actor=operator, event=b2b_day, first_start=datetime(2027, 1, 6, 13, tzinfo=LA),
                 minutes=25, count=2, gap_minutes=5, tables=2)  # fmt: skip
    with pytest.raises(ValidationFailed):
        meeting_request_send(
            actor=startup_user, event=b2b_day, recipient=registrations[1], window="morning"
        )
    assert MeetingRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("window", "chosen", "field"),
    [
        ("evening", [], "window"),
        ("morning", ["first"], "window_slots"),
        ("slots", [], "window_slots"),
        ("slots", ["other_event"], "window_slots"),
    ],
)
def test_malformed_windows_are_refused_on_their_field(
    noon_day, operator, registrations, startup_user, window, chosen, field
):
    other = slots_define(actor=operator, event=_other_event(operator), first_start=datetime(
        2027, 2, 1, 9, tzinfo=LA), minutes=25, count=1, gap_minutes=5, tables=1)  # fmt: skip
    ids = {"first": _slots(noon_day)[0].pk, "other_event": other[0].pk}
    with pytest.raises(ValidationFailed) as refused:
        meeting_request_send(
            actor=startup_user, event=noon_day, recipient=registrations[1], window=window,
            window_slot_ids=[ids[c] for c in chosen],
        )  # fmt: skip
    assert list(refused.value.field_errors) == [field]
    assert MeetingRequest.objects.count() == 0


def _other_event(operator):
    return event_create(
        actor=operator, kind="b2b", title_ko="다른 상담회", title_en="Another day", venue="",
        city="Pohang", time_zone="Asia/Seoul", starts_at=datetime(2027, 2, 1, 9, tzinfo=LA),
        ends_at=datetime(2027, 2, 1, 17, tzinfo=LA), is_published=True, capacity=10,
    )  # fmt: skip


def test_a_proposed_time_outside_the_window_is_refused(noon_day, registrations, startup_user):
    afternoon = _slots(noon_day)[2]
    with pytest.raises(ValidationFailed) as refused:
        meeting_request_send(
            actor=startup_user, event=noon_day, recipient=registrations[1],
            window="morning", proposed_slot_ids=[afternoon.pk],
        )  # fmt: skip
    assert list(refused.value.field_errors) == ["proposed_slots"]
    assert MeetingRequest.objects.count() == 0


def test_the_scheduler_holds_an_afternoon_meeting_in_the_afternoon(
    noon_day, operator, registrations, startup_user, investor_user,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    request = meeting_request_send(
        actor=startup_user, event=noon_day, recipient=registrations[1], window="afternoon"
    )
    meeting_request_respond(actor=investor_user, request=request, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule_start(actor=operator, event=noon_day, keep_confirmed=False)
    run.refresh_from_db()
    request.refresh_from_db()
    assert request.slot is not None
    assert request.slot.starts_at.astimezone(LA).hour == 12
    assert run.result["compact"] is True and run.result["max_spread"] == 2
    assert run.result["breaks"]["total"] == 0


def test_the_request_form_sends_a_window_and_both_sides_see_it(
    client, noon_day, registrations, startup_user, investor_user, english
):
    _startup, investor = registrations
    login(client, startup_user)
    url = f"/en/events/{noon_day.slug}/b2b/request/{investor.pk}/"
    response = client.post(url, {"message": "Before lunch?", "window": "morning"})
    assert response.status_code == 302
    assert MeetingRequest.objects.get().window == "morning"
    for user in (startup_user, investor_user):
        login(client, user)
        page = client.get(f"/en/events/{noon_day.slug}/b2b/").content.decode()
        assert 'data-window="morning"' in page
        assert "Morning (slots starting before 12:00)" in page


def test_the_request_form_with_chosen_slots_keeps_them(
    client, noon_day, registrations, startup_user
):
    _startup, investor = registrations
    first, _second, third, _fourth = _slots(noon_day)
    login(client, startup_user)
    url = f"/en/events/{noon_day.slug}/b2b/request/{investor.pk}/"
    client.post(url, {"window": "slots", "window_slots": [str(first.pk), str(third.pk)]})
    request = MeetingRequest.objects.get()
    assert [s.pk for s in request.window_slots.order_by("starts_at")] == [first.pk, third.pk]


def test_a_refused_window_on_the_page_keeps_what_was_typed(
    client, noon_day, registrations, startup_user, investor_user, english
):
    startup, investor = registrations
    first, second, _third, _fourth = _slots(noon_day)
    unavailability_set(actor=investor_user, registration=investor, slot_ids=[first.pk, second.pk])
    login(client, startup_user)
    url = f"/en/events/{noon_day.slug}/b2b/request/{investor.pk}/"
    response = client.post(url, {"message": "Morning only, please", "window": "morning"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "No slot in this time window is free for both of you" in page
    assert "Morning only, please" in page
    assert '<option value="morning" selected>' in page
    assert MeetingRequest.objects.count() == 0


def test_the_api_takes_a_window_and_answers_it(client, noon_day, registrations, startup_user):
    _startup, investor = registrations
    first, second, _third, _fourth = _slots(noon_day)
    login(client, startup_user)
    response = client.post(
        f"/api/v1/events/{noon_day.pk}/meeting-requests",
        {"recipient": investor.pk, "window": "slots", "window_slot_ids": [second.pk, first.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["window"] == "slots"
    assert [s["id"] for s in body["window_slots"]] == [first.pk, second.pk]
    listed = client.get(f"/api/v1/events/{noon_day.pk}/meeting-requests").json()["results"]
    assert listed[0]["window"] == "slots"


def test_a_request_without_a_window_answers_an_empty_one(
    client, noon_day, registrations, startup_user
):
    login(client, startup_user)
    response = client.post(
        f"/api/v1/events/{noon_day.pk}/meeting-requests",
        {"recipient": registrations[1].pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert (response.json()["window"], response.json()["window_slots"]) == ("", [])


@pytest.mark.parametrize(
    ("body", "field"),
    [({"window": "evening"}, "window"), ({"window": "morning"}, "window")],
)
def test_the_api_refuses_bad_or_impossible_windows_with_a_422(
    client, noon_day, registrations, investor_user, startup_user, body, field
):
    startup, investor = registrations
    first, second, _third, _fourth = _slots(noon_day)
    unavailability_set(actor=investor_user, registration=investor, slot_ids=[first.pk, second.pk])
    login(client, startup_user)
    response = client.post(
        f"/api/v1/events/{noon_day.pk}/meeting-requests",
        {"recipient": investor.pk, **body},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert any(field in key for key in response.json()["errors"])
    assert MeetingRequest.objects.count() == 0


def test_the_run_form_offers_compact_agendas_on_by_default(client, noon_day, operator, english):
    login(client, operator)
    page = client.get(f"/en/events/{noon_day.slug}/b2b/manage/").content.decode()
    assert 'id="id_compact" checked' in page
    assert 'name="max_spread" value="2"' in page


def test_a_negative_spread_on_the_run_form_starts_no_run(client, noon_day, operator, english):
    login(client, operator)
    response = client.post(
        f"/en/events/{noon_day.slug}/b2b/manage/",
        {"action": "run", "compact": "on", "max_spread": "-1"},
    )
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    assert Job.objects.count() == 0


def test_the_run_form_passes_compact_agendas_and_the_spread(client, noon_day, operator):
    login(client, operator)
    client.post(
        f"/en/events/{noon_day.slug}/b2b/manage/",
        {"action": "run", "keep_confirmed": "on", "max_spread": "1"},
    )
    assert Job.objects.get().args == {
        "event_id": noon_day.pk, "keep_confirmed": True, "compact": False, "max_spread": 1,
    }  # fmt: skip


def test_a_spread_past_the_limit_is_refused_by_the_service(noon_day, operator):
    with pytest.raises(ValidationFailed) as refused:
        schedule_start(actor=operator, event=noon_day, max_spread=21)
    assert list(refused.value.field_errors) == ["max_spread"]
    assert Job.objects.count() == 0


def test_the_schedule_api_takes_compact_agendas_and_the_spread(client, noon_day, operator):
    login(client, operator)
    url = f"/api/v1/events/{noon_day.pk}/schedule"
    refused = client.post(url, {"max_break_spread": -1}, content_type="application/json")
    assert refused.status_code == 422
    assert Job.objects.count() == 0
    body = {"compact_agendas": False, "max_break_spread": 3}
    assert client.post(url, body, content_type="application/json").status_code == 202
    assert Job.objects.get().args == {
        "event_id": noon_day.pk, "keep_confirmed": True, "compact": False, "max_spread": 3,
    }  # fmt: skip


def test_an_operator_cannot_move_a_morning_meeting_into_the_afternoon(
    noon_day, operator, registrations, startup_user, investor_user
):
    request = meeting_request_send(
        actor=startup_user, event=noon_day, recipient=registrations[1], window="morning"
    )
    meeting_request_respond(actor=investor_user, request=request, accept=True)
    first, _second, third, _fourth = _slots(noon_day)
    with pytest.raises(ValidationFailed):
        meeting_move(actor=operator, request=request, slot=third)
    request.refresh_from_db()
    assert request.slot_id is None
    meeting_move(actor=operator, request=request, slot=first)
    request.refresh_from_db()
    assert request.slot_id == first.pk
