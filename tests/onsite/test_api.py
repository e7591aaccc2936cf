"""The check-in API: admit by code, replay a queue, counts, my own code; who may use which."""

from __future__ import annotations

import json

import pytest

from tests.conftest import login
from yeongilman.events.codes import code_for
from yeongilman.onsite.models import CheckIn, CheckInAttempt

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    # Messages are asserted in English, whichever catalogues exist.
    return client.post(
        url, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )


def test_staff_checks_in_by_code_then_gets_already(client, staffer, summit, member_place):
    login(client, staffer)
    url = f"/api/v1/events/{summit.pk}/check-ins"
    first = _post(client, url, {"code": code_for(member_place), "client_scan_id": "s1"})
    assert first.status_code == 201, first.content
    body = first.json()
    assert (body["outcome"], body["name"], body["organisation"], body["registration"]) == (
        "admitted", "김회원", "영일만배터리", member_place.pk,
    )  # fmt: skip
    resent = _post(client, url, {"code": code_for(member_place), "client_scan_id": "s1"})
    assert (resent.status_code, resent.json()["outcome"]) == (201, "admitted")
    second = _post(client, url, {"code": code_for(member_place), "client_scan_id": "s2"})
    assert second.status_code == 200
    assert second.json()["outcome"] == "already"
    assert second.json()["checked_in_by"] == "Desk Staff"
    assert CheckIn.objects.count() == 1


def test_tampered_code_answers_422_and_is_recorded(client, staffer, summit, member_place):
    login(client, staffer)
    response = _post(
        client, f"/api/v1/events/{summit.pk}/check-ins", {"code": code_for(member_place) + "x"}
    )
    assert response.status_code == 422
    assert response.json()["errors"]["code"] == [
        "This code does not read correctly: a character is probably mistyped or missing. "
        "Scan or type it again, or look the person up by name."
    ]
    assert CheckInAttempt.objects.count() == 1
    assert CheckIn.objects.count() == 0


def test_code_of_another_event_answers_409_with_its_name(client, operator, summit, other_event):
    from yeongilman.events.models import Registration, RegistrationStatus

    login(client, operator)
    elsewhere = Registration.objects.create(
        event=other_event, user=operator, status=RegistrationStatus.CONFIRMED
    )
    response = _post(client, f"/api/v1/events/{summit.pk}/check-ins", {"code": code_for(elsewhere)})
    assert response.status_code == 409
    assert response.json()["detail"] == "This code belongs to another event: Battery Day."
    assert response.json()["outcome"] == "other_event"


def test_batch_replays_in_order_sent(client, staffer, summit, member_place, other_place):
    login(client, staffer)

    def scan(place, scan_id, at):
        return {"code": code_for(place), "client_scan_id": scan_id, "scanned_at": at}

    scans = [
        scan(other_place, "b", "2026-05-12T10:09:00+09:00"),
        scan(member_place, "a", "2026-05-12T10:01:00+09:00"),
        scan(other_place, "c", "2026-05-12T10:04:00+09:00"),
        {"code": "nonsense", "client_scan_id": "d"},
    ]
    response = _post(client, f"/api/v1/events/{summit.pk}/check-ins/batch", {"scans": scans})
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [(r["client_scan_id"], r["outcome"]) for r in results] == [
        ("b", "already"), ("a", "admitted"), ("c", "admitted"), ("d", "invalid"),
    ]  # fmt: skip
    assert CheckIn.objects.get(registration=other_place).client_scan_id == "c"


def test_counts_for_desk_staff(client, staffer, summit, member_place, other_place):
    login(client, staffer)
    _post(client, f"/api/v1/events/{summit.pk}/check-ins", {"code": code_for(member_place)})
    body = client.get(f"/api/v1/events/{summit.pk}/attendance").json()
    assert (body["registered"], body["checked_in"]) == (2, 1)
    assert body["ended"] is True  # the summit is over: the other one did not come
    assert (body["not_arrived"], body["no_show"]) == (0, 1)


def test_my_code_gives_the_code_and_an_svg(client, member, summit, member_place):
    login(client, member)
    body = client.get(f"/api/v1/events/{summit.pk}/my-code").json()
    assert body["code"] == code_for(member_place)
    assert body["svg"].startswith("<svg")


def test_my_code_without_a_confirmed_place_is_404(client, reviewer, summit):
    login(client, reviewer)
    assert client.get(f"/api/v1/events/{summit.pk}/my-code").status_code == 404


ROLES = ("anonymous", "participant", "foreign_staff", "staff", "operator")
USERS = {"participant": "member", "foreign_staff": "foreign_staffer", "staff": "staffer",
         "operator": "operator"}  # fmt: skip

# (method, path, expected status per role in the order of ROLES)
CASES = [
    ("post", "/check-ins", (401, 403, 403, 201, 201)),
    ("post", "/check-ins/batch", (401, 403, 403, 200, 200)),
    ("get", "/attendance", (401, 403, 403, 200, 200)),
    ("get", "/my-code", (401, 200, 404, 404, 404)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), CASES)
def test_check_in_api_by_role(
    client, request, role, method, path, expected, summit, member_place, staffer, foreign_staffer
):
    if role != "anonymous":
        login(client, request.getfixturevalue(USERS[role]))
    url = f"/api/v1/events/{summit.pk}{path}"
    code = code_for(member_place)
    if method == "get":
        response = client.get(url)
    elif path.endswith("batch"):
        response = _post(client, url, {"scans": [{"code": code, "client_scan_id": "x"}]})
    else:
        response = _post(client, url, {"code": code, "client_scan_id": "x"})
    assert response.status_code == dict(zip(ROLES, expected, strict=True))[role], response.content
    admitted = expected[ROLES.index(role)] in (200, 201) and method == "post"
    assert CheckIn.objects.exists() == admitted
