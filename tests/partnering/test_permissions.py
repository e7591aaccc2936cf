"""Every role against every partnering page and endpoint: allowed or refused, nothing else."""

from __future__ import annotations

import pytest

from tests.test_permissions import ROLES, _client_for, _expect

# (path with placeholders, expected status per role: visitor, member, other, reviewer, operator)
PAGE_CASES = [
    ("/en/partnering/", _expect(200, 200, 200, 200, 200)),
    ("/en/partnering/mine/", _expect(302, 200, 200, 200, 200)),
    ("/en/partnering/new/", _expect(302, 200, 200, 302, 200)),  # reviewer: no organisation
    ("/en/partnering/{offer}/", _expect(200, 200, 200, 200, 200)),
    ("/en/partnering/{draft}/", _expect(404, 200, 404, 404, 200)),
    ("/en/partnering/{draft}/edit/", _expect(302, 200, 404, 404, 200)),
    ("/en/partnering/{offer}/edit/", _expect(302, 403, 200, 403, 200)),
    ("/en/partnering/{offer}/suggestions/", _expect(302, 403, 200, 403, 200)),
    ("/en/partnering/suggestions/{startup}/", _expect(302, 200, 403, 403, 200)),
    ("/en/partnering/introductions/", _expect(302, 403, 403, 403, 200)),
]


def _fill(path, pittsburgh_offer, korean_draft, battery_startup):
    return path.format(
        offer=pittsburgh_offer.pk, draft=korean_draft.pk, startup=battery_startup.slug
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("path", "expected"), PAGE_CASES)
def test_pages_by_role(
    client, request, role, path, expected, pittsburgh_offer, korean_draft, battery_startup
):
    url = _fill(path, pittsburgh_offer, korean_draft, battery_startup)
    response = _client_for(role, client, request).get(url)
    assert response.status_code == expected[role]


API_CASES = [
    ("get", "/api/v1/opportunities", None, _expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/opportunities/{offer}", None, _expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/opportunities/{draft}", None, _expect(404, 200, 404, 404, 200)),
    ("patch", "/api/v1/opportunities/{draft}", {"title_en": "Battery inspection robots"},
     _expect(404, 200, 404, 404, 200)),
    ("patch", "/api/v1/opportunities/{offer}", {"title_en": "Robot controllers"},
     _expect(403, 403, 200, 403, 200)),
    ("get", "/api/v1/interests", None, _expect(401, 200, 200, 200, 200)),
    ("get", "/api/v1/organisations/{startup_id}/suggestions", None,
     _expect(403, 200, 403, 403, 200)),
    ("get", "/api/v1/introductions", None, _expect(403, 403, 403, 403, 200)),
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "payload", "expected"), API_CASES)
def test_api_by_role(
    client, request, role, method, path, payload, expected, pittsburgh_offer, korean_draft,
    battery_startup,
):  # fmt: skip
    from yeongilman.accounts.services import api_token_issue

    headers = {}
    if role != "visitor":
        operator = request.getfixturevalue("operator")
        user = request.getfixturevalue(role)
        headers["HTTP_AUTHORIZATION"] = (
            "Bearer " + api_token_issue(actor=operator, user=user, name="t")[1]
        )
    url = path.format(
        offer=pittsburgh_offer.pk, draft=korean_draft.pk, startup_id=battery_startup.pk
    )
    if method == "get":
        response = client.get(url, **headers)
    else:
        response = client.patch(url, payload, content_type="application/json", **headers)
    assert response.status_code == expected[role], response.content
    if response.status_code >= 400:
        assert "detail" in response.json()
