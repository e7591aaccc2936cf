"""Insights fixtures: a few organisations with figures, funding and overseas entries, some
published and some not, so public and operators' views differ."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import make_organisation
from yeongilman.insights import services
from yeongilman.insights.models import OverseasEntry


@pytest.fixture
def usd_rate(operator):
    return services.rate_set(actor=operator, date=dt.date(2020, 1, 1), currency="USD",
                             krw=Decimal("1300"))  # fmt: skip


@pytest.fixture
def ecosystem(operator, battery_startup, pittsburgh_lab, usd_rate):
    """Two Pohang start-ups (battery; bio) and the Pittsburgh lab, with figures for 2024-25."""
    bio = make_organisation(operator, name_en="Pohang Bio", kind="startup", city="Pohang",
                            industries=("bio",), founded_year=2022)  # fmt: skip
    battery_startup.founded_year = 2021
    battery_startup.save(update_fields=["founded_year"])
    record = services.figure_record
    for org, year, revenue, employees, published in [
        (battery_startup, 2024, 1_000_000_000, 10, True),
        (battery_startup, 2025, 3_000_000_000, 25, True),
        (bio, 2024, 500_000_000, 5, True),
        (bio, 2025, 400_000_000, 7, False),  # not published
        (pittsburgh_lab, 2025, 2_000_000, 40, True),  # in USD
    ]:
        currency = "USD" if org == pittsburgh_lab else "KRW"
        record(actor=operator, organisation=org, year=year, values={
            "revenue": Decimal(revenue), "employees": employees, "currency": currency,
            "is_published": published, "source": "test data",
        })  # fmt: skip
    services.funding_record(actor=operator, organisation=battery_startup, values={
        "date": dt.date(2025, 3, 1), "round": "seed", "amount": Decimal("2000000000"),
        "is_published": True})  # fmt: skip
    services.funding_record(actor=operator, organisation=bio, values={
        "date": dt.date(2025, 6, 1), "round": "pre_a", "amount": Decimal("1000000"),
        "currency": "USD", "is_published": True})  # fmt: skip
    services.funding_record(actor=operator, organisation=bio, values={
        "date": dt.date(2024, 6, 1), "round": "seed", "amount": Decimal("700000000"),
        "is_published": False})  # fmt: skip
    for org, country, published in [(battery_startup, "US", True), (bio, "US", True),
                                     (bio, "JP", False)]:  # fmt: skip
        OverseasEntry.objects.create(organisation=org, date=dt.date(2025, 5, 1), country=country,
                                     kind="export", is_published=published)  # fmt: skip
    return {"battery": battery_startup, "bio": bio, "lab": pittsburgh_lab}
