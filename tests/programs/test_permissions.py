"""Every role against every programme page and endpoint: applicants never see another's
application or any score; reviewers see only what they were assigned; operators manage."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from yeongilman.programs.models import Review
from yeongilman.programs.services import reviews as review_services

ROLES = ["visitor", "member", "other_member", "reviewer", "second_reviewer", "operator"]


def _expect(*statuses: int) -> dict[str, int]:
    return dict(zip(ROLES, statuses, strict=True))


@pytest.fixture
def assigned(operator, ces_call, submitted, reviewer, second_reviewer):
    """`reviewer` is assigned to the submitted application; `second_reviewer` is in no pool."""
    review_services.pool_set(actor=operator, call=ces_call, entries={reviewer.pk: []})
    review_services.reviewers_assign(actor=operator, call=ces_call)
    review = Review.objects.get(reviewer=reviewer)
    review.scores, review.comment = {"1": 9}, "secret comment"
    review.save()
    return review


def _client(role, client, request):
    if role != "visitor":
        login(client, request.getfixturevalue(role))
    return client


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _pages(review):
    app = review.application
    slug = app.call.slug
    file_pk = app.files.get().pk
    manage = _expect(302, 403, 403, 403, 403, 200)
    return [
        (_url("programs:list"), _expect(200, 200, 200, 200, 200, 200)),
        (_url("programs:call", slug), _expect(200, 200, 200, 200, 200, 200)),
        (_url("programs:mine"), _expect(302, 200, 200, 200, 200, 200)),
        (_url("programs:application", app.pk), _expect(302, 200, 404, 200, 404, 200)),
        (_url("programs:file", file_pk), _expect(302, 200, 404, 200, 404, 200)),
        (_url("programs:review", review.pk), _expect(302, 404, 404, 200, 404, 404)),
        (_url("programs:manage", slug), manage),
        (_url("programs:form_builder", slug), manage),
        (_url("programs:export", slug), manage),
        (_url("programs:audit", slug), manage),
        (_url("programs:call_edit", slug), manage),
        (_url("programs:call_new"), manage),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(role, client, request, assigned):
    client = _client(role, client, request)
    for url, expected in _pages(assigned):
        response = client.get(url)
        assert response.status_code == expected[role], (url, role)
        if response.status_code == 200 and role != "operator" and not response.streaming:
            body = response.content.decode()
            assert "secret comment" not in body or role == "reviewer", url


def _api(review):
    app = review.application
    slug = app.call.slug
    return [
        ("get", "/api/v1/calls", _expect(200, 200, 200, 200, 200, 200)),
        ("get", f"/api/v1/calls/{slug}", _expect(200, 200, 200, 200, 200, 200)),
        ("get", f"/api/v1/applications/{app.pk}", _expect(404, 200, 404, 200, 404, 200)),
        ("patch", f"/api/v1/applications/{app.pk}", _expect(404, 422, 404, 403, 404, 403)),
        ("post", f"/api/v1/applications/{app.pk}/withdraw", _expect(404, 200, 404, 403, 404, 403)),
        ("get", f"/api/v1/reviews/{review.pk}", _expect(404, 404, 404, 200, 404, 404)),
        ("patch", f"/api/v1/reviews/{review.pk}", _expect(404, 404, 404, 200, 404, 404)),
        ("get", f"/api/v1/calls/{slug}/ranking", _expect(401, 403, 403, 403, 403, 200)),
        ("get", "/api/v1/applications", _expect(401, 200, 200, 200, 200, 200)),
        ("get", "/api/v1/reviews", _expect(401, 200, 200, 200, 200, 200)),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_api_by_role(role, client, request, assigned):
    client = _client(role, client, request)
    for method, url, expected in _api(assigned):
        body: dict[str, object] = (
            {"answers": {"product": "x"}} if "applications/" in url else {"comment": "ok"}
        )
        response = getattr(client, method)(
            url, data=json.dumps(body), content_type="application/json"
        ) if method != "get" else client.get(url)  # fmt: skip
        assert response.status_code == expected[role], (method, url, role, response.content)
        if response.status_code == 200 and role in ("member", "other_member"):
            assert "secret comment" not in response.content.decode()
            assert '"scores"' not in response.content.decode()


def test_api_lists_only_what_the_role_may_see(client, request, assigned, other_member,
                                              second_reviewer):  # fmt: skip
    login(client, other_member)
    assert client.get("/api/v1/applications").json() == []
    client.logout()
    login(client, second_reviewer)
    assert client.get("/api/v1/reviews").json() == []
    client.logout()
    login(client, assigned.reviewer)
    [only] = client.get("/api/v1/reviews").json()
    assert only["id"] == assigned.pk
