"""Past events: the archive (by year, filters, pages, visibility), no registration once an
event has ended (pages and API), dates written as one day or a range in the event's zone,
and a delegation's stops each in its own zone (page, API, iCalendar, admin, demo)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import register_while_open
from yeongilman.core.errors import Conflict
from yeongilman.events import dates, selectors
from yeongilman.events.admin import VisitForm
from yeongilman.events.models import Event, Registration, RegistrationStatus, Visit
from yeongilman.events.services import event_create, registration_cancel, registration_create
from yeongilman.meetings.models import MeetingRequest, RequestStatus

SEOUL, LA, NEW_YORK = (
    ZoneInfo("Asia/Seoul"),
    ZoneInfo("America/Los_Angeles"),
    ZoneInfo("America/New_York"),
)
JSON = "application/json"


@pytest.fixture(autouse=True)
def in_english():
    """Messages are asserted in English: pages by their /en/ address, the API and services
    in the active language."""
    with translation.override("en"):
        yield


def _event(operator, slug: str, kind: str, start: datetime, hours: float = 8, **extra) -> Event:
    values = {
        "title_en": slug.replace("-", " ").title(),
        "title_ko": f"{slug} 행사",
        "time_zone": "Asia/Seoul",
        "is_published": True,
        **extra,
    }
    event = event_create(
        actor=operator,
        kind=kind,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        **values,
    )
    Event.objects.filter(pk=event.pk).update(slug=slug)
    event.refresh_from_db()
    return event


@pytest.fixture
def past_and_future(operator):
    def at(year: int, month: int, day: int, hour: int, zone: ZoneInfo = SEOUL) -> datetime:
        return datetime(year, month, day, hour, tzinfo=zone)

    return {
        "forum_2023": _event(operator, "forum-2023", "forum", at(2023, 9, 15, 10)),
        "trip_2023": _event(operator, "trip-2023", "delegation", at(2023, 1, 3, 9), hours=336),
        # 1 January in Seoul is still 31 December 2024 in UTC: it belongs to 2025.
        "new_year_2025": _event(operator, "new-year-2025", "forum", at(2025, 1, 1, 8)),
        "ces_2024": _event(operator, "ces-2024", "exhibition", at(2024, 1, 9, 10, zone=LA),
                           hours=24 * 3 + 6, time_zone="America/Los_Angeles"),
        "draft_2024": _event(operator, "draft-2024", "forum", at(2024, 5, 1, 9),
                             is_published=False),
        "future": _event(operator, "future-2030", "forum", at(2030, 5, 1, 9)),
    }  # fmt: skip


# --- The rule and the selectors -------------------------------------------------------------


def test_an_event_has_ended_once_its_end_has_passed(operator):
    event = _event(operator, "x", "forum", datetime(2027, 1, 1, 9, tzinfo=UTC))
    assert not selectors.event_has_ended(event, now=datetime(2027, 1, 1, 16, 59, tzinfo=UTC))
    assert selectors.event_has_ended(event, now=datetime(2027, 1, 1, 17, 0, tzinfo=UTC))


def test_the_archive_lists_ended_events_the_latest_first_grouped_by_their_own_year(
    past_and_future, operator, member
):
    seen = [e.slug for e in selectors.archive_events(member)]
    assert seen == ["new-year-2025", "ces-2024", "forum-2023", "trip-2023"]
    groups = selectors.group_by_year(selectors.archive_events(member))
    assert [(g.year, [e.slug for e in g.events]) for g in groups] == [
        (2025, ["new-year-2025"]),
        (2024, ["ces-2024"]),
        (2023, ["forum-2023", "trip-2023"]),
    ]
    assert selectors.archive_years(member) == [2025, 2024, 2023]
    # Operators also see drafts, as on the list.
    assert "draft-2024" in [e.slug for e in selectors.archive_events(operator)]


def test_the_archive_filters_by_year_in_the_events_zone_and_by_kind(past_and_future, member):
    assert [e.slug for e in selectors.archive_events(member, year=2025)] == ["new-year-2025"]
    assert [e.slug for e in selectors.archive_events(member, year=2024)] == ["ces-2024"]
    assert [e.slug for e in selectors.archive_events(member, kind="delegation")] == ["trip-2023"]
    assert [e.slug for e in selectors.archive_events(member, year=2023, kind="forum")] == [
        "forum-2023"
    ]
    assert list(selectors.archive_events(member, year=2019)) == []


# --- The archive page -----------------------------------------------------------------------


def _archive(client, query: str = "", lang: str = "en"):
    with translation.override(lang):
        url = reverse("events:archive")
    return client.get(f"{url}{query}")


def test_the_archive_page_shows_years_cards_and_links_back(client, past_and_future):
    response = _archive(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index('id="year-2025"') < html.index('id="year-2024"') < html.index('id="year-2023"')
    )
    assert "Draft 2024" not in html and "Future 2030" not in html
    assert "2024-01-09 – 2024-01-12" in html  # a multi-day exhibition as a range of dates
    assert "Exhibition or pavilion" in html and reverse("events:list") in html
    listing = client.get(reverse("events:list")).content.decode()
    assert reverse("events:archive") in listing and "Future 2030" in listing


def test_the_archive_page_filters_and_says_which_filter_it_did_not_understand(
    client, past_and_future
):
    html = _archive(client, "?year=2024").content.decode()
    assert "Ces 2024" in html and "Forum 2023" not in html
    html = _archive(client, "?kind=delegation").content.decode()
    assert "Trip 2023" in html and "Forum 2023" not in html
    # (A NUL character is refused before any page reads it: 400, see tests/core.)
    assert _archive(client, "?year=%00&kind=%ff").status_code == 400
    for junk in ("?year=abc", "?year=1999", "?kind=party", "?kind=%ff", "?page=-4"):
        response = _archive(client, junk)
        assert response.status_code == 200, junk
        html = response.content.decode()
        assert "Forum 2023" in html and "Ces 2024" in html, junk
    assert 'id="archive-ignored"' in _archive(client, "?year=abc").content.decode()
    assert "No past events match" in _archive(client, "?year=2025&kind=delegation").content.decode()


def test_a_long_archive_comes_a_page_at_a_time(client, operator, monkeypatch):
    from yeongilman.events import archive_views

    monkeypatch.setattr(archive_views, "PER_PAGE", 2)
    for n in range(5):
        _event(operator, f"old-{n}", "forum", datetime(2022, 3, 1 + n, 9, tzinfo=SEOUL))
    first = _archive(client).content.decode()
    assert "Old 4" in first and "Old 3" in first and "Old 2" not in first
    assert "1 / 3" in first and "page=2" in first
    last = _archive(client, "?page=99").content.decode()
    assert "Old 0" in last and "3 / 3" in last


def test_the_archive_page_speaks_korean(client, past_and_future):
    html = _archive(client, lang="ko").content.decode()
    assert "2024년 1월 9일 – 1월 12일" in html


# --- No registration once an event has ended ------------------------------------------------


@pytest.fixture
def ended(operator):
    return _event(operator, "ended-forum", "forum", datetime(2024, 5, 1, 9, tzinfo=SEOUL))


def test_registering_for_an_ended_event_is_refused(ended, member):
    with pytest.raises(Conflict) as refused:
        registration_create(actor=member, event=ended)
    assert "has ended" in refused.value.message
    assert not Registration.objects.filter(event=ended).exists()


def test_the_page_says_the_event_has_ended_and_offers_no_registration(client, ended, member):
    login(client, member)
    url = reverse("events:detail", args=[ended.slug])
    html = client.get(url).content.decode()
    assert 'id="event-ended"' in html and "This event has ended" in html
    assert reverse("events:register", args=[ended.slug]) not in html
    assert reverse("events:cancel", args=[ended.slug]) not in html
    response = client.post(reverse("events:register", args=[ended.slug]), follow=True)
    assert "This event has ended; registration is closed." in response.content.decode()
    assert not Registration.objects.filter(event=ended).exists()


def test_a_registration_of_an_ended_event_is_not_cancelled_nor_its_held_meetings(
    client, ended, member, other_member
):
    """Cancelling after the end would cancel the meetings held there, and their outcomes."""
    held = register_while_open(actor=member, event=ended)
    other = register_while_open(actor=other_member, event=ended)
    meeting = MeetingRequest.objects.create(
        event=ended, requester=held, recipient=other, status=RequestStatus.ACCEPTED
    )
    with pytest.raises(Conflict):
        registration_cancel(actor=member, registration=held)
    login(client, member)
    page = client.post(reverse("events:cancel", args=[ended.slug]), follow=True)
    assert "can no longer be cancelled" in page.content.decode()
    response = client.post(
        f"/api/v1/events/{ended.pk}/registration/cancel",
        content_type=JSON,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409 and "can no longer be cancelled" in response.json()["detail"]
    held.refresh_from_db()
    meeting.refresh_from_db()
    assert held.status == RegistrationStatus.CONFIRMED
    assert meeting.status == RequestStatus.ACCEPTED


def test_an_upcoming_event_still_offers_registration(client, operator, member):
    event = _event(operator, "soon", "forum", datetime(2030, 5, 1, 9, tzinfo=SEOUL))
    login(client, member)
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert reverse("events:register", args=[event.slug]) in html and "event-ended" not in html


def test_the_api_refuses_registration_for_an_ended_event_with_409(client, ended, member):
    login(client, member)
    response = client.post(
        f"/api/v1/events/{ended.pk}/registration",
        "{}",
        content_type=JSON,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "This event has ended; registration is closed."
    assert not Registration.objects.filter(event=ended).exists()
    documented = client.get("/api/v1/openapi.json").json()
    operation = documented["paths"]["/api/v1/events/{event_id}/registration"]["post"]
    assert "409" in operation["responses"] and "ended" in operation["description"]
    assert operation["responses"]["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


# --- Dates: one day with hours, or a range of dates, in the event's zone --------------------


def test_a_one_day_event_shows_one_date_with_its_hours():
    start = datetime(2027, 1, 7, 9, tzinfo=LA)
    with translation.override("en"):
        text = dates.date_range(start, start + timedelta(hours=4), "America/Los_Angeles")
    assert text.startswith("2027-01-07 09:00–13:00 PST (") and text.count("2027") == 1
    with translation.override("ko"):
        text = dates.date_range(start, start + timedelta(hours=4), "America/Los_Angeles")
    assert text.startswith("2027년 1월 7일 09:00–13:00 PST (")


def test_a_multi_day_event_shows_a_range_of_dates_in_its_zone():
    start, end = datetime(2027, 1, 7, 9, tzinfo=LA), datetime(2027, 1, 10, 17, tzinfo=LA)
    with translation.override("en"):
        assert dates.date_range(start, end, "America/Los_Angeles") == "2027-01-07 – 2027-01-10"
    with translation.override("ko"):
        assert dates.date_range(start, end, "America/Los_Angeles") == "2027년 1월 7일 – 1월 10일"
        # Across a new year the end keeps its year.
        new_year = dates.date_range(
            datetime(2026, 12, 30, 9, tzinfo=SEOUL),
            datetime(2027, 1, 2, 9, tzinfo=SEOUL),
            "Asia/Seoul",
        )
        assert new_year == "2026년 12월 30일 – 2027년 1월 2일"
    # The same moments are other dates in Seoul: the event's zone decides.
    with translation.override("en"):
        assert dates.date_range(start, end, "Asia/Seoul") == "2027-01-08 – 2027-01-11"


def test_an_evening_across_midnight_shows_both_dates_with_hours():
    start = datetime(2027, 1, 7, 22, tzinfo=SEOUL)
    with translation.override("en"):
        text = dates.date_range(start, start + timedelta(hours=4), "Asia/Seoul")
        assert text.startswith("2027-01-07 22:00 – 2027-01-08 02:00 KST (")
        # Ending exactly at midnight is still one day.
        evening = dates.date_range(start, start + timedelta(hours=2), "Asia/Seoul")
        assert evening.startswith("2027-01-07 22:00–00:00 KST")


def test_an_unknown_zone_falls_back_rather_than_failing():
    assert dates.safe_zone("Mars/Olympus", "Asia/Seoul") == "Asia/Seoul"
    assert dates.safe_zone("", "") == "UTC"
    start = datetime(2027, 1, 7, 9, tzinfo=UTC)
    with translation.override("en"):
        assert dates.date_range(start, start + timedelta(hours=1), "Nowhere/Land") == (
            "2027-01-07 09:00–10:00 UTC"
        )


# --- A delegation's stops, each in its own zone ---------------------------------------------


@pytest.fixture
def trip(operator):
    event = _event(
        operator, "us-trip", "delegation", datetime(2030, 1, 10, 9, tzinfo=SEOUL),
        hours=24 * 6, time_zone="America/New_York",
    )  # fmt: skip
    Visit.objects.create(
        event=event, place="Fairmont Pittsburgh", time_zone="America/New_York",
        starts_at=datetime(2030, 1, 11, 10, tzinfo=NEW_YORK),
    )  # fmt: skip
    Visit.objects.create(
        event=event, place="Design and Innovation Building", time_zone="America/Los_Angeles",
        starts_at=datetime(2030, 1, 13, 10, tzinfo=LA),
    )  # fmt: skip
    Visit.objects.create(  # no zone of its own: the event's
        event=event, place="Allegheny County", starts_at=datetime(2030, 1, 12, 10, tzinfo=NEW_YORK)
    )
    return event


def test_the_itinerary_shows_each_stop_in_its_own_zone(client, trip):
    with translation.override("en"):
        html = client.get(reverse("events:detail", args=[trip.slug])).content.decode()
    assert "2030-01-11 10:00 EST (Eastern" in html
    assert "2030-01-13 10:00 PST (Pacific" in html  # not 13:00 Eastern
    assert "2030-01-12 10:00 EST" in html


def test_the_api_itinerary_gives_each_stop_its_zone_and_offset(client, trip):
    body = client.get(f"/api/v1/events/{trip.pk}").json()
    stops = [(s["place"], s["time_zone"], s["starts_at"]) for s in body["itinerary"]]
    assert stops == [
        ("Fairmont Pittsburgh", "America/New_York", "2030-01-11T10:00:00-05:00"),
        ("Allegheny County", "America/New_York", "2030-01-12T10:00:00-05:00"),
        ("Design and Innovation Building", "America/Los_Angeles", "2030-01-13T10:00:00-08:00"),
    ]


def test_the_event_calendar_has_each_stop_in_its_own_zone(client, trip):
    body = client.get(reverse("events:event_calendar", args=[trip.slug])).content.decode()
    assert "DTSTART;TZID=America/Los_Angeles:20300113T100000" in body
    assert "DTSTART;TZID=America/New_York:20300111T100000" in body
    assert "BEGIN:VTIMEZONE" in body and "TZID:America/Los_Angeles" in body


def test_the_admin_reads_and_shows_a_stops_time_in_its_own_zone(trip):
    stop = trip.visits.get(place="Design and Innovation Building")
    form = VisitForm(instance=stop, event=trip)
    # The wall clock in Los Angeles, not moved to the admin's zone.
    assert form.initial["starts_at"] == datetime(2030, 1, 13, 10, 0, tzinfo=LA).replace(tzinfo=None)
    data = {
        "place": "Biocom California", "starts_at": "2030-01-13 15:00",
        "time_zone": "America/Los_Angeles", "notes": "", "outcome": "",
    }  # fmt: skip
    form = VisitForm(data=data, event=trip)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime(2030, 1, 13, 15, tzinfo=LA)
    form = VisitForm(data={**data, "time_zone": ""}, event=trip)  # the event's zone
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime(2030, 1, 13, 15, tzinfo=NEW_YORK)
    assert not VisitForm(data={**data, "time_zone": "Mars/Olympus"}, event=trip).is_valid()


def test_the_demo_trip_has_stops_in_two_zones(operator, member):
    from yeongilman.portal.demo_events import load_demo_events

    load_demo_events(operator, [member])
    stops = Visit.objects.filter(event__slug="us-delegation-january-2023")
    assert {v.time_zone for v in stops} == {"America/Los_Angeles", "America/New_York"}
    pittsburgh = stops.get(place="Fairmont Pittsburgh")
    assert pittsburgh.starts_at.astimezone(NEW_YORK).hour == 10
    # A demo loaded before stops had zones gets them on the next load.
    stops.update(time_zone="")
    load_demo_events(operator, [member])
    assert set(stops.values_list("time_zone", flat=True)) == {
        "America/Los_Angeles",
        "America/New_York",
    }


def test_the_admin_change_page_offers_each_stop_its_zone(client, trip, operator):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser(email="root@example.org", password="x" * 20)
    client.force_login(admin)
    html = client.get(reverse("admin:events_event_change", args=[trip.pk])).content.decode()
    assert 'name="visits-0-time_zone"' in html and "America/Los_Angeles" in html
    assert 'value="2030-01-13"' in html or 'value="2030-01-11"' in html


def test_an_event_never_takes_the_archives_address(operator):
    start = datetime(2030, 1, 1, 9, tzinfo=UTC)
    event = event_create(actor=operator, kind="forum", title_en="Archive", starts_at=start,
                         ends_at=start + timedelta(hours=2))  # fmt: skip
    assert event.slug == "archive-2"
    assert reverse("events:detail", args=[event.slug]) != reverse("events:archive")
