"""Headline figures for the front page: the latest year of each published record, with the
year it covers and the latest date recorded. Published rows of published organisations only
(the public summary's rule); a few aggregate queries, each on one year's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, Sum

from yeongilman.insights.models import Award, Figure, FundingRound, OverseasEntry


@dataclass(frozen=True)
class Headline:
    """One figure: `key` names what it counts (the page words it), for which year."""

    key: str  # "funding" (value in KRW), "jobs", "overseas", "awards"
    value: float
    year: int
    count: int = 0  # rounds, reporting organisations, countries: the figure's second number
    as_of: dt.date | None = None  # the latest date recorded among the year's rows


PUBLIC = Q(is_published=True, organisation__is_published=True)


def _latest_year(model: type[Any], year_field: str, extra: Q) -> int | None:
    # The latest year first, so the sums below read one year's rows, not every row.
    latest = model.objects.filter(extra, is_published=True).aggregate(y=Max(year_field))["y"]
    return latest.year if isinstance(latest, dt.date) else latest


def headline_figures() -> list[Headline]:
    """Funding raised, jobs reported, overseas entries and awards in each one's latest year."""
    out: list[Headline] = []
    year = _latest_year(FundingRound, "date", Q())
    if year is not None:
        funding = FundingRound.objects.filter(PUBLIC, date__year=year).aggregate(
            krw=Sum("amount_krw"), n=Count("id"), last=Max("date")
        )
        if funding["n"]:
            out.append(Headline("funding", float(funding["krw"] or Decimal(0)), year,
                                funding["n"], funding["last"]))  # fmt: skip
    year = _latest_year(Figure, "year", Q(quarter=0))
    if year is not None:
        # Within the covering index figure_totals (a source date would read 100,000 rows).
        jobs = Figure.objects.filter(PUBLIC, quarter=0, year=year).aggregate(
            jobs=Sum("employees"), n=Count("id")
        )
        if jobs["jobs"]:
            out.append(Headline("jobs", float(jobs["jobs"]), year, jobs["n"]))
    year = _latest_year(OverseasEntry, "date", Q())
    if year is not None:
        entries = OverseasEntry.objects.filter(PUBLIC, date__year=year).aggregate(
            n=Count("id"), countries=Count("country", distinct=True), last=Max("date")
        )
        if entries["n"]:
            out.append(Headline("overseas", float(entries["n"]), year, entries["countries"],
                                entries["last"]))  # fmt: skip
    year = _latest_year(Award, "year", Q())
    if year is not None:
        awards = Award.objects.filter(PUBLIC, year=year).aggregate(n=Count("id"))
        if awards["n"]:
            out.append(Headline("awards", float(awards["n"]), year))
    return out
