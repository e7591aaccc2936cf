"""Figures of the demo world's invented organisations, entered by their members through the
insights services: yearly head counts, revenue and exports, funding rounds (with the invented
investors that led them), entries into foreign markets and awards, over several years, most of
them published. Every figure here is invented, like the organisations it belongs to; the real
organisations get none (their facts stay the sourced ones of `insights.demo`)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation
from yeongilman.insights.services import (
    award_record,
    figure_record,
    funding_record,
    lead_save,
    overseas_record,
    rate_set,
)
from yeongilman.portal.demo.directory import Directory
from yeongilman.portal.demo.world import InventedOrganisation, World

SOURCE = "Invented for the demo (데모용으로 지어낸 수치)"
ROUNDS = {  # the rounds a start-up has had by its stage, with amounts in million KRW
    "idea": (), "pre_seed": (("seed", 100, 300),),
    "seed": (("seed", 150, 500),),
    "series_a": (("seed", 200, 500), ("series_a", 1_000, 4_000)),
    "series_b": (("seed", 200, 500), ("series_a", 1_500, 4_000), ("series_b", 5_000, 12_000)),
    "series_c": (("series_a", 2_000, 4_000), ("series_b", 6_000, 12_000),
                 ("later", 10_000, 25_000)),
    "growth": (("series_b", 6_000, 12_000), ("later", 12_000, 30_000)),
}  # fmt: skip
ENTRIES = (
    ("US", "export", 5),
    ("US", "pilot", 4),
    ("US", "branch", 2),
    ("US", "partnership", 3),
    ("JP", "export", 2),
    ("VN", "partnership", 1),
    ("DE", "pilot", 1),
    ("SG", "branch", 1),
)
AWARDS = (
    "경북 창업경진대회 대상 (데모) · Gyeongbuk start-up competition, grand prize (demo)",
    "포항 기술혁신상 (데모) · Pohang technology innovation award (demo)",
    "소재·부품 우수기술상 (데모) · Materials and parts technology award (demo)",
)


@dataclass
class InsightCounts:
    """How many figures of each kind the demo world recorded."""

    figures: int = 0
    rounds: int = 0
    entries: int = 0
    awards: int = 0
    leads: int = 0


def _investors_for(spec: InventedOrganisation, investors: list[Organisation],
                   rng: random.Random) -> list[Organisation]:  # fmt: skip
    return rng.sample(investors, min(len(investors), rng.randint(1, 2)))


LEADS = (  # (stage, probability, million USD, jobs, days to the next step: negative is overdue)
    ("contacted", 20, 12, 40, 10), ("site_visit", 35, 30, 120, -5),
    ("negotiation", 55, 60, 180, 20), ("mou", 70, 18, 60, -12),
)  # fmt: skip


def _leads(operator: User, world: World, directory: Directory) -> int:
    """Invented US makers weighing a plant in Pohang: the investment-attraction pipeline."""
    today = timezone.localdate()
    makers = [
        o
        for o in world.of("maker", country="US")
        if o.sector in ("ev-battery", "seating", "hydrogen-equipment")
    ]
    for spec, (stage, probability, millions, jobs, due) in zip(makers[::2], LEADS, strict=False):
        lead_save(actor=operator, values={
            "title": f"{spec.name_en}: a Pohang plant for {spec.product_en} (demo)",
            "company": directory.organisation(spec), "company_name": spec.name_en,
            "stage": stage, "probability": probability, "amount": millions * 1_000_000,
            "currency": "USD", "jobs": jobs, "owner": operator,
            "next_step": "Site visit to the Yeongilman industrial complex" if due < 0 else
            "Send the incentive package and land prices",
            "next_step_due": today + dt.timedelta(days=due),
            "notes": "Invented for the demo (데모용으로 지어낸 유치 건).",
        })  # fmt: skip
    return min(len(makers[::2]), len(LEADS))


def load_insights(operator: User, world: World, directory: Directory, seed: int) -> InsightCounts:
    """Record the start-ups' and suppliers' figures from their founding (at most five years
    back) to this year, their rounds, foreign entries and awards (nine in ten published), and
    invented investment leads."""
    rng = random.Random(seed + 4)
    # One round figure for the dollar, so amounts in USD and KRW convert (an approximation for
    # the demo, not a quoted rate: operators enter the real ones on the rates page).
    rate_set(actor=operator, date=dt.date(2019, 1, 1), currency="USD", krw=Decimal("1350"))
    counts = InsightCounts(leads=_leads(operator, world, directory))
    this_year = timezone.localdate().year
    investors = [directory.organisation(o) for o in world.of("investor", "cvc", "angels")]
    for spec in world.of("startup", "supplier", country="KR"):
        user, organisation = directory.account(spec), directory.organisation(spec)
        if spec.stage == "idea":
            continue
        first = max(spec.founded_year, this_year - 5)
        people, revenue = max(2, spec.employees // 3), rng.randint(0, 300) * 1_000_000
        growth = rng.uniform(1.1, 1.6)
        for year in range(first, this_year + 1):
            if year == this_year and rng.random() < 0.5:
                break  # this year's figures are not in yet for half of them
            exports = int(revenue * rng.uniform(0, 0.4)) if year > first else 0
            figure_record(
                actor=user, organisation=organisation, year=year,
                values={"employees": people, "revenue": revenue, "exports": exports,
                        "patents": rng.randint(0, 4), "currency": "KRW", "source": SOURCE,
                        "is_published": rng.random() < 0.9},
            )  # fmt: skip
            counts.figures += 1
            people = int(people * rng.uniform(1.05, 1.35)) + 1
            revenue = int(revenue * growth) + rng.randint(50, 400) * 1_000_000
        if spec.role != "startup":
            continue
        rounds = ROUNDS.get(spec.stage, ())
        for n, (kind, low, high) in enumerate(rounds):
            year = min(this_year, spec.founded_year + 1 + n * 2)
            date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if date > timezone.localdate():
                date = timezone.localdate() - dt.timedelta(days=rng.randint(10, 200))
            funding_record(
                actor=user, organisation=organisation,
                investors=_investors_for(spec, investors, rng),
                values={"date": date, "round": kind, "amount": rng.randint(low, high) * 1_000_000,
                        "currency": "KRW", "source": SOURCE, "is_published": rng.random() < 0.9},
            )  # fmt: skip
            counts.rounds += 1
        if spec.founded_year <= this_year - 3 and rng.random() < 0.45:
            country, kind, _weight = rng.choices(ENTRIES, [w for _c, _k, w in ENTRIES])[0]
            entered = dt.date(rng.randint(spec.founded_year + 2, this_year), rng.randint(1, 12), 15)
            overseas_record(actor=user, organisation=organisation, values={
                "date": min(entered, timezone.localdate()),
                "country": country, "kind": kind, "note": spec.product_en[:300], "source": SOURCE,
                "is_published": True})  # fmt: skip
            counts.entries += 1
        if rng.random() < 0.15:
            award_record(actor=user, organisation=organisation, values={
                "year": rng.randint(max(spec.founded_year, this_year - 4), this_year),
                "name": rng.choice(AWARDS), "source": SOURCE, "is_published": True})  # fmt: skip
            counts.awards += 1
    return counts
