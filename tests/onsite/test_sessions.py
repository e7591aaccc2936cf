"""Programme sessions at the desk: participants sign up on My agenda (or the API), a session's
door admits once and warns on a second scan, per-session counts (signed up, checked in,
not arrived, no-show), the event-level count still includes them, sessions on the agenda."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import cancel_while_open
from yeongilman.core.errors import NotFound, PermissionDenied, ValidationFailed
from yeongilman.events.codes import code_for
from yeongilman.events.models import ProgrammeSession
from yeongilman.onsite import selectors, services
from yeongilman.onsite.models import CheckIn, SessionSignup
from yeongilman.onsite.printing import data as printing_data
from yeongilman.onsite.services import Scan

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
BEFORE = datetime(2026, 5, 1, 9, tzinfo=SEOUL)


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are asserted in English, whichever catalogues exist."""
    with translation.override("en"):
        yield


@pytest.fixture
def panel(summit):
    return ProgrammeSession.objects.create(
        event=summit, title_en="Battery panel", title_ko="배터리 패널", room="Hall B",
        starts_at=datetime(2026, 5, 12, 14, tzinfo=SEOUL),
        ends_at=datetime(2026, 5, 12, 15, tzinfo=SEOUL),
    )  # fmt: skip


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 5, 12, hour, minute, tzinfo=SEOUL)


@pytest.fixture
def clock(monkeypatch):
    """Set the time the services read (the summit is held on 12 May 2026)."""

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    set_to(BEFORE)
    return set_to


def test_participant_signs_up_once_and_leaves(clock, member, summit, keynote, member_place):
    services.session_signup(actor=member, event=summit, session_id=keynote.pk)
    services.session_signup(actor=member, event=summit, session_id=keynote.pk)
    assert SessionSignup.objects.filter(registration=member_place, session=keynote).count() == 1
    services.session_signup_cancel(actor=member, event=summit, session_id=keynote.pk)
    assert not SessionSignup.objects.exists()


def test_only_confirmed_participants_sign_up(
    clock, member, reviewer, summit, keynote, member_place
):
    with pytest.raises(PermissionDenied):
        services.session_signup(actor=reviewer, event=summit, session_id=keynote.pk)
    cancel_while_open(actor=member, registration=member_place)
    with pytest.raises(PermissionDenied):
        services.session_signup(actor=member, event=summit, session_id=keynote.pk)
    assert not SessionSignup.objects.exists()


def test_a_session_of_another_event_is_not_found(clock, member, other_event, keynote, member_place):
    with pytest.raises(NotFound):
        services.session_signup(actor=member, event=other_event, session_id=keynote.pk)


def test_an_ended_session_cannot_be_signed_up_for(clock, member, summit, keynote, member_place):
    clock(_at(11, 30))
    with pytest.raises(ValidationFailed):
        services.session_signup(actor=member, event=summit, session_id=keynote.pk)


def test_session_door_admits_once_and_warns_on_the_second_scan(
    clock, staffer, member, summit, keynote, member_place
):
    services.session_signup(actor=member, event=summit, session_id=keynote.pk)
    code = code_for(member_place)
    clock(_at(10, 5))
    first = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code, "k1", _at(10, 2)), session_id=keynote.pk
    )
    second = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code, "k2", _at(10, 4)), session_id=keynote.pk
    )
    assert (first.outcome, first.message) == ("admitted", "Welcome! Checked in.")
    assert second.outcome == "already"
    assert second.message == "Already admitted to this session at 10:02 by Desk Staff."
    assert CheckIn.objects.filter(session=keynote).count() == 1


def test_someone_who_did_not_sign_up_is_admitted_with_a_note(
    clock, staffer, summit, keynote, member_place
):
    clock(_at(10, 5))
    result = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code_for(member_place), "k"), session_id=keynote.pk
    )
    assert result.admitted
    assert "had not signed up" in result.message


def test_counts_per_session_and_the_event_level_count(
    clock, staffer, member, other_member, summit, keynote, panel, member_place, other_place
):
    services.session_signup(actor=member, event=summit, session_id=keynote.pk)
    services.session_signup(actor=other_member, event=summit, session_id=keynote.pk)
    services.session_signup(actor=member, event=summit, session_id=panel.pk)
    clock(_at(10, 5))
    # Only a session scan, no entrance scan: they still count as checked in at the event.
    services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code_for(member_place), "k"), session_id=keynote.pk
    )
    counts = selectors.attendance_counts(summit, now=_at(12))
    assert (counts.registered, counts.checked_in, counts.not_arrived) == (2, 1, 1)
    by_id = {s.id: s for s in counts.sessions}
    talk, later = by_id[keynote.pk], by_id[panel.pk]
    # The keynote ended: the signed-up one who never came is its no-show.
    assert (talk.registered, talk.checked_in, talk.not_arrived, talk.no_show, talk.ended) == (
        2, 1, 0, 1, True,
    )  # fmt: skip
    assert (later.registered, later.checked_in, later.not_arrived, later.no_show) == (1, 0, 1, 0)
    assert selectors.checked_in_registration_ids(summit) == {member_place.pk}


