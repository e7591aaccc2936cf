"""Hybrid and interpreted B2B meetings: online meetings take no table, interpreters are a
limited resource per slot, the run says who lost out for want of one, and the event's
per-person limits reach the scheduler."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.conftest import LA, login
from tests.factories import make_user
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.events.services import event_limits_set, registration_create
from yeongilman.meetings.adapter import instance_for
from yeongilman.meetings.models import MeetingMode, MeetingRequest
from yeongilman.meetings.services import (
    interpreter_save,
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    meeting_request_update,
    schedule_start,
    slots_define,
)


@pytest.fixture
def crowd(b2b_day, operator):
    """Six confirmed participants of the B2B day (three pairs to meet)."""
    people = [make_user(f"p{n}@example.org", full_name=f"Person {n}") for n in range(6)]
    return [registration_create(actor=u, event=b2b_day) for u in people]


def _meet(b2b_day, first, second, **how) -> MeetingRequest:
    request = meeting_request_send(actor=first.user, event=b2b_day, recipient=second, **how)
    meeting_request_respond(actor=second.user, request=request, accept=True)
    request.refresh_from_db()
    return request


def _one_slot(b2b_day, operator, tables: int) -> None:
    slots_define(actor=operator, event=b2b_day, first_start=datetime(2027, 1, 6, 9, tzinfo=LA),
                 minutes=25, count=1, gap_minutes=5, tables=tables)  # fmt: skip


def _run(operator, b2b_day, capture):
    with capture(execute=True):
        run = schedule_start(actor=operator, event=b2b_day, keep_confirmed=False)
    run.refresh_from_db()
    return run


def test_an_online_meeting_takes_no_table(
    b2b_day, operator, crowd, django_capture_on_commit_callbacks
):
    _one_slot(b2b_day, operator, tables=1)
    at_table = _meet(b2b_day, crowd[0], crowd[1])
    online = _meet(b2b_day, crowd[2], crowd[3], mode="online",
                   video_link="https://meet.example.org/abc")  # fmt: skip
    run = _run(operator, b2b_day, django_capture_on_commit_callbacks)
    at_table.refresh_from_db()
    online.refresh_from_db()
    assert run.result["scheduled"] == 2 and run.result["online"] == 1
    assert at_table.table == 1
    assert online.slot_id == at_table.slot_id and online.table is None


def test_video_links_must_be_https(b2b_day, crowd):
    for link in ("http://meet.example.org/x", "javascript:alert(1)", "meet.example.org"):
        with pytest.raises(ValidationFailed) as refused:
            meeting_request_send(actor=crowd[0].user, event=b2b_day, recipient=crowd[1],
                                 mode="online", video_link=link)  # fmt: skip
        assert "video_link" in refused.value.field_errors
    with pytest.raises(ValidationFailed):
        meeting_request_send(actor=crowd[0].user, event=b2b_day, recipient=crowd[1],
                             mode="in_person", video_link="https://meet.example.org/x")  # fmt: skip


def test_either_participant_pastes_the_link_and_no_one_else(b2b_day, crowd):
    request = _meet(b2b_day, crowd[0], crowd[1], mode="online")
    meeting_request_update(actor=crowd[1].user, request=request,
                           video_link="https://meet.example.org/room")  # fmt: skip
    request.refresh_from_db()
    assert request.video_link == "https://meet.example.org/room"
    with pytest.raises(PermissionDenied):
        meeting_request_update(actor=crowd[2].user, request=request, video_link="https://x.org/")


def test_interpreted_meetings_only_go_where_an_interpreter_is_free(
    b2b_day, operator, crowd, django_capture_on_commit_callbacks
):
    slots = list(b2b_day.slots.all())  # four slots, two tables
    kim = interpreter_save(actor=operator, event=b2b_day, name="Kim Interpreter",
                           slot_ids=[slots[2].pk])  # fmt: skip
    first = _meet(b2b_day, crowd[0], crowd[1], needs_interpreter=True)
    second = _meet(b2b_day, crowd[2], crowd[3], needs_interpreter=True)
    plain = _meet(b2b_day, crowd[4], crowd[5])
    run = _run(operator, b2b_day, django_capture_on_commit_callbacks)
    for request in (first, second):
        request.refresh_from_db()
    placed = [r for r in (first, second) if r.slot_id]
    lost = [r for r in (first, second) if r.slot_id is None]
    assert len(placed) == 1 and len(lost) == 1
    assert placed[0].slot_id == slots[2].pk and placed[0].interpreter_id == kim.pk
    plain.refresh_from_db()
    assert plain.slot_id is not None and plain.interpreter_id is None
    assert run.result["interpreted"] == 1
    assert run.result["lost_for_interpreter"] == [
        {"request": lost[0].pk, "reason": lost[0].unscheduled_reason}
    ]
    assert "interpreter" in lost[0].unscheduled_reason


def test_the_run_page_names_who_lost_out_for_want_of_an_interpreter(
    client, b2b_day, operator, crowd, django_capture_on_commit_callbacks
):
    crowd[2].user.full_name = "Lost Person"
    crowd[2].user.save()
    _meet(b2b_day, crowd[2], crowd[3], needs_interpreter=True)  # and no interpreter at all
    run = _run(operator, b2b_day, django_capture_on_commit_callbacks)
    login(client, operator)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/runs/{run.pk}/").content.decode()
    assert 'id="lost-for-interpreter"' in page
    assert "Lost Person" in page
    assert "No interpreter is free in a slot both participants have free." in page


def test_a_hand_move_of_an_interpreted_meeting_takes_a_free_interpreter(b2b_day, operator, crowd):
    slots = list(b2b_day.slots.all())
    interpreter_save(actor=operator, event=b2b_day, name="Lee", slot_ids=[slots[0].pk])
    first = _meet(b2b_day, crowd[0], crowd[1], needs_interpreter=True)
    second = _meet(b2b_day, crowd[2], crowd[3], needs_interpreter=True)
    meeting_move(actor=operator, request=first, slot=slots[0])
    assert first.interpreter is not None
    with pytest.raises(ValidationFailed):
        meeting_move(actor=operator, request=second, slot=slots[0])  # Lee is booked
    with pytest.raises(ValidationFailed):
        meeting_move(actor=operator, request=second, slot=slots[1])  # Lee is not free


def test_the_event_limits_are_passed_to_the_scheduler(
    b2b_day, operator, crowd, django_capture_on_commit_callbacks
):
    event_limits_set(actor=operator, event=b2b_day, max_meetings_per_day=1, max_in_a_row=None)
    one = _meet(b2b_day, crowd[0], crowd[1])
    two = _meet(b2b_day, crowd[0], crowd[2])
    assert instance_for(b2b_day, keep_confirmed=False)["limits"] == {"max_meetings_per_day": 1}
    _run(operator, b2b_day, django_capture_on_commit_callbacks)
    one.refresh_from_db()
    two.refresh_from_db()
    assert sorted([one.slot_id is None, two.slot_id is None]) == [False, True]
    left = one if one.slot_id is None else two
    assert "limit" in left.unscheduled_reason
    event_limits_set(actor=operator, event=b2b_day, max_meetings_per_day=None, max_in_a_row=2)
    assert instance_for(b2b_day, keep_confirmed=False)["limits"] == {"max_in_a_row": 2}


def test_only_operators_set_limits_and_interpreters(b2b_day, crowd):
    with pytest.raises(PermissionDenied):
        event_limits_set(actor=crowd[0].user, event=b2b_day, max_meetings_per_day=2,
                         max_in_a_row=None)  # fmt: skip
    with pytest.raises(PermissionDenied):
        interpreter_save(actor=crowd[0].user, event=b2b_day, name="Me")


def test_an_interpreter_cannot_be_free_in_another_events_slot(b2b_day, operator, crowd):
    other = b2b_day.__class__.objects.create(
        slug="other", kind="b2b", title_en="Other", starts_at=b2b_day.starts_at,
        ends_at=b2b_day.ends_at,
    )  # fmt: skip
    slot = other.slots.create(starts_at=b2b_day.starts_at, ends_at=b2b_day.ends_at)
    with pytest.raises(ValidationFailed):
        interpreter_save(actor=operator, event=b2b_day, name="Park", slot_ids=[slot.pk])


def _roster_world(b2b_day, operator, crowd, capture):
    kim = interpreter_save(actor=operator, event=b2b_day, name="Kim Interpreter")
    request = _meet(b2b_day, crowd[0], crowd[1], needs_interpreter=True, mode="online",
                    video_link="https://meet.example.org/r")  # fmt: skip
    _run(operator, b2b_day, capture)
    request.refresh_from_db()
    return kim, request


def test_the_roster_shows_which_interpreter_is_at_which_meeting(
    client, b2b_day, operator, crowd, django_capture_on_commit_callbacks
):
    kim, request = _roster_world(b2b_day, operator, crowd, django_capture_on_commit_callbacks)
    login(client, operator)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/interpreters/").content.decode()
    assert "Kim Interpreter" in page and "Person 0" in page and "Online" in page
    sheet = client.get(f"/en/events/{b2b_day.slug}/b2b/interpreters.xlsx")
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    booked = [r for r in rows[1:] if r[3]]
    assert len(rows) == 1 + 4  # a header, then Kim in each of the four slots
    assert len(booked) == 1 and booked[0][1] == "Kim Interpreter"


def test_the_roster_is_for_operators(client, b2b_day, crowd):
    login(client, crowd[0].user)
    assert client.get(f"/en/events/{b2b_day.slug}/b2b/interpreters/").status_code == 403
    assert client.get(f"/en/events/{b2b_day.slug}/b2b/interpreters.xlsx").status_code == 403


def test_the_agenda_shows_my_zone_and_the_other_persons(
    client, registrations, startup_user, investor_user, b2b_day, operator,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    startup, investor = registrations
    request = _meet(b2b_day, startup, investor, mode="online",
                    video_link="https://meet.example.org/zone")  # fmt: skip
    _run(operator, b2b_day, django_capture_on_commit_callbacks)
    request.refresh_from_db()
    login(client, startup_user)  # in Seoul; the investor is in New York
    page = client.get("/en/events/agenda/").content.decode()
    assert "https://meet.example.org/zone" in page
    assert 'class="their-time muted"' in page and "EST" in page and "KST" in page
    assert request.mode == MeetingMode.ONLINE
