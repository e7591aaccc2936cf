"""Every role against every directory page and endpoint: allowed or refused, nothing else."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login

ROLES = ["visitor", "member", "other_member", "reviewer", "operator"]


def _expect(*statuses: int) -> dict[str, int]:
    """Expected status codes in the order of ROLES."""
    return dict(zip(ROLES, statuses, strict=True))


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def _client_for(role, client, request):
    if role != "visitor":
        login(client, request.getfixturevalue(role))
    return client


# (route name, needs slug of, expected status per role)
PAGE_CASES = [
    (
        "directory:list",
        None,
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "directory:detail",
        "battery_startup",
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "directory:detail",
        "hidden_org",
        _expect(404, 200, 404, 404, 200),
    ),
    (
        "directory:edit",
        "battery_startup",
        _expect(302, 200, 403, 403, 200),
    ),
    (
        "directory:edit",
        "hidden_org",
        _expect(302, 200, 404, 404, 200),
    ),
    (
        "directory:person_new",
        "battery_startup",
        _expect(302, 200, 403, 403, 200),
    ),
    (
        "directory:invite",
        "battery_startup",
        _expect(302, 403, 403, 403, 200),
    ),
    (
        "directory:new",
        None,
        _expect(302, 200, 200, 200, 200),
    ),
    (
        "directory:import",
        None,
        _expect(302, 403, 403, 403, 200),
    ),
    (
        "accounts:tokens",
        None,
        _expect(302, 403, 403, 403, 200),
    ),
    (
        "jobs:system",
        None,
        _expect(302, 403, 403, 403, 200),
    ),
    (
        "outcomes:mine",
        None,
        _expect(302, 200, 200, 200, 200),
    ),
    (
        "accounts:profile",
        None,
        _expect(302, 200, 200, 200, 200),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "slug_of", "expected"), PAGE_CASES)
def test_pages_by_role(client, request, role, name, slug_of, expected, battery_startup, hidden_org):
    kwargs = {"slug": request.getfixturevalue(slug_of).slug} if slug_of else {}
    response = _client_for(role, client, request).get(_url(name, **kwargs))
    assert response.status_code == expected[role]


API_CASES = [
    (
        "get",
        "/api/v1/organisations/{battery_startup}",
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "get",
        "/api/v1/organisations/{hidden_org}",
        _expect(404, 200, 404, 404, 200),
    ),
    (
        "patch",
        "/api/v1/organisations/{battery_startup}",
        _expect(403, 200, 403, 403, 200),
    ),
    (
        "patch",
        "/api/v1/organisations/{hidden_org}",
        _expect(404, 200, 404, 404, 200),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), API_CASES)
def test_api_by_role(client, request, role, method, path, expected, battery_startup, hidden_org):
    from yeongilman.accounts.services import api_token_issue

    headers = {}
    if role != "visitor":
        operator = request.getfixturevalue("operator")
        user = request.getfixturevalue(role)
        headers["HTTP_AUTHORIZATION"] = (
            "Bearer " + api_token_issue(actor=operator, user=user, name="t")[1]
        )
    url = path.format(battery_startup=battery_startup.pk, hidden_org=hidden_org.pk)
    if method == "get":
        response = client.get(url, **headers)
    else:
        response = client.patch(
            url, '{"tags": ["checked"]}', content_type="application/json", **headers
        )
    assert response.status_code == expected[role], response.content
    target = battery_startup if "battery" in path else hidden_org
    target.refresh_from_db()
    changed = target.tags == ["checked"]
    assert changed == (method == "patch" and expected[role] == 200)
