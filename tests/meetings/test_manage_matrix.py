"""The operator's B2B manage page: the set-up form shows the current slots and tables, replacing
slots that hold booked meetings needs the operator's agreement, and the booking matrix (page
and XLSX) shows who is booked when in a fixed number of queries."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.conftest import login
from tests.factories import make_organisation, make_user
from yeongilman.core.errors import Conflict
from yeongilman.events.services import registration_create
from yeongilman.meetings.manage_selectors import booking_matrix, current_setup
from yeongilman.meetings.manage_services import slots_replace
from yeongilman.meetings.matrix_export import matrix_xlsx
from yeongilman.meetings.models import MeetingMode, MeetingRequest, RequestStatus
from yeongilman.meetings.services import (
    interpreter_save,
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    schedule_start,
)
from yeongilman.outbox.models import Mail

pytestmark = pytest.mark.usefixtures("english")  # messages asserted in English

LA = ZoneInfo("America/Los_Angeles")
# The form's first start is naive: a datetime-local box in the event's own zone.
NAIVE_NINE = datetime(2027, 1, 6, 9, 0, tzinfo=LA).replace(tzinfo=None)
SETUP = {"first_start": NAIVE_NINE, "minutes": 25, "gap_minutes": 5, "count": 4, "tables": 2}


def _accepted(requester_user, recipient, event, **extra) -> MeetingRequest:
    request = meeting_request_send(actor=requester_user, event=event, recipient=recipient, **extra)
    meeting_request_respond(actor=recipient.user, request=request, accept=True)
    request.refresh_from_db()
    return request


def _slot_ids(event) -> list[int]:
    return list(event.slots.values_list("pk", flat=True))


# --- The set-up form -----------------------------------------------------------------------


def test_setup_form_shows_the_current_set_up_not_defaults(client, b2b_day, operator):
    response = login(client, operator).get(reverse("meetings:manage", args=[b2b_day.slug]))
    assert response.status_code == 200
    assert response.context["form"].initial == SETUP
    body = response.content.decode()
    assert 'name="count" value="4"' in body and 'name="tables" value="2"' in body
    assert 'value="2027-01-06 09:00:00"' in body  # the first slot, in the event's own zone
    assert "unschedule_booked" not in response.context["form"].fields  # nothing booked yet


def test_setup_form_keeps_the_set_up_after_a_scheduler_run(
    client, b2b_day, registrations, startup_user, operator, django_capture_on_commit_callbacks
):
    _startup, investor = registrations
    _accepted(startup_user, investor, b2b_day)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_start(actor=operator, event=b2b_day)
    response = login(client, operator).get(reverse("meetings:manage", args=[b2b_day.slug]))
    assert response.context["form"].initial == SETUP
    assert response.context["booked"] == 1


def test_setup_form_offers_defaults_only_without_slots(client, operator, b2b_day):
    b2b_day.slots.all().delete()
    b2b_day.b2b_tables = 0
    starts = b2b_day.starts_at.astimezone(ZoneInfo(b2b_day.time_zone)).replace(tzinfo=None)
    assert current_setup(b2b_day) == {
        "minutes": 25,
        "gap_minutes": 5,
        "count": 16,
        "tables": 20,
        "first_start": starts,
    }  # fmt: skip  (the day's slots start when the day starts)


def test_manage_page_lists_slots_by_day_with_times_in_the_event_zone(client, b2b_day, operator):
    with translation.override("en"):
        body = login(client, operator).get(f"/en/events/{b2b_day.slug}/b2b/manage/").content
    text = body.decode()
    assert text.count('class="slot-day"') == 1 and "Jan. 6, 2027 (Wed)" in text
    assert "09:00–09:25" in text and "10:30–10:55" in text


# --- Replacing a set-up that holds booked meetings -----------------------------------------


def _booked_day(b2b_day, registrations, startup_user, operator) -> MeetingRequest:
    _startup, investor = registrations
    meeting = _accepted(startup_user, investor, b2b_day)
    meeting_move(actor=operator, request=meeting, slot=b2b_day.slots.first(), table=1)
    meeting.refresh_from_db()
    return meeting


NEW = {"action": "slots", "first_start": "2027-01-06T10:00", "minutes": "30",
       "gap_minutes": "10", "count": "3", "tables": "5"}  # fmt: skip


def test_saving_over_booked_meetings_asks_first_and_changes_nothing(
    client, b2b_day, registrations, startup_user, operator
):
    meeting = _booked_day(b2b_day, registrations, startup_user, operator)
    before = _slot_ids(b2b_day)
    url = reverse("meetings:manage", args=[b2b_day.slug])
    login(client, operator)
    page = client.get(url)
    assert "1 booked meeting will be unscheduled" in page.content.decode()
    response = client.post(url, {**NEW, "booked_seen": "1"})  # the box is not ticked
    assert response.status_code == 200
    errors = response.context["form"].errors["unschedule_booked"]
    assert errors == ["1 booked meeting would be unscheduled: confirm to replace the slots."]
    meeting.refresh_from_db()
    b2b_day.refresh_from_db()
    assert _slot_ids(b2b_day) == before and b2b_day.b2b_tables == 2
    assert (meeting.slot_id, meeting.table, meeting.confirmed) == (before[0], 1, True)


def test_confirmed_save_replaces_slots_and_unschedules_the_meetings(
    client, b2b_day, registrations, startup_user, operator, django_capture_on_commit_callbacks
):
    meeting = _booked_day(b2b_day, registrations, startup_user, operator)
    before = set(_slot_ids(b2b_day))
    url = reverse("meetings:manage", args=[b2b_day.slug])
    login(client, operator)
    changed = Mail.objects.filter(tag="events.schedule_changed")
    told_before = set(changed.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**NEW, "booked_seen": "1", "unschedule_booked": "on"})
    assert response.status_code == 302
    told = changed.exclude(pk__in=told_before)
    assert {m.user_id for m in told} == {r.user_id for r in registrations}  # both sides
    b2b_day.refresh_from_db()
    slots = list(b2b_day.slots.all())
    assert len(slots) == 3 and not before & {s.pk for s in slots} and b2b_day.b2b_tables == 5
    assert slots[0].starts_at == datetime(2027, 1, 6, 10, 0, tzinfo=LA)
    assert (slots[1].starts_at - slots[0].ends_at).total_seconds() == 600
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.ACCEPTED  # kept for the next run
    assert (meeting.slot_id, meeting.table, meeting.interpreter_id, meeting.confirmed) == (
        None, None, None, False,
    )  # fmt: skip
    assert client.get(url).context["form"].initial["count"] == 3


def test_agreement_to_another_count_is_refused(b2b_day, registrations, startup_user, operator):
    meeting = _booked_day(b2b_day, registrations, startup_user, operator)
    before = _slot_ids(b2b_day)
    kwargs = {"actor": operator, "event": b2b_day, "first_start": datetime(2027, 1, 6, 10,
              tzinfo=LA), "minutes": 30, "count": 3, "gap_minutes": 0, "tables": 5}  # fmt: skip
    for seen in (None, 0, 2):  # not agreed, or agreed to a count that is no longer true
        with pytest.raises(Conflict) as refused:
            slots_replace(**kwargs, unschedule_booked=seen)
        assert refused.value.extra == {"booked": 1}
    meeting.refresh_from_db()
    assert _slot_ids(b2b_day) == before and meeting.slot_id == before[0]
    assert len(slots_replace(**kwargs, unschedule_booked=1)) == 3


def test_a_day_without_booked_meetings_saves_at_once(b2b_day, registrations, startup_user,
                                                     operator):  # fmt: skip
    _startup, investor = registrations
    waiting = _accepted(startup_user, investor, b2b_day)  # accepted, not in a slot
    made = slots_replace(actor=operator, event=b2b_day, first_start=datetime(2027, 1, 7, 9,
                         tzinfo=LA), minutes=20, count=2, gap_minutes=0, tables=3)  # fmt: skip
    assert [s.pk for s in made] == _slot_ids(b2b_day)
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.ACCEPTED and waiting.slot_id is None


# --- The booking matrix --------------------------------------------------------------------


@pytest.fixture
def booked_world(b2b_day, registrations, startup_user, investor_user, third_user, operator):
    """Two meetings of the startup: the lab at table 2 in the first slot, a third participant
    online with an interpreter in the second; the third slot is empty."""
    startup, investor = registrations
    third = registration_create(actor=third_user, event=b2b_day)
    slots = list(b2b_day.slots.all())
    interpreter_save(actor=operator, event=b2b_day, name="Kim Tongyeok")
    at_table = _accepted(startup_user, investor, b2b_day)
    meeting_move(actor=operator, request=at_table, slot=slots[0], table=2)
    online = _accepted(startup_user, third, b2b_day, mode=MeetingMode.ONLINE,
                       video_link="https://meet.example.org/x", needs_interpreter=True)  # fmt: skip
    meeting_move(actor=operator, request=online, slot=slots[1])
    return {"startup": startup, "investor": investor, "third": third, "slots": slots}


def test_matrix_shows_who_is_booked_when_with_totals(b2b_day, booked_world):
    with translation.override("en"):
        matrix = booking_matrix(b2b_day)
    assert [c.start for c in matrix.columns] == ["09:00", "09:30", "10:00", "10:30"]
    assert len(matrix.days) == 1 and matrix.days[0].day.isoformat() == "2027-01-06"
    by_reg = {r.registration.pk: r for r in matrix.rows}
    # Rows by organisation (Allegheny, 영일만배터리), then the one without; names as given.
    assert [r.name for r in matrix.rows] == ["Other Member", "김회원", "Third Person"]
    assert [r.organisation for r in matrix.rows] == ["Allegheny Robotics Lab", "영일만배터리", ""]
    startup = by_reg[booked_world["startup"].pk]
    first, second, third, fourth = startup.cells
    assert first is not None and second is not None
    assert (first.partner_name, first.table, first.online) == ("Allegheny Robotics Lab", 2, False)
    assert (second.partner_name, second.online, second.interpreter) == (
        "Third Person", True, "Kim Tongyeok",
    )  # fmt: skip
    assert third is None and fourth is None and startup.meetings == 2
    investor = by_reg[booked_world["investor"].pk]
    theirs, thirds = investor.cells[0], by_reg[booked_world["third"].pk].cells[1]
    assert theirs is not None and thirds is not None and investor.meetings == 1
    assert theirs.partner_name == thirds.partner_name == "영일만배터리"
    assert [(t.meetings, t.tables_used, t.column.tables) for t in matrix.totals] == [
        (1, 1, 2), (1, 0, 2), (0, 0, 2), (0, 0, 2),
    ]  # fmt: skip
    assert matrix.meetings == 2


def _grow(event, operator, people: int) -> None:
    """`people` confirmed participants, each with an organisation, met in pairs across the
    day's slots."""
    slots = list(event.slots.all())
    event.capacity = None
    event.b2b_tables = people
    event.save()
    regs = []
    for n in range(people):
        user = make_user(f"p{n}-{people}@example.org", full_name=f"Person {n}")
        org = make_organisation(operator, members=(user,), name_en=f"Org {n} of {people}")
        regs.append(registration_create(actor=user, event=event, organisation=org))
    for n in range(0, people - 1, 2):
        MeetingRequest.objects.create(
            event=event, requester=regs[n], recipient=regs[n + 1], status=RequestStatus.ACCEPTED,
            slot=slots[n // 2 % len(slots)], table=n // 2 + 1, confirmed=True,
        )  # fmt: skip


@pytest.mark.parametrize("people", [2, 12])
def test_matrix_reads_in_three_queries_whatever_the_size(b2b_day, operator, people):
    _grow(b2b_day, operator, people)
    with CaptureQueriesContext(connection) as queries:
        matrix = booking_matrix(b2b_day)
        for row in matrix.rows:  # everything the page and the sheet read
            read = [(c.partner_name, c.interpreter) for c in row.cells if c]
            read.append((row.name, row.organisation))
    assert len(queries) == 3
    assert len(matrix.rows) == people and matrix.meetings == people // 2


def test_matrix_page_is_for_operators(client, b2b_day, booked_world, operator, startup_user):
    url = f"/en/events/{b2b_day.slug}/b2b/matrix/"
    assert login(client, startup_user).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    response = login(client, operator).get(url)
    body = response.content.decode()
    assert response.status_code == 200 and 'class="table-scroll matrix-scroll"' in body
    assert "Allegheny Robotics Lab" in body and "Table 2" in body and "1 / 2" in body


def test_matrix_xlsx_lists_meetings_and_totals(b2b_day, booked_world):
    with translation.override("en"):
        sheet = load_workbook(io.BytesIO(matrix_xlsx(b2b_day))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][0].startswith("Times in the event's time zone")
    assert rows[1] == ["Participant", "Organisation", "2027-01-06 09:00–09:25",
                       "2027-01-06 09:30–09:55", "2027-01-06 10:00–10:25",
                       "2027-01-06 10:30–10:55", "Meetings"]  # fmt: skip
    assert rows[3] == ["김회원", "영일만배터리", "Allegheny Robotics Lab · Table 2",
                       "Third Person · Online · Interpreter: Kim Tongyeok",
                       None, None, 2]  # fmt: skip
    assert rows[-2] == [None, "Meetings per slot", 1, 1, 0, 0, 2]
    assert rows[-1] == [None, "Tables used", "1 / 2", "0 / 2", "0 / 2", "0 / 2", None]


def test_matrix_xlsx_keeps_formula_like_names_as_text(b2b_day, booked_world, third_user):
    third_user.full_name = '=HYPERLINK("http://evil.example","x")'
    third_user.save()
    with translation.override("en"):
        sheet = load_workbook(io.BytesIO(matrix_xlsx(b2b_day))).active
    cells = [c for r in sheet.iter_rows() for c in r if str(c.value or "").startswith("=")]
    # The row's name, and the startup's cell naming its partner: text, never a formula.
    assert [c.value for c in cells] == [
        '=HYPERLINK("http://evil.example","x") · Online · Interpreter: Kim Tongyeok',
        '=HYPERLINK("http://evil.example","x")',
    ]
    assert [c.data_type for c in cells] == ["s", "s"]


def test_matrix_xlsx_is_for_operators(client, b2b_day, operator, startup_user):
    url = reverse("meetings:matrix_xlsx", args=[b2b_day.slug])
    assert login(client, startup_user).get(url).status_code == 403
    client.logout()
    response = login(client, operator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
