"""The agreement pages read a fixed number of queries however many milestones, documents and
reports an agreement has."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.grants.conftest import a_date
from yeongilman.grants import services


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _urls(agreement):
    with translation.override("en"):
        return [
            reverse("grants:call", args=[agreement.call.slug]),
            reverse("grants:agreement", args=[agreement.pk]),
            reverse("grants:mine"),
        ]


def test_more_milestones_and_reports_cost_no_more_queries(client, operator, member, milestone):
    agreement = milestone.agreement
    services.report_submit(actor=member, milestone=milestone, values={"text": "One."})
    login(client, operator)
    before = [_queries(client, url) for url in _urls(agreement)]
    for days in (90, 120):
        more = services.milestone_add(
            actor=operator,
            agreement=agreement,
            values={"title_en": f"Step {days}", "amount_krw": 1, "due_on": a_date(days)},
        )
        services.report_submit(actor=member, milestone=more, values={"text": "More."})
    assert [_queries(client, url) for url in _urls(agreement)] == before
