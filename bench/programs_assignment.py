"""Reviewer assignment: 2,000 submitted applications, 60 reviewers, 3 reviewers each.

    python bench/programs_assignment.py [--applications 2000] [--reviewers 60] [--per 3]

Prints the solver's time alone (plain data in and out) and the whole service on the bench
database (reading applications, pool and conflicts, solving, writing the assignments), with
the load spread, conflicts honoured and expertise matches. Target: under 5 s.
"""

from __future__ import annotations

import argparse
import random
import time

from _setup import bench_organisations, django_on_bench_database

INDUSTRIES = ["bio", "battery", "hydrogen", "ai", "esg", "metaverse", "steel"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--reviewers", type=int, default=60)
    parser.add_argument("--per", type=int, default=3)
    args = parser.parse_args()
    vendor = django_on_bench_database(f"programs-{args.applications}.sqlite3")

    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from yeongilman.accounts.models import Membership, MembershipRole, User
    from yeongilman.programs.assignment import AssignmentProblem, assign_reviewers
    from yeongilman.programs.models import (
        Application,
        ApplicationStatus,
        Call,
        CallReviewer,
        Conflict,
        Program,
        Review,
    )
    from yeongilman.programs.services.reviews import conflict_pairs, reviewers_assign

    rng = random.Random(2027)
    # 1. The solver alone, on plain data with 2 % conflicts.
    apps, revs = list(range(args.applications)), list(range(args.reviewers))
    problem = AssignmentProblem(
        applications=apps,
        reviewers=revs,
        per_application=args.per,
        conflicts=frozenset((a, r) for a in apps for r in revs if rng.random() < 0.02),
        application_industries={a: frozenset([rng.choice(INDUSTRIES)]) for a in apps},
        reviewer_expertise={r: frozenset(rng.sample(INDUSTRIES, 2)) for r in revs},
    )
    started = time.perf_counter()
    result = assign_reviewers(problem)
    solver_s = time.perf_counter() - started
    loads = list(result.loads.values())
    fit = sum(
        bool(problem.application_industries[a] & problem.reviewer_expertise[r])
        for a, r in result.pairs
    )
    print(
        f"solver: {len(apps)} applications x {len(revs)} reviewers x {args.per}: "
        f"{solver_s:.2f} s; loads {min(loads)}-{max(loads)}; short {len(result.missing)}; "
        f"conflicts violated {sum(p in problem.conflicts for p in result.pairs)}; "
        f"in expertise {fit / max(1, len(result.pairs)):.0%}"
    )

    # 2. The service on the bench database.
    organisations = bench_organisations(args.applications)
    now = timezone.now()
    with transaction.atomic():
        Program.objects.filter(slug="bench").delete()
        program = Program.objects.create(slug="bench", title_en="Bench programme")
        call = Call.objects.create(
            program=program, slug="bench-call", title_en="Bench call", is_published=True,
            opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1),
            reviewers_per_application=args.per,
        )  # fmt: skip
        Application.objects.bulk_create(
            [
                Application(
                    call=call,
                    organisation=o,
                    status=ApplicationStatus.SUBMITTED,
                    submitted_at=now - timedelta(days=2),
                )  # fmt: skip
                for o in organisations
            ]
        )
        reviewers = [
            User.objects.get_or_create(
                email=f"bench-reviewer-{i}@example.org", defaults={"is_reviewer": True}
            )[0]  # fmt: skip
            for i in range(args.reviewers)
        ]
        CallReviewer.objects.bulk_create(
            [
                CallReviewer(call=call, user=u, expertise=rng.sample(INDUSTRIES, 2))
                for u in reviewers
            ]  # fmt: skip
        )
        Membership.objects.filter(user__in=reviewers).delete()
        Conflict.objects.filter(reviewer__in=reviewers).delete()
        for u in reviewers:  # each reviewer belongs to one applicant and declared two more
            picks = rng.sample(organisations, 3)
            Membership.objects.create(user=u, organisation=picks[0], role=MembershipRole.EDITOR)
            Conflict.objects.bulk_create([Conflict(reviewer=u, organisation=o) for o in picks[1:]])
    operator, _new = User.objects.get_or_create(email="bench-operator@example.org",
                                                defaults={"is_operator": True})  # fmt: skip
    started = time.perf_counter()
    outcome = reviewers_assign(actor=operator, call=call)
    service_s = time.perf_counter() - started
    conflicts = conflict_pairs(call)
    pairs = set(
        Review.objects.filter(application__call=call).values_list("application_id", "reviewer_id")
    )
    loads = list(outcome.loads.values())
    print(
        f"service ({vendor}): {len(pairs)} assignments written in {service_s:.2f} s "
        f"(target < 5 s); loads {min(loads)}-{max(loads)}; short {len(outcome.missing)}; "
        f"conflicts excluded {len(conflicts)}, violated {len(pairs & conflicts)}"
    )
    Program.objects.filter(slug="bench").delete()


if __name__ == "__main__":
    main()
