"""Scores to ranking to selection, on plain data (no Django): weighted totals on a 0-100
scale, z-scores per reviewer to cancel harsh or lenient reviewers, the spread between
reviewers, and top-N selection with optional caps per industry."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

# Reviewers of one application who differ by more than this many points (of 100) are flagged.
SPREAD_FLAG = 25.0


@dataclass(frozen=True)
class Rubric:
    """A criterion's id, weight and score range."""

    id: Hashable
    weight: float
    low: float
    high: float


@dataclass(frozen=True)
class ScoredReview:
    """One submitted review: who scored which application, with each criterion's score."""

    application: Hashable
    reviewer: Hashable
    scores: Mapping[Hashable, float]


@dataclass
class Ranked:
    """An application's place in the ranking."""

    application: Hashable
    raw: float  # mean weighted total, 0-100
    normalised: float  # mean of its reviewers' z-scores
    spread: float  # highest minus lowest reviewer total
    reviews: int
    flagged: bool


def weighted_total(rubric: Sequence[Rubric], scores: Mapping[Hashable, float]) -> float:
    """A review's total on 0-100: each score scaled to its range, weighted."""
    weight = sum(c.weight for c in rubric)
    if not weight:
        return 0.0
    total = sum(
        c.weight * (float(scores.get(c.id, c.low)) - c.low) / (c.high - c.low) for c in rubric
    )
    return 100.0 * total / weight


def rank(rubric: Sequence[Rubric], reviews: Sequence[ScoredReview]) -> list[Ranked]:
    """Applications best first by normalised score (raw breaks ties). A reviewer with fewer
    than two reviews, or who gave everyone the same total, contributes z = 0."""
    totals = [(r, weighted_total(rubric, r.scores)) for r in reviews]
    by_reviewer: dict[Hashable, list[float]] = defaultdict(list)
    for review, total in totals:
        by_reviewer[review.reviewer].append(total)
    moments = {}
    for reviewer, values in by_reviewer.items():
        mean = statistics.fmean(values)
        sd = statistics.pstdev(values) if len(values) > 1 else 0.0
        moments[reviewer] = (mean, sd)
    per_app: dict[Hashable, list[tuple[float, float]]] = defaultdict(list)
    for review, total in totals:
        mean, sd = moments[review.reviewer]
        per_app[review.application].append((total, (total - mean) / sd if sd > 0 else 0.0))
    ranked = []
    for app, pairs in per_app.items():
        raws = [p[0] for p in pairs]
        spread = max(raws) - min(raws)
        ranked.append(
            Ranked(
                application=app,
                raw=statistics.fmean(raws),
                normalised=statistics.fmean(p[1] for p in pairs),
                spread=spread,
                reviews=len(pairs),
                flagged=spread > SPREAD_FLAG,
            )
        )
    ranked.sort(key=lambda r: (-r.normalised, -r.raw, str(r.application)))
    return ranked


def select_top(
    order: Sequence[Hashable],
    places: int,
    industry_of: Mapping[Hashable, str] | None = None,
    quotas: Mapping[str, int] | None = None,
    forced_in: frozenset[Hashable] = frozenset(),
    forced_out: frozenset[Hashable] = frozenset(),
) -> list[Hashable]:
    """The selected applications: decisions by hand first (they take places and count
    towards quotas), then best-ranked first while places last, skipping an application
    whose industry has reached its cap."""
    industry_of, quotas = industry_of or {}, quotas or {}
    chosen = [a for a in order if a in forced_in]
    used = Counter(industry_of.get(a, "") for a in chosen)
    for app in order:
        if len(chosen) >= places:
            break
        if app in forced_in or app in forced_out:
            continue
        industry = industry_of.get(app, "")
        cap = quotas.get(industry)
        if cap is not None and used[industry] >= cap:
            continue
        chosen.append(app)
        used[industry] += 1
    return chosen
