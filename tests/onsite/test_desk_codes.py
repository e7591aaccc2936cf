"""The desk without the long code: a short code to type (on the badge, unique per event, a
slip called a slip), a search by name, e-mail or number, checking in and re-printing a badge
from the search."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.conftest import login
from tests.factories import register_while_open
from yeongilman.events.codes import (
    SHORT_ALPHABET,
    code_for,
    short_code_for,
    short_code_shown,
    short_code_typed,
)
from yeongilman.events.models import Registration
from yeongilman.onsite import selectors, services
from yeongilman.onsite.models import AttemptOutcome, CheckIn, CheckInAttempt
from yeongilman.onsite.printing.data import badge_for
from yeongilman.onsite.services import Scan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def test_short_code_is_seven_unambiguous_characters_kept_once_issued(member_place):
    code = short_code_for(member_place)
    assert len(code) == 7 and set(code) <= set(SHORT_ALPHABET)
    assert not set(code) & set("01IOL")
    assert Registration.objects.get(pk=member_place.pk).short_code == code
    assert short_code_for(Registration.objects.get(pk=member_place.pk)) == code


def test_short_codes_differ_within_an_event(member_place, other_place):
    assert short_code_for(member_place) != short_code_for(other_place)


def test_typed_short_code_admits_in_any_case_with_or_without_dash(staffer, summit, member_place):
    shown = short_code_shown(short_code_for(member_place))
    assert shown[3] == "-" and short_code_typed(f" {shown.lower()} ") == shown.replace("-", "")
    result = services.check_in_scan(actor=staffer, event=summit, scan=Scan(shown.lower()))
    assert result.outcome == AttemptOutcome.ADMITTED
    assert CheckIn.objects.get().registration == member_place


def test_short_code_with_a_wrong_character_is_called_mistyped(staffer, summit, member_place):
    code = short_code_for(member_place)
    slip = code[:-1] + next(c for c in SHORT_ALPHABET if c != code[-1])
    result = services.check_in_scan(actor=staffer, event=summit, scan=Scan(slip))
    assert result.outcome == AttemptOutcome.INVALID
    assert result.message == (
        f"No registration of this event has the code {short_code_shown(slip)}. Check it for a "
        "mistyped character, or search for the person by name."
    )
    assert CheckIn.objects.count() == 0 and CheckInAttempt.objects.get().code == slip


def test_short_code_of_another_event_is_not_accepted(staffer, summit, other_event, other_member):
    elsewhere = register_while_open(actor=other_member, event=other_event)
    result = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(short_code_for(elsewhere))
    )
    assert result.outcome == AttemptOutcome.INVALID and CheckIn.objects.count() == 0


def test_signed_code_with_three_characters_changed_is_called_mistyped(
    staffer, summit, member_place
):
    code = code_for(member_place)
    slipped = code[:-3] + "".join("A" if c != "A" else "B" for c in code[-3:])
    result = services.check_in_scan(actor=staffer, event=summit, scan=Scan(slipped))
    assert "mistyped" in result.message and "altered" not in result.message
    assert CheckIn.objects.count() == 0


def test_badge_carries_the_short_code(member_place):
    assert badge_for(member_place).short_code == short_code_shown(short_code_for(member_place))


def test_search_finds_by_name_email_number_and_short_code(summit, member_place, other_place):
    def found(query: str) -> list[int]:
        return [m.registration.pk for m in selectors.desk_search(summit, query, "en")]

    assert found("김회") == [member_place.pk]
    assert found("OTHER@example") == [other_place.pk]
    assert found(str(other_place.pk)) == [other_place.pk]
    assert found(short_code_shown(short_code_for(member_place)).lower()) == [member_place.pk]
    assert found("nobody-like-this") == []
    [match] = selectors.desk_search(summit, "other@example.org", "en")
    assert (match.name, match.organisation, match.checked_in) == (
        "Other Member", "Allegheny Robotics Lab", False,
    )  # fmt: skip


def test_search_does_not_reach_another_events_people(summit, other_event, other_member):
    register_while_open(actor=other_member, event=other_event)
    assert selectors.desk_search(summit, "other@example.org", "en") == []


def test_desk_page_searches_checks_in_and_reprints_a_badge(client, staffer, summit, member_place):
    login(client, staffer)
    page = client.get(f"/en/onsite/{summit.slug}/check-in/?q=member@example").content.decode()
    assert "김회원" in page and f"Registration no. {member_place.pk}" in page
    assert f"/check-in/{member_place.pk}/badge.pdf" in page
    answer = client.post(f"/en/onsite/{summit.slug}/check-in/{member_place.pk}/admit/")
    assert answer.status_code == 302
    assert CheckIn.objects.get().registration == member_place
    badge = client.get(f"/en/onsite/{summit.slug}/check-in/{member_place.pk}/badge.pdf")
    assert badge.status_code == 200 and badge["Content-Type"] == "application/pdf"
    assert badge.content.startswith(b"%PDF")


def test_desk_of_another_event_cannot_reprint_or_check_in(
    client, foreign_staffer, other_event, member_place
):
    login(client, foreign_staffer)
    badge = client.get(f"/en/onsite/{other_event.slug}/check-in/{member_place.pk}/badge.pdf")
    admit = client.post(f"/en/onsite/{other_event.slug}/check-in/{member_place.pk}/admit/")
    assert (badge.status_code, admit.status_code) == (404, 404)
    assert CheckIn.objects.count() == 0
