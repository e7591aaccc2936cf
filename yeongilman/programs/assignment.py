"""Reviewer assignment as a transportation problem solved by HiGHS (plain Python, no Django).

Each application needs `per_application` reviewers; a reviewer never gets an application they
conflict with; loads stay within one of each other where conflicts allow; a reviewer whose
expertise covers an application's industries is preferred; pairs already assigned are kept.
The constraint matrix is an incidence matrix of a bipartite graph (plus slack columns), so the
simplex optimum is integral and the LP gives a true assignment."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np

# Costs per unit: a missing reviewer is worse than any overload, an overload worse than any
# preference; the preference itself is small; the spread term varies panels deterministically.
MISSING_COST = 10_000.0
OVERLOAD_COST = 100.0
OUTSIDE_EXPERTISE_COST = 1.0
SPREAD_COST = 0.001


@dataclass(frozen=True)
class AssignmentProblem:
    """Plain data in: ids, how many reviewers each, what each knows, who may not see what."""

    applications: Sequence[Hashable]
    reviewers: Sequence[Hashable]
    per_application: int
    conflicts: frozenset[tuple[Hashable, Hashable]] = frozenset()  # (application, reviewer)
    kept: frozenset[tuple[Hashable, Hashable]] = frozenset()  # existing pairs to keep
    application_industries: Mapping[Hashable, frozenset[str]] = field(default_factory=dict)
    reviewer_expertise: Mapping[Hashable, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Assignment:
    """Plain data out: the pairs (kept ones included), reviewers still missing per application,
    and each reviewer's load."""

    pairs: list[tuple[Hashable, Hashable]]
    missing: dict[Hashable, int]
    loads: dict[Hashable, int]
    # Of the applications in `missing`, those the pool was big enough for but conflicts of
    # interest left short (the others are short because the pool is too small).
    short_by_conflicts: frozenset[Hashable] = frozenset()


def assign_reviewers(problem: AssignmentProblem) -> Assignment:
    """Solve the assignment; applications with too few eligible reviewers are reported."""
    apps, revs = list(problem.applications), list(problem.reviewers)
    n_apps, n_revs, need = len(apps), len(revs), problem.per_application
    if not apps or not revs or need <= 0:
        return Assignment([], {a: max(need, 0) for a in apps}, dict.fromkeys(revs, 0))
    app_index = {a: i for i, a in enumerate(apps)}
    rev_index = {r: j for j, r in enumerate(revs)}
    allowed = np.ones((n_apps, n_revs), dtype=bool)
    for a, r in problem.conflicts:
        if a in app_index and r in rev_index:
            allowed[app_index[a], rev_index[r]] = False
    kept = np.zeros_like(allowed)
    for a, r in problem.kept:
        if a in app_index and r in rev_index and allowed[app_index[a], rev_index[r]]:
            kept[app_index[a], rev_index[r]] = True
    rows, cols = np.nonzero(allowed)
    cost = _pair_costs(problem, apps, revs, rows, cols)

    # Columns: one per allowed pair, then "missing" per application, then "over" per reviewer.
    n_pairs = len(rows)
    n_cols = n_pairs + n_apps + n_revs
    capacity = math.ceil(n_apps * need / n_revs)
    col_cost = np.concatenate([cost, np.full(n_apps, MISSING_COST), np.full(n_revs, OVERLOAD_COST)])
    col_lower = np.concatenate([kept[rows, cols].astype(float), np.zeros(n_apps + n_revs)])
    col_upper = np.concatenate([np.ones(n_pairs), np.full(n_apps, need), np.full(n_revs, np.inf)])
    row_of = np.concatenate([rows, n_apps + cols, np.arange(n_apps), n_apps + np.arange(n_revs)])
    col_of = np.concatenate(
        [np.arange(n_pairs), np.arange(n_pairs), n_pairs + np.arange(n_apps),
         n_pairs + n_apps + np.arange(n_revs)]
    )  # fmt: skip
    value = np.concatenate([np.ones(2 * n_pairs + n_apps), -np.ones(n_revs)])
    order = np.lexsort((row_of, col_of))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cols, n_apps + n_revs
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = col_cost, col_lower, col_upper
    # Each application: its pairs + missing = need; each reviewer: its pairs - over <= capacity.
    lp.row_lower_ = np.concatenate([np.full(n_apps, need), np.full(n_revs, -np.inf)])
    lp.row_upper_ = np.concatenate([np.full(n_apps, need), np.full(n_revs, capacity)])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.searchsorted(col_of[order], np.arange(n_cols + 1))
    lp.a_matrix_.index_ = row_of[order]
    lp.a_matrix_.value_ = value[order]
    solver = _silent_highs()
    solver.setOptionValue("solver", "simplex")  # a vertex optimum: integral here
    solver.passModel(lp)
    solver.run()
    x = np.asarray(solver.getSolution().col_value[:n_pairs]) > 0.5
    pairs = [(apps[i], revs[j]) for i, j in zip(rows[x], cols[x], strict=True)]
    per_app = np.bincount(rows[x], minlength=n_apps)
    loads = np.bincount(cols[x], minlength=n_revs)
    missing = {apps[i]: int(need - per_app[i]) for i in range(n_apps) if per_app[i] < need}
    eligible = allowed.sum(axis=1)
    by_conflicts = frozenset(a for a in missing if n_revs >= need and eligible[app_index[a]] < need)
    return Assignment(pairs, missing, {revs[j]: int(loads[j]) for j in range(n_revs)}, by_conflicts)


def _pair_costs(
    problem: AssignmentProblem,
    apps: list[Hashable],
    revs: list[Hashable],
    rows: np.ndarray,
    cols: np.ndarray,
) -> np.ndarray:
    cost = SPREAD_COST * ((rows * 7919 + cols * 104729) % 97) / 97
    if problem.reviewer_expertise and problem.application_industries:
        empty: frozenset[str] = frozenset()
        app_sets = [problem.application_industries.get(a, empty) for a in apps]
        rev_sets = [problem.reviewer_expertise.get(r, empty) for r in revs]
        outside = np.fromiter(
            (not (app_sets[i] & rev_sets[j]) for i, j in zip(rows, cols, strict=True)),
            dtype=bool,
            count=len(rows),
        )
        cost = cost + OUTSIDE_EXPERTISE_COST * outside
    return cost


def _silent_highs() -> highspy.Highs:
    """A HiGHS instance that writes no log (its start-up banner may reach a worker's log)."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h