def test_a_cancelled_registration_leaves_the_session_figures(
    clock, member, summit, keynote, member_place
):
    services.session_signup(actor=member, event=summit, session_id=keynote.pk)
    cancel_while_open(actor=member, registration=member_place)
    (talk,) = selectors.attendance_counts(summit, now=_at(9)).sessions
    assert talk.registered == 0


def test_agenda_lists_the_sessions_signed_up_for(
    clock, member, summit, keynote, panel, member_place
):
    everything = printing_data.agenda_for(member_place, [], [keynote, panel])
    assert [line.title for line in everything.sessions] == ["기조연설", "배터리 패널"]
    assert not everything.signed_up_sessions
    services.session_signup(actor=member, event=summit, session_id=panel.pk)
    signed = selectors.signed_up_session_ids([member_place.pk])[member_place.pk]
    agenda = printing_data.agenda_for(member_place, [], [keynote, panel], signed)
    assert agenda.signed_up_sessions
    assert [(line.title, line.where) for line in agenda.sessions] == [("배터리 패널", "Hall B")]
    assert selectors.signed_up_session_ids([member_place.pk], summit) == {
        member_place.pk: {panel.pk}
    }


def test_my_agenda_page_signs_up_and_leaves(clock, client, member, summit, keynote, member_place):
    login(client, member)
    agenda = reverse("portal:agenda")
    page = client.get(agenda).content.decode()
    assert 'id="my-sessions"' in page
    assert f'data-session="{keynote.pk}"' in page
    url = reverse("onsite:session_signup", args=[summit.slug, keynote.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].endswith("#my-sessions")
    assert SessionSignup.objects.filter(session=keynote).count() == 1
    assert "is-signed-up" in client.get(agenda).content.decode()
    client.post(url, {"leave": "1"})
    assert not SessionSignup.objects.exists()


def test_signing_up_without_a_place_says_why_on_the_page(clock, client, reviewer, summit, keynote):
    login(client, reviewer)
    response = client.post(
        reverse("onsite:session_signup", args=[summit.slug, keynote.pk]), follow=True
    )
    assert response.status_code == 200
    assert not SessionSignup.objects.exists()
    assert [str(m) for m in response.context["messages"]]


def test_desk_opens_on_a_session_and_shows_its_figures(client, staffer, summit, keynote):
    login(client, staffer)
    page = client.get(reverse("onsite:desk", args=[summit.slug]) + f"?session={keynote.pk}")
    html = page.content.decode()
    assert f'<option value="{keynote.pk}" data-title="Keynote" selected>' in html
    assert 'data-count="registered"' in html


def test_api_lists_signs_up_and_leaves(clock, client, member, summit, keynote, member_place):
    login(client, member)
    base = f"/api/v1/events/{summit.pk}"
    put = client.put(f"{base}/sessions/{keynote.pk}/signup")
    assert put.status_code == 200, put.content
    assert put.json() == {"session": keynote.pk, "signed_up": True}
    listed = client.get(f"{base}/my-sessions").json()
    assert [(s["id"], s["signed_up"], s["ended"]) for s in listed] == [(keynote.pk, True, False)]
    assert client.delete(f"{base}/sessions/{keynote.pk}/signup").status_code == 204
    assert client.get(f"{base}/my-sessions").json()[0]["signed_up"] is False


def test_api_refuses_sign_up_without_a_place_or_after_the_end(
    clock, client, reviewer, member, summit, other_event, keynote, member_place
):
    login(client, reviewer)
    assert client.put(f"/api/v1/events/{summit.pk}/sessions/{keynote.pk}/signup").status_code == 403
    assert client.get(f"/api/v1/events/{summit.pk}/my-sessions").status_code == 404
    login(client, member)
    other = f"/api/v1/events/{other_event.pk}/sessions/{keynote.pk}/signup"
    assert client.put(other).status_code == 404
    clock(_at(12))
    assert client.put(f"/api/v1/events/{summit.pk}/sessions/{keynote.pk}/signup").status_code == 422
    assert not SessionSignup.objects.exists()


def test_api_counts_per_session(clock, client, staffer, member, summit, keynote, member_place):
    services.session_signup(actor=member, event=summit, session_id=keynote.pk)
    login(client, staffer)
    (talk,) = client.get(f"/api/v1/events/{summit.pk}/attendance").json()["sessions"]
    assert (talk["registered"], talk["checked_in"], talk["not_arrived"], talk["no_show"]) == (
        1, 0, 1, 0,
    )  # fmt: skip
