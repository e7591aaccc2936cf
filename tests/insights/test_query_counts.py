"""The dashboard reads in a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import login
from tests.factories import make_organisation
from yeongilman.insights import services


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_data(client, operator, ecosystem):
    login(client, operator)
    before = _queries(client, "/en/insights/all/")
    for i in range(8):
        org = make_organisation(operator, name_en=f"More {i}", city="Pohang",
                                industries=("hydrogen",), founded_year=2015 + i)  # fmt: skip
        services.figure_record(actor=operator, organisation=org, year=2025,
                               values={"employees": 3, "revenue": Decimal(10**9)})  # fmt: skip
        services.funding_record(actor=operator, organisation=org, values={
            "date": dt.date(2025, 1, 1), "round": "seed", "amount": Decimal(10**8)})  # fmt: skip
    assert _queries(client, "/en/insights/all/") == before
