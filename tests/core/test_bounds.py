"""Every input has a bound and a clear 4xx that names the field; nothing out of bounds is
stored (bodies, numbers, texts, dates, Unicode, unknown fields)."""

import json

import pytest

from tests.conftest import login
from yeongilman.directory.models import Organisation
from yeongilman.partnering.models import Opportunity


def _patch(client, url, body):
    return client.patch(url, json.dumps(body), content_type="application/json")


def test_a_body_above_the_limit_is_413_for_the_api_and_for_pages(client, settings, operator):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    login(client, operator)
    body = json.dumps({"kind": "startup", "name_en": "x" * 5000})
    answer = client.post("/api/v1/organisations", body, content_type="application/json",
                         HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert answer.status_code == 413 and "too large" in answer.json()["detail"]
    page = client.post("/en/directory/new/", {"name_en": "x" * 5000, "kind": "startup"})
    assert page.status_code == 413 and "too large" in page.content.decode()
    assert not Organisation.objects.exists()


def test_the_413_page_carries_the_frame_and_content_security_headers(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    page = client.post("/en/directory/new/", {"name_en": "x" * 5000, "kind": "startup"})
    assert page.status_code == 413
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations?page=21532002573478969344",
        "/api/v1/organisations?page_size=100000000000000000000",
        "/api/v1/opportunities?page=99999999999999999999",
        "/api/v1/people?organisation=99999999999999999999",
    ],
)
def test_huge_numbers_in_the_query_are_422_naming_the_parameter(client, url):
    answer = client.get(url)
    assert answer.status_code == 422
    name = url.split("?")[1].split("=")[0]
    assert name in answer.json()["errors"]


def test_huge_ids_are_422_in_the_api_and_404_on_pages(client, operator):
    login(client, operator)
    answer = client.get("/api/v1/organisations/99999999999999999999")
    assert answer.status_code == 422 and "organisation_id" in answer.json()["errors"]
    assert client.get("/api/v1/jobs/99999999999999999999").status_code == 422
    assert client.get("/en/partnering/99999999999999999999/").status_code == 404
    assert client.get("/en/jobs/99999999999999999999/").status_code == 404


def test_text_longer_than_the_model_allows_is_refused_by_the_api(client, operator):
    login(client, operator)
    answer = client.post(
        "/api/v1/organisations",
        {"kind": "startup", "name_en": "n" * 201},
        content_type="application/json",
    )
    assert answer.status_code == 422 and "name_en" in answer.json()["errors"]
    assert not Organisation.objects.exists()


def test_dates_far_in_the_future_are_refused(client, member, battery_startup):
    login(client, member)
    answer = client.post(
        "/api/v1/opportunities",
        {"owner": battery_startup.pk, "type": "technology_offer", "title_en": "Cells",
         "expires_at": "20250-01-01T00:00:00+09:00"},
        content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 422 and "expires_at" in answer.json()["errors"]
    page = client.post(
        "/en/partnering/new/",
        {"owner": battery_startup.pk, "type": "technology_offer", "title_en": "Cells",
         "expires_at": "9999-01-01T00:00"},
    )  # fmt: skip
    body = page.content.decode()
    assert page.status_code == 200 and "Give a date between 1900 and 2100." in body
    assert 'value="Cells"' in body  # the form keeps what was typed
    assert not Opportunity.objects.exists()


def test_lone_surrogates_are_refused_naming_the_field(client, operator, battery_startup):
    login(client, operator)
    raw = '{"kind": "startup", "name_en": "bad \\ud800 text"}'
    answer = client.post("/api/v1/organisations", raw, content_type="application/json")
    assert answer.status_code == 422 and "name_en" in json.dumps(answer.json())
    patched = client.patch(
        f"/api/v1/organisations/{battery_startup.pk}",
        '{"description_en": "\\udfff"}',
        content_type="application/json",
    )
    assert patched.status_code == 422
    battery_startup.refresh_from_db()
    assert battery_startup.description_en == ""


def test_unknown_fields_are_refused_naming_them(client, operator, battery_startup):
    login(client, operator)
    answer = _patch(client, f"/api/v1/organisations/{battery_startup.pk}",
                    {"name_en": "Renamed", "is_operator": True, "slug": "x"})  # fmt: skip
    assert answer.status_code == 422
    assert {"is_operator", "slug"} <= set(answer.json()["errors"])
    battery_startup.refresh_from_db()
    assert battery_startup.name_en == ""
