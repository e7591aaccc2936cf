"""Booking by hand keeps the day's rules and survives bad input: the per-person limits hold for
a time chosen on accepting and for an operator's move, a placed meeting is not moved by
re-answering, odd digits in forms are refused without an error page, and a partner without a
zone of their own is not shown in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import make_user
from yeongilman.core.converters import id_from
from yeongilman.core.errors import ValidationFailed
from yeongilman.events.services import event_create, event_limits_set, registration_create
from yeongilman.meetings.limits import within_limits
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.meetings.services import (
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    slots_define,
)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):  # pages at their /en/ address, messages in English
        yield


def test_ids_are_ascii_digits_a_database_can_hold():
    assert [id_from(v) for v in ("12", " 7 ", "0")] == [12, 7, 0]
    for junk in ("", "²", "١٢", "-3", "1e3", "9" * 16, None, ["1"]):
        assert id_from(junk) is None, junk


def test_the_limits_count_the_day_and_the_run_around_the_new_slot(b2b_day):
    first, second, third, fourth = b2b_day.slots.order_by("starts_at")  # 5 minutes apart

    def allowed(taken, slot, **limits):
        return within_limits(
            list(b2b_day.slots.all()), {s.pk for s in taken}, slot,
            zone=b2b_day.time_zone, **{"per_day": None, "in_a_row": None, **limits},
        )  # fmt: skip

    assert allowed([first], second, per_day=2) and not allowed([first, third], second, per_day=2)
    assert allowed([first], second, in_a_row=2)
    assert not allowed([first, third], second, in_a_row=2)  # three back to back
    assert allowed([first], fourth, in_a_row=1)  # the third slot is the break
    assert not allowed([first, second, fourth], third, in_a_row=3)


@pytest.fixture
def people(b2b_day):
    users = [make_user(f"b{n}@example.org", full_name=f"Buyer {n}") for n in range(3)]
    return [registration_create(actor=u, event=b2b_day) for u in users]


def test_accepting_with_a_time_keeps_the_meetings_per_day_limit(operator, b2b_day, people):
    host, first_guest, second_guest = people
    first_slot, second_slot = b2b_day.slots.order_by("starts_at")[:2]
    event_limits_set(actor=operator, event=b2b_day, max_meetings_per_day=1, max_in_a_row=None)
    earlier = meeting_request_send(
        actor=first_guest.user, event=b2b_day, recipient=host, proposed_slot_ids=[first_slot.pk]
    )
    meeting_request_respond(actor=host.user, request=earlier, accept=True, slot=first_slot)
    later = meeting_request_send(
        actor=second_guest.user, event=b2b_day, recipient=host, proposed_slot_ids=[second_slot.pk]
    )
    with pytest.raises(ValidationFailed, match="limit of meetings per day"):
        meeting_request_respond(actor=host.user, request=later, accept=True, slot=second_slot)
    later.refresh_from_db()
    assert (later.status, later.slot_id) == (RequestStatus.REQUESTED, None)
    # An operator's move keeps the same rule.
    meeting_request_respond(actor=host.user, request=later, accept=True)
    with pytest.raises(ValidationFailed, match="limit of meetings per day"):
        meeting_move(actor=operator, request=later, slot=second_slot, table=None)


def test_re_answering_does_not_move_a_placed_meeting(b2b_day, people):
    host, guest, _other = people
    first_slot, second_slot = b2b_day.slots.order_by("starts_at")[:2]
    meeting = meeting_request_send(
        actor=guest.user, event=b2b_day, recipient=host,
        proposed_slot_ids=[first_slot.pk, second_slot.pk],
    )  # fmt: skip
    meeting_request_respond(actor=host.user, request=meeting, accept=True, slot=first_slot)
    with pytest.raises(ValidationFailed, match="already has its time"):
        meeting_request_respond(actor=host.user, request=meeting, accept=True, slot=second_slot)
    meeting.refresh_from_db()
    assert meeting.slot_id == first_slot.pk


def test_odd_digits_in_the_b2b_forms_are_refused_not_an_error_page(
    client, operator, b2b_day, registrations, startup_user, investor_user
):
    startup, investor = registrations
    login(client, startup_user)
    sent = client.post(
        reverse("meetings:send_request", args=[b2b_day.slug, investor.pk]),
        {"message": "Hello", "mode": "in_person", "proposed_slots": ["²"]},
    )
    assert sent.status_code == 200 and "Choose times from the list." in sent.content.decode()
    assert not MeetingRequest.objects.exists()
    saved = client.post(reverse("meetings:availability", args=[b2b_day.slug]), {"unavailable": "²"})
    assert saved.status_code == 302 and not startup.unavailable.exists()

    meeting = meeting_request_send(actor=startup_user, event=b2b_day, recipient=investor)
    login(client, investor_user)
    answered = client.post(
        reverse("meetings:answer", args=[b2b_day.slug, meeting.pk]),
        {"answer": "accept", "slot": "²"},
        follow=True,
    )
    assert answered.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.REQUESTED  # nothing happened to it

    meeting_request_respond(actor=investor_user, request=meeting, accept=True)
    first_slot = b2b_day.slots.order_by("starts_at").first()
    meeting_move(actor=operator, request=meeting, slot=first_slot, table=1)
    login(client, operator)
    move = reverse("meetings:move", args=[b2b_day.slug, meeting.pk])
    assert client.post(move, {"slot": "x"}).status_code == 404  # junk does not unschedule
    assert client.post(move, {"slot": str(first_slot.pk), "table": "²"}).status_code == 302
    manage = client.post(
        reverse("meetings:manage", args=[b2b_day.slug]),
        {"action": "slots", "first_start": "2027-01-06T09:00", "minutes": 25,
         "gap_minutes": 5, "count": 4, "tables": 2, "unschedule_booked": "on",
         "booked_seen": "²"},
    )  # fmt: skip
    assert manage.status_code == 200
    meeting.refresh_from_db()
    assert meeting.slot_id == first_slot.pk  # the set-up was not replaced


def test_my_agenda_gives_their_time_only_when_they_chose_a_zone(
    client, b2b_day, registrations, startup_user, investor_user, operator
):
    startup, investor = registrations
    meeting = meeting_request_send(actor=startup_user, event=b2b_day, recipient=investor)
    meeting_request_respond(actor=investor_user, request=meeting, accept=True)
    meeting_move(actor=operator, request=meeting, slot=b2b_day.slots.first(), table=1)
    login(client, startup_user)
    assert "Their time" in client.get("/en/events/agenda/").content.decode()  # New York
    investor_user.time_zone = ""
    investor_user.save(update_fields=["time_zone"])
    page = client.get("/en/events/agenda/").content.decode()
    assert "Their time" not in page and " UTC" not in page


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_b2b_page_reads_in_the_same_queries_however_many_requests(
    client, b2b_day, registrations, startup_user
):
    """Requests with proposed times, partners with organisations: no query per row."""
    _startup, investor = registrations
    slots = list(b2b_day.slots.all())
    url = f"/en/events/{b2b_day.slug}/b2b/"
    login(client, startup_user)

    def request_from(n: int) -> None:
        guest = registration_create(actor=make_user(f"g{n}@example.org"), event=b2b_day)
        meeting_request_send(
            actor=guest.user, event=b2b_day, recipient=registrations[0],
            proposed_slot_ids=[slots[n % len(slots)].pk],
        )  # fmt: skip

    request_from(0)
    meeting_request_send(actor=startup_user, event=b2b_day, recipient=investor)
    _page_queries(client, url)  # warm: the session, the catalogue, the match index
    few = _page_queries(client, url)
    for n in range(1, 7):
        request_from(n)
    assert _page_queries(client, url) == few


def test_the_archive_reads_in_the_same_queries_however_many_events(client, operator):
    def past_event(n: int) -> None:
        start = datetime(2020 + n % 4, 3, 1 + n, 9, tzinfo=UTC)
        event_create(
            actor=operator, kind="forum", title_en=f"Forum {n}", title_ko=f"포럼 {n}",
            time_zone="Asia/Seoul", is_published=True, starts_at=start,
            ends_at=start + timedelta(hours=3), city="Pohang",
        )  # fmt: skip

    past_event(0)
    url = "/en/events/archive/"
    _page_queries(client, url)
    few = _page_queries(client, url)
    for n in range(1, 9):
        past_event(n)
    assert _page_queries(client, url) == few


def test_a_slot_of_another_b2b_day_is_neither_proposed_nor_booked(
    operator, b2b_day, registrations, startup_user, investor_user
):
    _startup, investor = registrations
    start = datetime(2027, 3, 2, 1, 0, tzinfo=UTC)
    other_day = event_create(
        actor=operator, kind="b2b", title_en="Another B2B day", title_ko="다른 상담회",
        time_zone="Asia/Seoul", is_published=True, starts_at=start,
        ends_at=start + timedelta(hours=4),
    )  # fmt: skip
    slots_define(actor=operator, event=other_day, first_start=start, minutes=25, count=2,
                 gap_minutes=5, tables=2)  # fmt: skip
    foreign = other_day.slots.all()[0]
    with pytest.raises(ValidationFailed, match="not a slot of this event"):
        meeting_request_send(
            actor=startup_user, event=b2b_day, recipient=investor, proposed_slot_ids=[foreign.pk]
        )
    assert not MeetingRequest.objects.exists()
    meeting = meeting_request_send(
        actor=startup_user, event=b2b_day, recipient=investor,
        proposed_slot_ids=[b2b_day.slots.all()[0].pk],
    )  # fmt: skip
    with pytest.raises(ValidationFailed, match="not proposed"):
        meeting_request_respond(actor=investor_user, request=meeting, accept=True, slot=foreign)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot_id) == (RequestStatus.REQUESTED, None)
