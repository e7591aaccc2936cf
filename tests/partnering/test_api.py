"""The partnering API's contract: create, list, interests, bad input answered 4xx."""

from __future__ import annotations

import json

from tests.conftest import login


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_create_publish_list_and_express_interest(
    client, member, other_member, battery_startup, pittsburgh_lab
):
    login(client, other_member)
    created = _post(client, "/api/v1/opportunities", {
        "owner": pittsburgh_lab.pk, "type": "pilot_offered", "title_en": "Factory test bed",
        "description_en": "Our pilot line is open to Korean robot makers.",
        "industries": ["robotics"], "target_countries": ["kr"], "publish": True,
    })  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "published" and body["target_countries"] == ["KR"]
    listed = client.get("/api/v1/opportunities?type=pilot_offered&country=KR").json()
    assert [o["id"] for o in listed["results"]] == [body["id"]]
    client.logout()
    login(client, member)
    sent = _post(client, f"/api/v1/opportunities/{body['id']}/interests",
                 {"organisation": battery_startup.pk, "message": "실증하고 싶습니다."})  # fmt: skip
    assert sent.status_code == 201 and sent.json()["status"] == "pending"
    again = _post(client, f"/api/v1/opportunities/{body['id']}/interests",
                  {"organisation": battery_startup.pk, "message": "다시"})  # fmt: skip
    assert again.status_code == 422 and "organisation" in again.json()["errors"]
    client.logout()
    login(client, other_member)
    answered = _post(client, f"/api/v1/interests/{sent.json()['id']}/answer", {"accept": True})
    assert answered.json()["status"] == "accepted"


def test_bad_input_gets_a_useful_4xx(client, other_member, pittsburgh_lab):
    login(client, other_member)
    bad_type = _post(client, "/api/v1/opportunities", {"owner": pittsburgh_lab.pk, "type": "x"})
    assert bad_type.status_code == 422 and "detail" in bad_type.json()
    body = {"owner": pittsburgh_lab.pk, "type": "business_offer", "industries": ["nope"]}
    empty = _post(client, "/api/v1/opportunities", body)
    assert empty.status_code == 422
    assert {"title_ko", "description_ko"} <= set(empty.json()["errors"])
    broken = client.post("/api/v1/opportunities", "{not json", content_type="application/json")
    assert broken.status_code in (400, 422)
    missing = client.get("/api/v1/opportunities/999999")
    assert missing.status_code == 404 and missing.json()["detail"]
