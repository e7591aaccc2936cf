"""Concurrent edits of one profile: different fields both land; an edit from an older
version is refused with a clear message (pages) or 412 (API), never a silent overwrite."""

import json

import pytest
from django.test import Client

from tests.concurrency import at_once
from tests.conftest import login
from yeongilman.directory.models import Organisation


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("taxonomy_restored")
def test_two_simultaneous_api_edits_of_different_fields_both_land(operator, battery_startup):
    changes = [{"city": "Gyeongju"}, {"employees": 42}]

    def edit(i: int) -> int:
        client = login(Client(), operator)
        return client.patch(
            f"/api/v1/organisations/{battery_startup.pk}",
            json.dumps(changes[i]),
            content_type="application/json",
        ).status_code

    assert at_once(2, edit) == [200, 200]
    battery_startup.refresh_from_db()
    assert (battery_startup.city, battery_startup.employees) == ("Gyeongju", 42)
    assert battery_startup.version == 3


def test_an_api_edit_from_an_older_version_is_412(client, operator, battery_startup):
    login(client, operator)
    url = f"/api/v1/organisations/{battery_startup.pk}"
    etag = client.get(url)["ETag"]
    first = client.patch(url, json.dumps({"city": "Daegu"}), content_type="application/json",
                         HTTP_IF_MATCH=etag)  # fmt: skip
    assert first.status_code == 200 and first["ETag"] != etag
    stale = client.patch(url, json.dumps({"city": "Seoul"}), content_type="application/json",
                         HTTP_IF_MATCH=etag)  # fmt: skip
    assert stale.status_code == 412
    assert stale.json()["version"] == first.json()["version"]
    battery_startup.refresh_from_db()
    assert battery_startup.city == "Daegu"


def test_a_page_edit_from_an_older_version_says_so_and_keeps_the_input(
    client, member, operator, battery_startup
):
    login(client, member)
    url = f"/en/directory/o/{battery_startup.slug}/edit/"
    form = client.get(url).context["form"]
    typed = {k: v for k, v in form.initial.items() if v is not None and k != "industries"}
    typed.update({"description_ko": "내가 쓴 설명", "kind": "startup", "country": "KR"})
    # Meanwhile an operator saves the profile through the API.
    other = login(Client(), operator)
    other.patch(f"/api/v1/organisations/{battery_startup.pk}", json.dumps({"city": "Daegu"}),
                content_type="application/json")  # fmt: skip
    answer = client.post(url, typed)
    body = answer.content.decode()
    assert answer.status_code == 200 and "Someone else changed this profile" in body
    assert "내가 쓴 설명" in body
    battery_startup.refresh_from_db()
    assert battery_startup.city == "Daegu" and "내가 쓴 설명" not in battery_startup.description_ko
    again = client.post(url, {**typed, "version": battery_startup.version})
    assert again.status_code == 302
    assert "내가 쓴 설명" in Organisation.objects.get(pk=battery_startup.pk).description_ko
