"""The JSON API: same permissions as the pages, 4xx with field messages, never a 500."""

import json

import pytest

from yeongilman.accounts.services import api_token_issue, api_token_revoke
from yeongilman.directory.models import Organisation


@pytest.fixture
def member_token(operator, member):
    return api_token_issue(actor=operator, user=member, name="member script")[1]


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _post(client, url, body, **extra):
    return client.post(url, json.dumps(body), content_type="application/json", **extra)


def _patch(client, url, body, **extra):
    return client.patch(url, json.dumps(body), content_type="application/json", **extra)


def test_openapi_document_is_served(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/organisations" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_visitors_list_published_organisations_with_search(client, battery_startup, hidden_org):
    data = client.get("/api/v1/organisations", {"q": "이차전지"}).json()
    assert data["count"] == 1
    assert data["results"][0]["name_ko"] == "영일만배터리"
    assert data["results"][0]["industries"] == ["battery"]
    all_ids = [o["id"] for o in client.get("/api/v1/organisations").json()["results"]]
    assert hidden_org.pk not in all_ids


def test_list_is_paginated(client, operator):
    from tests.factories import make_organisation

    for i in range(7):
        make_organisation(operator, name_en=f"Org {i}")
    page = client.get("/api/v1/organisations", {"page_size": 3, "page": 3}).json()
    assert (page["count"], page["pages"], len(page["results"])) == (7, 3, 1)


def test_facet_filters_apply(client, battery_startup, pittsburgh_lab):
    data = client.get("/api/v1/organisations", {"country": "US", "industry": "ai"}).json()
    assert [o["name_en"] for o in data["results"]] == ["Allegheny Robotics Lab"]


def test_unpublished_organisation_is_404_for_visitors_and_200_for_members(
    client, hidden_org, member_token
):
    url = f"/api/v1/organisations/{hidden_org.pk}"
    assert client.get(url).status_code == 404
    assert client.get(url, **_auth(member_token)).status_code == 200


def test_contacts_follow_consent(client, consenting_person, private_person, member_token):
    org_id = consenting_person.organisations.get().pk
    anon = {p["name_ko"]: p for p in client.get(f"/api/v1/organisations/{org_id}").json()["people"]}
    assert anon["박동의"]["email"] == "" and anon["이비공"]["email"] == ""
    signed = client.get(f"/api/v1/organisations/{org_id}", **_auth(member_token)).json()["people"]
    emails = {p["name_ko"]: p["email"] for p in signed}
    assert emails == {"박동의": "consent@example.kr", "이비공": ""}


def test_member_updates_own_organisation_with_token(client, battery_startup, member_token):
    response = _patch(
        client,
        f"/api/v1/organisations/{battery_startup.pk}",
        {"description_en": "LFP cathode startup", "industries": ["battery", "materials"]},
        **_auth(member_token),
    )
    assert response.status_code == 200, response.content
    assert sorted(response.json()["industries"]) == ["battery", "materials"]
    # The search index follows the change.
    found = client.get("/api/v1/organisations", {"q": "cathode"}).json()
    assert [o["id"] for o in found["results"]] == [battery_startup.pk]


def test_member_cannot_update_another_organisation(client, pittsburgh_lab, member_token):
    response = _patch(
        client,
        f"/api/v1/organisations/{pittsburgh_lab.pk}",
        {"name_en": "Mine now"},
        **_auth(member_token),
    )
    assert response.status_code == 403
    assert "detail" in response.json()
    pittsburgh_lab.refresh_from_db()
    assert pittsburgh_lab.name_en == "Allegheny Robotics Lab"


def test_visitor_cannot_create(client, db):
    response = _post(client, "/api/v1/organisations", {"kind": "startup", "name_en": "X"})
    assert response.status_code == 401
    assert not Organisation.objects.exists()


def test_member_creates_and_owns(client, member, member_token):
    response = _post(
        client,
        "/api/v1/organisations",
        {
            "kind": "investor",
            "name_en": "Three Rivers Capital",
            "country": "us",
            "city": "Pittsburgh",
        },
        **_auth(member_token),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["country"] == "US" and body["is_published"] is False
    assert Organisation.objects.get(pk=body["id"]).memberships.get().user == member


def test_field_errors_come_back_as_422_with_messages(client, member_token):
    response = _post(
        client,
        "/api/v1/organisations",
        {"kind": "spaceship", "name_en": "X", "founded_year": 1500, "website": "not a url"},
        **_auth(member_token),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"kind", "founded_year", "website"} <= set(errors)


def test_service_rule_errors_are_4xx_with_field(client, member_token):
    body = {"kind": "university", "name_en": "U", "stage": "seed"}
    response = _post(
        client, "/api/v1/organisations", body, HTTP_ACCEPT_LANGUAGE="en", **_auth(member_token)
    )
    assert response.status_code == 422
    assert response.json()["errors"]["stage"] == ["Only startups have a stage."]
    korean = _post(
        client, "/api/v1/organisations", body, HTTP_ACCEPT_LANGUAGE="ko", **_auth(member_token)
    )
    assert korean.json()["errors"]["stage"] == ["성장 단계는 스타트업만 입력합니다."]


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[]", b'"text"', b'{"kind": null}', b'{"kind": "startup", "tags": "x"}'],
)
def test_malformed_bodies_never_give_500(client, member_token, body):
    response = client.post(
        "/api/v1/organisations", body, content_type="application/json", **_auth(member_token)
    )
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_bad_query_values_are_4xx(client, db):
    assert client.get("/api/v1/organisations", {"page": "abc"}).status_code == 422
    assert client.get("/api/v1/organisations/999999").status_code == 404
    assert client.get("/api/v1/organisations/not-a-number").status_code in (404, 422)


def test_wrong_or_revoked_token_is_401(client, operator, member):
    assert client.get("/api/v1/me", **_auth("yv_wrong")).status_code == 401
    token, raw = api_token_issue(actor=operator, user=member, name="t")
    assert client.get("/api/v1/me", **_auth(raw)).json()["email"] == member.email
    api_token_revoke(actor=operator, token=token)
    assert client.get("/api/v1/me", **_auth(raw)).status_code == 401


def test_operators_issue_tokens_through_the_api(client, operator, member):
    op_token = api_token_issue(actor=operator, user=operator, name="ops")[1]
    response = _post(
        client, "/api/v1/tokens", {"email": member.email, "name": "ci"}, **_auth(op_token)
    )
    assert response.status_code == 201
    raw = response.json()["token"]
    assert client.get("/api/v1/me", **_auth(raw)).json()["email"] == member.email


def test_members_cannot_issue_tokens(client, member_token, other_member):
    response = _post(
        client,
        "/api/v1/tokens",
        {"email": other_member.email, "name": "x"},
        **_auth(member_token),
    )
    assert response.status_code == 403


def test_people_crud_follows_membership(client, battery_startup, pittsburgh_lab, member_token):
    created = _post(
        client,
        "/api/v1/people",
        {
            "organisation": battery_startup.pk,
            "name_ko": "최대표",
            "email": "ceo@example.kr",
            "contact_consent": True,
        },
        **_auth(member_token),
    )
    assert created.status_code == 201, created.content
    person_id = created.json()["id"]
    updated = _patch(client, f"/api/v1/people/{person_id}", {"title": "CEO"}, **_auth(member_token))
    assert updated.json()["title"] == "CEO"
    denied = _post(
        client,
        "/api/v1/people",
        {"organisation": pittsburgh_lab.pk, "name_latin": "Intruder"},
        **_auth(member_token),
    )
    assert denied.status_code == 403
    listed = client.get("/api/v1/people", {"organisation": battery_startup.pk}).json()
    assert [p["name_ko"] for p in listed["results"]] == ["최대표"]
    assert listed["results"][0]["email"] == ""  # visitors never see contacts


def test_session_auth_needs_csrf_for_writes(client, member, battery_startup):
    from tests.conftest import login

    csrf_client = type(client)(enforce_csrf_checks=True)
    login(csrf_client, member)
    response = _patch(csrf_client, f"/api/v1/organisations/{battery_startup.pk}", {"city": "Seoul"})
    assert response.status_code == 403
    battery_startup.refresh_from_db()
    assert battery_startup.city == "Pohang"


def test_an_explicit_null_text_is_stored_as_empty(client, operator):
    token = api_token_issue(actor=operator, user=operator, name="operator script")[1]
    body = {"kind": "research", "name_en": "Null Lab", "description_ko": None, "city": None}
    response = _post(client, "/api/v1/organisations", body, **_auth(token))
    assert response.status_code == 201, response.content
    created = Organisation.objects.get(pk=response.json()["id"])
    assert (created.description_ko, created.city) == ("", "")
