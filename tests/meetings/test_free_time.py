"""Free time between a participant's meetings as merged blocks (the scheduler's breaks): on
My agenda, the printed agenda, the run page and the booking matrix."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.conftest import LA, login
from tests.factories import make_user
from yeongilman.events.services import registration_create
from yeongilman.meetings.free_time import break_summary, free_blocks
from yeongilman.meetings.models import MeetingSlot
from yeongilman.meetings.services import (
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    schedule_start,
)
from yeongilman.onsite.printing.data import agenda_for, meetings_to_print


def _slot(pk: int, hour: int, minute: int = 0, day: int = 6) -> MeetingSlot:
    start = datetime(2027, 1, day, hour, minute, tzinfo=LA)
    return MeetingSlot(pk=pk, starts_at=start, ends_at=start + timedelta(minutes=25))


# 09:00, 09:30, 10:00, 10:30, lunch, 13:00, 13:30 on 6 January; 09:00, 09:30, 10:00 on the 7th.
DAY = [_slot(1, 9), _slot(2, 9, 30), _slot(3, 10), _slot(4, 10, 30), _slot(5, 13), _slot(6, 13, 30)]
NEXT = [_slot(7, 9, day=7), _slot(8, 9, 30, day=7), _slot(9, 10, day=7)]
ZONE = "America/Los_Angeles"


def test_consecutive_empty_slots_between_two_meetings_are_one_block():
    blocks = free_blocks(DAY, {1, 4}, ZONE)
    assert [(b.starts_at, b.ends_at, b.slots) for b in blocks] == [
        (DAY[1].starts_at, DAY[2].ends_at, 2)
    ]


def test_a_lunch_pause_between_two_slots_is_no_free_block():
    assert free_blocks(DAY, {4, 5}, ZONE) == []


def test_empty_slots_before_the_first_and_after_the_last_meeting_are_no_block():
    assert free_blocks(DAY, {2, 3}, ZONE) == []


def test_one_meeting_makes_no_block_and_days_are_counted_apart():
    assert free_blocks(DAY + NEXT, {4}, ZONE) == []
    # The last meeting of one day and the first of the next make no block between them.
    assert free_blocks(DAY + NEXT, {4, 7}, ZONE) == []
    assert [b.slots for b in free_blocks(DAY + NEXT, {1, 3, 5, 7, 9}, ZONE)] == [1, 1, 1]


def test_the_summary_names_who_has_the_most_breaks_and_the_spread():
    summary = break_summary({10: 0, 11: 2, 12: 1, 13: 2})
    assert (summary.total, summary.most, summary.fewest, summary.spread) == (5, 2, 0, 2)
    assert summary.worst == 11
    assert break_summary({10: 0}).worst is None


@pytest.fixture
def three(b2b_day):
    """Ana meets Ben in the first slot and Cho in the last (09:00 and 10:30 in Las Vegas)."""
    people = [
        make_user(f"{n.lower()}@example.org", full_name=n, language="en", time_zone=ZONE)
        for n in ("Ana", "Ben", "Cho")
    ]
    regs = [registration_create(actor=u, event=b2b_day) for u in people]
    meetings = []
    for other in regs[1:]:
        request = meeting_request_send(actor=people[0], event=b2b_day, recipient=other)
        meeting_request_respond(actor=other.user, request=request, accept=True)
        meetings.append(request)
    return regs, meetings


def _booked_apart(operator, b2b_day, meetings) -> list[MeetingSlot]:
    slots = list(b2b_day.slots.order_by("starts_at"))
    meeting_move(actor=operator, request=meetings[0], slot=slots[0])
    meeting_move(actor=operator, request=meetings[1], slot=slots[3])
    return slots


def test_my_agenda_shows_the_free_time_between_meetings_as_one_block(
    client, b2b_day, operator, three, english
):
    regs, meetings = three
    _booked_apart(operator, b2b_day, meetings)
    login(client, regs[0].user)
    page = client.get("/en/events/agenda/?tz=event").content.decode()
    assert page.count('class="free-time"') == 1
    assert "Free 09:30–10:25" in page
    # Ben has one meeting: no free block on his agenda.
    login(client, regs[1].user)
    assert 'class="free-time"' not in client.get("/en/events/agenda/").content.decode()


def test_a_compact_agenda_shows_no_free_block(client, b2b_day, operator, three):
    regs, meetings = three
    slots = list(b2b_day.slots.order_by("starts_at"))
    meeting_move(actor=operator, request=meetings[0], slot=slots[1])
    meeting_move(actor=operator, request=meetings[1], slot=slots[2])
    login(client, regs[0].user)
    assert 'class="free-time"' not in client.get("/en/events/agenda/").content.decode()


def test_the_printed_agenda_merges_free_slots_into_one_line(b2b_day, operator, three):
    regs, meetings = three
    slots = _booked_apart(operator, b2b_day, meetings)
    agenda = agenda_for(regs[0], meetings_to_print(b2b_day, [regs[0].pk]), [], None, slots)
    assert [(line.start, line.end, line.free) for line in agenda.meetings] == [
        (slots[0].starts_at, slots[0].ends_at, False),
        (slots[1].starts_at, slots[2].ends_at, True),
        (slots[3].starts_at, slots[3].ends_at, False),
    ]
    assert agenda.meetings[1].title == "Free time"


def test_the_booking_matrix_reports_breaks_and_who_has_the_most(
    client, b2b_day, operator, three, english
):
    regs, meetings = three
    _booked_apart(operator, b2b_day, meetings)
    login(client, operator)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/matrix/").content.decode()
    assert 'id="matrix-breaks"' in page
    assert "1 idle break between participants' meetings." in page
    assert "Most for one participant: 1 break (Ana, —)." in page
    assert "Spread (most less fewest): 1." in page


def test_a_compact_run_removes_the_break_and_its_page_says_so(
    client, b2b_day, operator, three, english, django_capture_on_commit_callbacks
):
    regs, meetings = three
    _booked_apart(operator, b2b_day, meetings)
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule_start(actor=operator, event=b2b_day, keep_confirmed=False)
    run.refresh_from_db()
    assert run.result["scheduled"] == 2
    assert run.result["breaks"]["total"] == 0
    assert run.result["breaks"]["lower_bound"] == 0
    assert run.result["breaks"]["worst"] is None
    login(client, operator)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/runs/{run.pk}/").content.decode()
    assert "0 idle breaks between participants' meetings." in page
    assert "Proven the fewest possible with these meetings." in page
    assert "Nobody has an idle break." in page
    assert "Allowed: 2." in page


def test_a_run_without_compact_agendas_only_counts_breaks(
    client, b2b_day, operator, three, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule_start(actor=operator, event=b2b_day, keep_confirmed=False, compact=False)
    run.refresh_from_db()
    assert run.result["compact"] is False
    assert run.result["breaks"]["method"] == "none"
    login(client, operator)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/runs/{run.pk}/").content.decode()
    assert "Compact agendas were off for this run" in page
