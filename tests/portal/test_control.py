"""Control rooms: an event's and a call's state at a glance and the next actions in order, with
exact numbers against a world built here; who may open them; set-up pages without the admin."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import login
from tests.factories import make_organisation, make_user
from tests.programs.conftest import ces_call, program  # noqa: F401 - fixtures
from yeongilman.accounts.models import Membership, MembershipRole
from yeongilman.communications.services import message_create, message_send
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.events import services as events
from yeongilman.events.models import Event, Exhibitor, RegistrationStatus
from yeongilman.exhibitors.models import ExhibitorProduct
from yeongilman.meetings import services as meetings
from yeongilman.meetings.models import MeetingRequest
from yeongilman.portal.control import event_state

LA = ZoneInfo("America/Los_Angeles")


def _day(operator, **extra) -> Event:
    """A B2B day a month from now (times in Las Vegas), four slots of two tables."""
    start = (
        (timezone.now() + timedelta(days=30))
        .astimezone(LA)
        .replace(hour=9, minute=0, second=0, microsecond=0)
    )
    event = events.event_create(
        actor=operator, kind="b2b", title_en="Pittsburgh–Pohang B2B",
        time_zone="America/Los_Angeles",
        starts_at=start, ends_at=start + timedelta(hours=8), is_published=True, **extra,
    )  # fmt: skip
    meetings.slots_define(
        actor=operator, event=event, first_start=start, minutes=25, count=4, gap_minutes=5, tables=2
    )
    return event


def _people(operator, event, n: int, first: int = 0) -> list:
    """n confirmed participants, each of their own organisation."""
    registrations = []
    for i in range(first, first + n):
        user = make_user(f"p{i}@example.org", full_name=f"Person {i}")
        org = make_organisation(operator, name_en=f"Company {i}", members=(user,))
        registrations.append(events.registration_create(actor=user, event=event, organisation=org))
    return registrations


@pytest.fixture
def busy_day(operator):
    """Six participants: two requests waiting (one for five days), one accepted without a time,
    one declined; one more person waiting for approval."""
    event = _day(operator)
    a, b, c, d, e, f = _people(operator, event, 6)
    waiting = meetings.meeting_request_send(actor=a.user, event=event, recipient=b)
    MeetingRequest.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(days=5)
    )
    meetings.meeting_request_send(actor=c.user, event=event, recipient=d)
    accepted = meetings.meeting_request_send(actor=e.user, event=event, recipient=f)
    meetings.meeting_request_respond(actor=f.user, request=accepted, accept=True)
    declined = meetings.meeting_request_send(actor=a.user, event=event, recipient=c)
    meetings.meeting_request_respond(actor=c.user, request=declined, accept=False)
    Event.objects.filter(pk=event.pk).update(requires_approval=True)
    late = make_user("late@example.org", full_name="Late Comer")
    events.registration_create(actor=late, event=Event.objects.get(pk=event.pk))
    return Event.objects.get(pk=event.pk)


def test_a_b2b_days_state_and_next_actions_are_counted_exactly(busy_day, english):
    state = event_state(busy_day)
    assert state.confirmed == 6
    assert state.registrations[RegistrationStatus.PENDING] == 1
    assert state.requests == {"requested": 2, "accepted": 1, "declined": 1, "cancelled": 0}
    assert (state.waiting_long, state.scheduled, state.accepted_since_run) == (1, 0, 1)
    assert state.last_run is None
    texts = [a.text for a in state.actions]
    assert texts == [
        "1 registration waits for approval.",
        "1 request has waited for an answer for more than 3 days.",
        "The scheduler has not run; 1 accepted request waits for a time.",
    ]
    assert state.actions[1].url.endswith("/compose/?segment=pending_requests")


def test_after_the_scheduler_ran_the_room_reports_its_quality_and_offers_the_agendas(
    busy_day, operator, django_capture_on_commit_callbacks, english
):
    with django_capture_on_commit_callbacks(execute=True):
        meetings.schedule_start(actor=operator, event=busy_day)
    state = event_state(busy_day)
    assert state.scheduled == 1 and state.accepted_since_run == 0
    assert state.run_percent == 100
    links = {a.link: a for a in state.actions}
    assert "Run the scheduler" not in links
    agendas = links["Send the agendas"]
    assert agendas.text == "The scheduler placed 1 meeting: tell the participants their agendas."
    assert agendas.url.endswith("/compose/?segment=confirmed&text=agenda")
    message = message_create(
        actor=operator, event=busy_day, segment="confirmed",
        texts={"subject_en": "Agendas", "body_en": "Hello {name}"},
    )  # fmt: skip
    message_send(actor=operator, message=message)
    assert "Send the agendas" not in {a.link for a in event_state(busy_day).actions}


def test_stands_without_products_are_counted_and_offered_a_reminder(
    operator, battery_startup, english
):
    start = timezone.now() + timedelta(days=20)
    show = events.event_create(
        actor=operator, kind="exhibition", title_en="CES 2027 Pohang Pavilion",
        time_zone="America/Los_Angeles", starts_at=start, ends_at=start + timedelta(days=3),
        is_published=True,
    )  # fmt: skip
    other = make_organisation(operator, name_en="Hydrogen Works")
    with_product = Exhibitor.objects.create(event=show, organisation=battery_startup, booth="A1")
    ExhibitorProduct.objects.create(exhibitor=with_product, name_en="Cells", name_ko="셀")
    Exhibitor.objects.create(event=show, organisation=other, booth="A2")
    state = event_state(show)
    assert (state.exhibitors, state.stands_without_products) == (2, 1)
    assert "1 stand has no product yet." in [a.text for a in state.actions]


def test_the_control_room_reads_in_the_same_number_of_queries_as_the_day_grows(
    client, operator, busy_day
):
    login(client, operator)
    url = f"/en/events/{busy_day.slug}/control/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    Event.objects.filter(pk=busy_day.pk).update(requires_approval=False)
    busy_day.refresh_from_db()
    more = _people(operator, busy_day, 4, first=10)
    for left, right in zip(more[:2], more[2:], strict=True):
        meetings.meeting_request_send(actor=left.user, event=busy_day, recipient=right)
    assert queries() == before


def test_organisers_read_the_control_room_and_others_may_not(client, operator, busy_day):
    host = make_organisation(operator, name_en="Pohang TP")
    busy_day.organisers.add(host)
    organiser = make_user("host@example.org")
    Membership.objects.create(user=organiser, organisation=host, role=MembershipRole.EDITOR)
    outsider = make_user("outsider@example.org")
    make_organisation(operator, name_en="Elsewhere Ltd", members=(outsider,))
    url = f"/en/events/{busy_day.slug}/control/"
    page = login(client, organiser).get(url)
    assert page.status_code == 200
    assert b"You see this page as an organiser" in page.content
    assert b"Run it from the manage page" not in page.content  # the operators' tools
    assert login(client, outsider).get(url).status_code == 403


def test_an_operator_approves_a_waiting_registration_from_the_control_room(
    client, operator, busy_day
):
    pending = busy_day.registrations.get(status=RegistrationStatus.PENDING)
    login(client, operator)
    response = client.post(f"/en/events/{busy_day.slug}/control/", {"registration": pending.pk})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.CONFIRMED


def test_an_operator_creates_an_event_on_a_page_and_lands_in_its_control_room(client, operator):
    login(client, operator)
    form = {
        "kind": "b2b", "title_ko": "", "title_en": "Hydrogen B2B Day", "time_zone": "Asia/Seoul",
        "starts_at": "2027-05-10T09:00", "ends_at": "2027-05-10T17:00", "b2b_tables": "10",
        "capacity": "", "city": "Pohang", "venue": "POSTECH",
    }  # fmt: skip
    response = client.post("/en/events/new/", form)
    event = Event.objects.get(title_en="Hydrogen B2B Day")
    assert response["Location"] == f"/en/events/{event.slug}/control/"
    # Typed in Seoul's time, stored in UTC.
    assert event.starts_at == datetime(2027, 5, 10, 0, 0, tzinfo=ZoneInfo("UTC"))
    assert not event.is_published


def test_a_refused_event_form_keeps_what_was_typed(client, operator):
    login(client, operator)
    response = client.post("/en/events/new/", {
        "kind": "forum", "title_en": "Battery Forum", "time_zone": "Asia/Seoul",
        "starts_at": "2027-05-10T17:00", "ends_at": "2027-05-10T09:00",
    })  # fmt: skip
    assert response.status_code == 200
    assert b"The event must end after it starts." in response.content
    assert b'value="Battery Forum"' in response.content
    assert not Event.objects.filter(title_en="Battery Forum").exists()


def test_set_up_services_refuse_what_does_not_fit_and_change_nothing(operator, busy_day):
    with pytest.raises(ValidationFailed) as refused:
        events.session_save(actor=operator, event=busy_day, values={
            "title_en": "Keynote", "starts_at": busy_day.ends_at + timedelta(hours=1),
            "ends_at": busy_day.ends_at + timedelta(hours=2),
        })  # fmt: skip
    assert "starts_at" in refused.value.field_errors
    assert not busy_day.sessions.exists()
    with pytest.raises(ValidationFailed):
        events.event_update(actor=operator, event=busy_day, values={"ends_at": busy_day.starts_at})
    busy_day.refresh_from_db()
    assert busy_day.ends_at > busy_day.starts_at
    organisation = make_organisation(operator, name_en="Stand Maker")
    events.exhibitor_add(actor=operator, event=busy_day, organisation=organisation, booth="B7")
    with pytest.raises(Conflict):
        events.exhibitor_add(actor=operator, event=busy_day, organisation=organisation)
    assert busy_day.exhibitors.count() == 1


def test_the_operations_page_shows_first_steps_on_a_fresh_installation(client, operator):
    login(client, operator)
    page = client.get("/en/operations/")
    assert page.status_code == 200
    assert b"First steps of this installation" in page.content
    assert b"Create the first event." in page.content


def test_a_calls_control_room_counts_missing_reviews_per_reviewer(
    client,
    operator,
    ces_call,  # noqa: F811
):
    login(client, operator)
    page = client.get(f"/en/programs/{ces_call.slug}/control/")
    assert page.status_code == 200
    assert b"Reviews missing, per reviewer" in page.content
