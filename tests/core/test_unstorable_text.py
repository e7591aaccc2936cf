"""Text a database cannot store (a NUL character, which PostgreSQL refuses in any text) is a
4xx naming where it is, at every entry point: pages' filters, forms, the API's queries and
bodies; nothing reaches a query."""

from __future__ import annotations

import json

import pytest

from tests.conftest import login
from yeongilman.directory.models import Organisation

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/en/directory/?industry=battery{NUL}", "industry"),
        (f"/en/directory/?q=cell{NUL}s", "q"),
        (f"/en/partnering/?q=pilot{NUL}", "q"),
        (f"/en/insights/?city=Pohang{NUL}", "city"),
        (f"/en/directory/o/pohang{NUL}/", "address"),
    ],
)
def test_a_nul_in_a_pages_filter_is_a_400_naming_the_field(client, path, field):
    answer = client.get(path)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert f"“{field}” contains a NUL character" in body
    assert answer["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in answer


def test_a_nul_in_an_api_query_is_a_422_naming_it(client):
    answer = client.get("/api/v1/organisations", {"q": f"cell{NUL}"})
    assert answer.status_code == 422
    assert list(answer.json()["errors"]) == ["q"]


def test_a_nul_in_an_api_body_is_a_422_naming_the_field_and_nothing_is_saved(client, operator):
    login(client, operator)
    answer = client.post(
        "/api/v1/organisations",
        json.dumps({"kind": "startup", "name_en": f"Null{NUL}Corp", "country": "KR"}),
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert list(answer.json()["errors"]) == ["name_en"]
    assert not Organisation.objects.exists()


def test_a_nul_in_a_posted_form_is_a_400_naming_the_field(client, operator):
    login(client, operator)
    answer = client.post(
        "/en/directory/new/",
        {"kind": "startup", "name_en": f"Null{NUL}Corp", "country": "KR"},
    )
    assert answer.status_code == 400 and "“name_en” contains a NUL" in answer.content.decode()
    assert not Organisation.objects.exists()


def test_ordinary_text_passes(client):
    assert client.get("/en/directory/", {"q": "이차전지 battery \\0"}).status_code == 200
