"""List pages read in a fixed number of queries, however many applications or reviews there
are (no query per row)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import login
from tests.factories import make_organisation, make_user
from yeongilman.programs.models import Application, Review


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(operator, call, n: int, start: int) -> None:
    reviewer = make_user(f"r{start}@example.org", is_reviewer=True)
    tech, market = call.criteria.all()
    for i in range(start, start + n):
        org = make_organisation(operator, name_en=f"Startup {i}", city="Pohang",
                                industries=("battery", "bio"))  # fmt: skip
        app = Application.objects.create(call=call, organisation=org, status="submitted",
                                         submitted_at=timezone.now())  # fmt: skip
        Review.objects.create(application=app, reviewer=reviewer, submitted_at=timezone.now(),
                              scores={str(tech.pk): 5, str(market.pk): 3})  # fmt: skip


def test_manage_page_queries_do_not_grow_with_applications(client, operator, ces_call):
    login(client, operator)
    url = f"/en/programs/{ces_call.slug}/manage/"
    _grow(operator, ces_call, 3, 0)
    few = _queries(client, url)
    _grow(operator, ces_call, 12, 100)
    assert _queries(client, url) == few


def test_reviewer_list_queries_do_not_grow_with_assignments(client, operator, ces_call):
    _grow(operator, ces_call, 2, 0)
    reviewer = Review.objects.earliest("pk").reviewer
    login(client, reviewer)
    few = _queries(client, "/en/programs/mine/")
    _grow(operator, ces_call, 6, 100)
    Review.objects.filter(reviewer__email="r100@example.org").update(reviewer=reviewer)
    assert _queries(client, "/en/programs/mine/") == few
