"""The B2B page in the viewer's zone (profile, else browser, else the event's), the
availability grid by day, and meetings whose requester proposed times the recipient books."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.conftest import LA, login
from tests.factories import make_user
from yeongilman.core.errors import ValidationFailed
from yeongilman.core.zones import BROWSER_ZONE_COOKIE, person_zone, valid_zone, viewer_zone
from yeongilman.events.services import registration_create
from yeongilman.meetings.models import (
    MeetingRequest,
    MeetingSlot,
    RequestStatus,
    SlotUnavailability,
)
from yeongilman.meetings.services import (
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
    slots_define,
    unavailability_set,
)
from yeongilman.meetings.slot_grid import slot_days
from yeongilman.outbox.models import Mail

pytestmark = pytest.mark.usefixtures("english")  # messages asserted in English

# --- Which zone the viewer reads ------------------------------------------------------------


def _request(user=None, cookie: str | None = None, query: str = ""):
    request = RequestFactory().get("/en/events/x/b2b/" + query)
    request.user = user or AnonymousUser()
    if cookie is not None:
        request.COOKIES[BROWSER_ZONE_COOKIE] = cookie
    return request


@pytest.mark.django_db
def test_the_profile_zone_comes_before_the_browser_and_the_event():
    user = make_user("ny@example.org", time_zone="America/New_York")
    assert viewer_zone(_request(user, "Europe/Berlin"), "America/Los_Angeles") == (
        "America/New_York"
    )


@pytest.mark.django_db
def test_without_a_profile_zone_the_browser_zone_is_used():
    user = make_user("blank@example.org")
    assert user.time_zone == ""  # nobody looks as if they chose Seoul any more
    assert viewer_zone(_request(user, "Europe/Berlin"), "America/Los_Angeles") == "Europe/Berlin"
    assert viewer_zone(_request(None, "America/Chicago"), "Asia/Seoul") == "America/Chicago"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "junk", ["Mars/Olympus_Mons", "<script>", "../../etc/passwd", "", "x" * 300, "utc "]
)
def test_a_junk_browser_zone_is_ignored_for_the_events(junk):
    user = make_user("junk@example.org")
    assert viewer_zone(_request(user, junk), "America/Los_Angeles") == "America/Los_Angeles"


@pytest.mark.django_db
def test_without_profile_or_browser_zone_the_events_zone_and_then_seoul():
    user = make_user("plain@example.org")
    assert viewer_zone(_request(user), "America/Los_Angeles") == "America/Los_Angeles"
    assert viewer_zone(_request(user)) == "Asia/Seoul"


@pytest.mark.django_db
def test_tz_event_switches_to_the_events_own_zone():
    user = make_user("ny2@example.org", time_zone="America/New_York")
    request = _request(user, "Europe/Berlin", "?tz=event")
    assert viewer_zone(request, "America/Los_Angeles") == "America/Los_Angeles"


@pytest.mark.django_db
def test_mails_and_feeds_use_the_persons_zone_else_the_events():
    assert person_zone(make_user("a@example.org"), "America/Los_Angeles") == "America/Los_Angeles"
    assert person_zone(make_user("b@example.org", time_zone="UTC"), "Asia/Seoul") == "UTC"
    assert valid_zone("America/New_York") == "America/New_York" and valid_zone("EST5EDT!") == ""


@pytest.mark.django_db
def test_the_profile_offers_no_zone_and_keeps_it_blank(client, member):
    login(client, member)
    with translation.override("en"):
        url = reverse("accounts:profile")
    page = client.get(url).content.decode()
    assert '<option value="" selected>' in page and "(browser / event&#x27;s zone)" in page
    member.time_zone = "America/New_York"
    member.save()
    response = client.post(url, {"full_name": "M", "language": "en", "time_zone": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.time_zone == ""


def test_the_zone_is_named_on_the_b2b_page(client, b2b_day, registrations, startup_user):
    startup_user.time_zone = ""
    startup_user.language = "en"
    startup_user.save()
    login(client, startup_user)
    client.cookies[BROWSER_ZONE_COOKIE] = "America/New_York"
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
    meta = re.search(r'<p class="meta" id="viewer-zone">(.*?)</p>', page, re.S)
    assert meta is not None
    assert "Times in Eastern Time ·" in meta.group(1)
    assert "event's time zone: Pacific Time" in meta.group(1)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/?tz=event").content.decode()
    assert "Times in Pacific Time, the event's time zone." in page


# --- The availability grid -------------------------------------------------------------------


def _slots_across_midnight_in_seoul(operator, event) -> list[MeetingSlot]:
    # 06:30, 07:00, 07:30 and 08:00 in Las Vegas: 23:30 on 6 January in Seoul, then 7 January.
    return slots_define(
        actor=operator, event=event, first_start=datetime(2027, 1, 6, 6, 30, tzinfo=LA),
        minutes=25, count=4, gap_minutes=5, tables=2,
    )  # fmt: skip


def test_the_grid_groups_slots_by_the_date_in_the_viewers_zone(operator, b2b_day):
    slots = _slots_across_midnight_in_seoul(operator, b2b_day)
    seoul = slot_days(slots, zone="Asia/Seoul", event_zone="America/Los_Angeles")
    assert [(d.day.isoformat(), len(d.rows)) for d in seoul] == [
        ("2027-01-06", 1),
        ("2027-01-07", 3),
    ]
    assert seoul[0].rows[0].clock == "23:30–23:55"
    assert seoul[0].rows[0].event_clock == "06:30–06:55"
    assert seoul[1].rows[0].clock == "00:00–00:25" and seoul[1].rows[0].event_day != ""
    pittsburgh = slot_days(
        slots, zone="America/New_York", event_zone="America/Los_Angeles", unavailable={slots[1].pk}
    )
    assert [(d.day.isoformat(), len(d.rows)) for d in pittsburgh] == [("2027-01-06", 4)]
    assert pittsburgh[0].rows[0].clock == "09:30–09:55"
    assert [r.unavailable for r in pittsburgh[0].rows] == [False, True, False, False]
    same = slot_days(slots, zone="America/Los_Angeles", event_zone="America/Los_Angeles")
    assert {r.event_clock for r in same[0].rows} == {""}  # nothing to show beside it
    free = slot_days(slots, zone="UTC", event_zone="UTC", unavailable={slots[1].pk}, only_free=True)
    assert [r.slot.pk for d in free for r in d.rows] == [slots[0].pk, slots[2].pk, slots[3].pk]


def _day_headings(page: str) -> list[str]:
    return re.findall(r'<h3 class="avail-day" id="day-([0-9-]+)"', page)


def test_a_pittsburgh_participant_sees_local_dates_that_differ_from_seouls(
    client, b2b_day, registrations, startup_user, investor_user
):
    # The day's slots start at 09:00 in Las Vegas: 12:00 on 6 January in Pittsburgh, 02:00 on
    # 7 January in Seoul.
    login(client, investor_user)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
    assert _day_headings(page) == ["2027-01-06"]
    assert "12:00–12:25" in page and "09:00–09:25" in page  # beside it, the event's time
    login(client, startup_user)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
    assert _day_headings(page) == ["2027-01-07"]
    assert "02:00–02:25" in page


def test_the_grid_keeps_the_availability_post_contract(client, b2b_day, registrations):
    startup, _investor = registrations
    login(client, startup.user)
    first, second, *_rest, last = b2b_day.slots.all()
    url = reverse("meetings:availability", args=[b2b_day.slug])
    assert client.post(url, {"unavailable": [first.pk, last.pk]}).status_code == 302
    assert set(startup.unavailable.values_list("slot_id", flat=True)) == {first.pk, last.pk}
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
    assert f'id="unavailable-{first.pk}" name="unavailable" value="{first.pk}" checked' in page
    assert f'id="unavailable-{second.pk}" name="unavailable" value="{second.pk}" >' in page


# --- Proposed times --------------------------------------------------------------------------


def test_a_requester_proposes_up_to_three_free_slots_and_the_mail_names_them(
    b2b_day, registrations, startup_user
):
    _startup, investor = registrations
    slots = list(b2b_day.slots.all())
    meeting = meeting_request_send(
        actor=startup_user, event=b2b_day, recipient=investor,
        proposed_slot_ids=[slots[2].pk, slots[0].pk],
    )  # fmt: skip
    assert [s.pk for s in meeting.proposed_slots.order_by("starts_at")] == [
        slots[0].pk,
        slots[2].pk,
    ]
    mail = Mail.objects.get(user=investor.user, tag="meetings/email/request.txt")
    # In the recipient's own zone (Pittsburgh): 09:00 in Las Vegas is 12:00 there.
    assert "- 2027-01-06 12:00 EST (Eastern Time)\n" in mail.body
    assert "2027-01-06 13:00 EST" in mail.body


@pytest.mark.parametrize(
    ("pick", "message"),
    [
        ("four", "Propose at most 3 times."),
        ("foreign", "A proposed time is not a slot of this event."),
        ("unavailable", "You marked 2027-01-07 02:30 as not available; propose times you are"),
    ],
)
def test_proposals_are_refused_with_a_clear_message_and_nothing_is_sent(
    operator, b2b_day, registrations, startup_user, pick, message
):
    startup, investor = registrations
    slots = list(b2b_day.slots.all())
    ids = [s.pk for s in slots]
    if pick == "four":
        slots_define(
            actor=operator, event=b2b_day, first_start=slots[0].starts_at, minutes=25, count=5,
            gap_minutes=5, tables=2,
        )  # fmt: skip
        ids = list(b2b_day.slots.values_list("pk", flat=True))[:4]
    elif pick == "foreign":
        ids = [ids[0], 10_000]
    else:
        unavailability_set(actor=startup_user, registration=startup, slot_ids=[ids[1]])
        ids = ids[:2]
    with pytest.raises(ValidationFailed) as refused:
        meeting_request_send(
            actor=startup_user, event=b2b_day, recipient=investor, proposed_slot_ids=ids
        )
    assert message in refused.value.field_errors["proposed_slots"][0]
    assert not MeetingRequest.objects.exists()


def _request_form(page: str, recipient) -> str:
    """The send-request form addressed to `recipient` on the B2B page."""
    form = page[page.index(f'id="request-{recipient.pk}"') :]
    return form[: form.index("</form>")]


def test_a_refused_proposal_keeps_what_was_typed_on_the_page(client, b2b_day, registrations):
    startup, investor = registrations
    slots = list(b2b_day.slots.all())
    SlotUnavailability.objects.create(registration=startup, slot=slots[3])
    login(client, startup.user)
    with translation.override("en"):
        url = reverse("meetings:send_request", args=[b2b_day.slug, investor.pk])
    response = client.post(
        url, {"message": "Our LFP cells", "proposed_slots": [slots[0].pk, slots[3].pk]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Our LFP cells</textarea>" in page
    assert "You marked 2027-01-07 03:30 as not available; propose times you are free." in page
    form = _request_form(page, investor)
    assert re.search(rf'value="{slots[0].pk}" checked', form)
    assert not MeetingRequest.objects.exists()


def test_the_send_form_offers_only_slots_the_requester_is_free_in(client, b2b_day, registrations):
    startup, investor = registrations
    slots = list(b2b_day.slots.all())
    SlotUnavailability.objects.create(registration=startup, slot=slots[1])
    login(client, startup.user)
    # The card's form, as the B2B page loads it when the card is opened.
    url = f"/en/events/{b2b_day.slug}/b2b/request/{investor.pk}/"
    form = _request_form(client.get(url, HTTP_HX_REQUEST="true").content.decode(), investor)
    offered = [int(v) for v in re.findall(r'name="proposed_slots" value="(\d+)"', form)]
    assert offered == [slots[0].pk, slots[2].pk, slots[3].pk]


# --- Accepting with one of the proposed times ------------------------------------------------


@pytest.fixture
def proposed(b2b_day, registrations, startup_user) -> MeetingRequest:
    _startup, investor = registrations
    slots = list(b2b_day.slots.all())
    return meeting_request_send(
        actor=startup_user, event=b2b_day, recipient=investor,
        proposed_slot_ids=[slots[0].pk, slots[1].pk],
    )  # fmt: skip


def test_accepting_with_a_proposed_slot_books_the_meeting_there(b2b_day, proposed, investor_user):
    first = b2b_day.slots.order_by("starts_at").first()
    meeting_request_respond(actor=investor_user, request=proposed, accept=True, slot=first)
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id, proposed.table, proposed.confirmed) == (
        RequestStatus.ACCEPTED,
        first.pk,
        1,
        True,
    )


def test_the_grid_names_who_each_side_meets_in_the_booked_slot(
    client, b2b_day, proposed, investor_user, startup_user, battery_startup, pittsburgh_lab
):
    first, second = b2b_day.slots.order_by("starts_at")[:2]
    meeting_request_respond(actor=investor_user, request=proposed, accept=True, slot=first)
    for viewer, partner in ((startup_user, pittsburgh_lab), (investor_user, battery_startup)):
        login(client, viewer)
        page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
        booked = re.search(rf'<tr data-slot="{first.pk}">.*?</tr>', page, re.S)
        free = re.search(rf'<tr data-slot="{second.pk}">.*?</tr>', page, re.S)
        assert booked and free
        assert f"Meeting with {partner.name.primary}" in booked.group(0)
        assert "Meeting with" not in free.group(0)


def test_accepting_without_a_slot_leaves_it_to_the_scheduler(proposed, investor_user):
    meeting_request_respond(actor=investor_user, request=proposed, accept=True)
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id) == (RequestStatus.ACCEPTED, None)


def test_a_slot_that_was_not_proposed_is_refused(b2b_day, proposed, investor_user):
    last = b2b_day.slots.order_by("starts_at").last()
    with pytest.raises(ValidationFailed, match="not proposed"):
        meeting_request_respond(actor=investor_user, request=proposed, accept=True, slot=last)
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id) == (RequestStatus.REQUESTED, None)


def test_a_proposed_slot_that_is_no_longer_free_is_refused(
    operator, b2b_day, proposed, registrations, investor_user, third_user
):
    # Every table of the first slot is taken by other meetings meanwhile.
    first = b2b_day.slots.order_by("starts_at").first()
    MeetingSlot.objects.filter(pk=first.pk).update(capacity=1)
    fourth = make_user("fourth@example.org")
    third = registration_create(actor=third_user, event=b2b_day)
    four = registration_create(actor=fourth, event=b2b_day)
    other = meeting_request_send(actor=third_user, event=b2b_day, recipient=four)
    meeting_request_respond(actor=fourth, request=other, accept=True)
    meeting_move(actor=operator, request=other, slot=first)
    assert third.pk and other.table == 1
    with pytest.raises(ValidationFailed, match="Every table in that slot is taken"):
        meeting_request_respond(actor=investor_user, request=proposed, accept=True, slot=first)
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id) == (RequestStatus.REQUESTED, None)


def test_one_meeting_per_person_per_slot_holds_for_proposed_times(
    b2b_day, proposed, registrations, investor_user, third_user
):
    # The recipient already meets someone else in the first slot.
    first = b2b_day.slots.order_by("starts_at").first()
    _startup, investor = registrations
    third = registration_create(actor=third_user, event=b2b_day)
    busy = meeting_request_send(
        actor=third_user, event=b2b_day, recipient=investor, proposed_slot_ids=[first.pk]
    )
    meeting_request_respond(actor=investor_user, request=busy, accept=True, slot=first)
    assert third.pk
    with pytest.raises(ValidationFailed, match="You already have another meeting at this time."):
        meeting_request_respond(actor=investor_user, request=proposed, accept=True, slot=first)


def test_the_recipient_sees_the_proposed_times_and_books_one_on_the_page(
    client, b2b_day, proposed, investor_user
):
    login(client, investor_user)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
    assert "Proposed times:" in page and "<li>2027-01-06 12:00–12:25</li>" in page
    second = b2b_day.slots.order_by("starts_at")[1]
    with translation.override("en"):
        url = reverse("meetings:answer", args=[b2b_day.slug, proposed.pk])
    response = client.post(
        url,
        {"answer": "accept", "slot": str(second.pk)},
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id) == (RequestStatus.ACCEPTED, second.pk)


def test_a_slot_of_another_event_on_the_page_is_refused_and_nothing_changes(
    client, b2b_day, proposed, investor_user
):
    login(client, investor_user)
    with translation.override("en"):
        url = reverse("meetings:answer", args=[b2b_day.slug, proposed.pk])
    response = client.post(url, {"answer": "accept", "slot": "999999"}, follow=True)
    assert "That time was not proposed for this meeting." in response.content.decode()
    proposed.refresh_from_db()
    assert (proposed.status, proposed.slot_id) == (RequestStatus.REQUESTED, None)


def test_a_zone_named_by_its_id_is_written_once(client, b2b_day, registrations, startup_user):
    startup_user.time_zone = "UTC"
    startup_user.save()
    login(client, startup_user)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
    assert "Times in UTC · event&#x27;s time zone" not in page  # the sentence is not escaped
    assert "Times in UTC · event's time zone: Pacific Time" in page
    assert "UTC (UTC)" not in page
