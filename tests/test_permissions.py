"""Every role against every directory page and endpoint: allowed or refused, nothing else."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login

ROLES = ["visitor", "member", "other_member", "reviewer", "operator"]


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def _client_for(role, client, request):
    if role != "visitor":
        login(client, request.getfixturevalue(role))
    return client


# (route name, needs slug of, expected status per role)
PAGE_CASES = [
    ("directory:list", None, dict(visitor=200, member=200, other_member=200, reviewer=200, operator=200)),
    ("directory:detail", "battery_startup", dict(visitor=200, member=200, other_member=200, reviewer=200, operator=200)),
    ("directory:detail", "hidden_org", dict(visitor=404, member=200, other_member=404, reviewer=404, operator=200)),
    ("directory:edit", "battery_startup", dict(visitor=302, member=200, other_member=403, reviewer=403, operator=200)),
    ("directory:edit", "hidden_org", dict(visitor=302, member=200, other_member=404, reviewer=404, operator=200)),
    ("directory:person_new", "battery_startup", dict(visitor=302, member=200, other_member=403, reviewer=403, operator=200)),
    ("directory:invite", "battery_startup", dict(visitor=302, member=403, other_member=403, reviewer=403, operator=200)),
    ("directory:new", None, dict(visitor=302, member=200, other_member=200, reviewer=200, operator=200)),
    ("directory:import", None, dict(visitor=302, member=403, other_member=403, reviewer=403, operator=200)),
    ("accounts:tokens", None, dict(visitor=302, member=403, other_member=403, reviewer=403, operator=200)),
    ("accounts:profile", None, dict(visitor=302, member=200, other_member=200, reviewer=200, operator=200)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "slug_of", "expected"), PAGE_CASES)
def test_pages_by_role(client, request, role, name, slug_of, expected, battery_startup, hidden_org):
    kwargs = {"slug": request.getfixturevalue(slug_of).slug} if slug_of else {}
    response = _client_for(role, client, request).get(_url(name, **kwargs))
    assert response.status_code == expected[role]


API_CASES = [
    ("get", "/api/v1/organisations/{battery_startup}", dict(visitor=200, member=200, other_member=200, reviewer=200, operator=200)),
    ("get", "/api/v1/organisations/{hidden_org}", dict(visitor=404, member=200, other_member=404, reviewer=404, operator=200)),
    ("patch", "/api/v1/organisations/{battery_startup}", dict(visitor=403, member=200, other_member=403, reviewer=403, operator=200)),
    ("patch", "/api/v1/organisations/{hidden_org}", dict(visitor=404, member=200, other_member=404, reviewer=404, operator=200)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), API_CASES)
def test_api_by_role(client, request, role, method, path, expected, battery_startup, hidden_org):
    from yeongilman.accounts.services import api_token_issue

    headers = {}
    if role != "visitor":
        operator = request.getfixturevalue("operator")
        user = request.getfixturevalue(role)
        headers["HTTP_AUTHORIZATION"] = "Bearer " + api_token_issue(actor=operator, user=user, name="t")[1]
    url = path.format(battery_startup=battery_startup.pk, hidden_org=hidden_org.pk)
    if method == "get":
        response = client.get(url, **headers)
    else:
        response = client.patch(url, '{"tags": ["checked"]}', content_type="application/json", **headers)
    assert response.status_code == expected[role], response.content
    target = battery_startup if "battery" in path else hidden_org
    target.refresh_from_db()
    changed = target.tags == ["checked"]
    assert changed == (method == "patch" and expected[role] == 200)
