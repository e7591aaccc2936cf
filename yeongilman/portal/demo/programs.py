"""Calls and agreements of the demo world, through programs' and grants' services:

- the open San Diego bio call gets applications from invented bio and medtech start-ups
  (drafts, submitted ones, reviewers assigned, most reviews in; the demo reviewer's still to do);
- last year's growth package, a closed call run to its published result, whose selected
  start-ups signed agreements (milestones, reports with their figures, evaluations, payments).

Dates are relative to today (as the other demo calls' are), so the open call stays open and
the agreements run on whenever the demo is loaded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yeongilman.accounts.models import ConsentPurpose, User
from yeongilman.accounts.services import user_roles_changed, user_sign_up
from yeongilman.grants.models import AgreementStatus
from yeongilman.grants.services.agreements import (
    agreement_draft,
    agreement_send,
    agreement_sign,
    document_require,
    document_upload,
)
from yeongilman.grants.services.milestones import (
    milestone_add,
    milestone_disburse,
    report_evaluate,
    report_submit,
)
from yeongilman.portal.demo.directory import Directory
from yeongilman.portal.demo.world import EMAIL_DOMAIN, InventedOrganisation, World
from yeongilman.programs.models import Application, Call, Program, Review
from yeongilman.programs.services.applications import (
    application_save_draft,
    application_start,
    application_submit,
)
from yeongilman.programs.services.calls import call_save, criterion_add, field_add
from yeongilman.programs.services.reviewers import reviewer_profile_save
from yeongilman.programs.services.reviews import pool_set, review_save, reviewers_assign
from yeongilman.programs.services.selection import results_publish, selection_apply
from yeongilman.programs.services.stages import first_stage

BIO_CALL = "san-diego-bio-exchange-2027"
GROWTH_CALL = "pohang-startup-growth-2025"
# Invented reviewers (Korean name, romanised, their industries).
REVIEWERS = (
    ("오민석", "Oh Min-seok", ("bio", "medtech")),
    ("한지수", "Han Ji-su", ("battery", "materials", "ai")),
    ("Laura Bennett", "Laura Bennett", ("bio", "medtech", "ai")),
)
BIO_CRITERIA = (
    ("과학적 근거", "Scientific evidence", 3),
    ("사업화 경로", "Path to market", 2),
    ("팀", "Team", 1),
)
GROWTH_CRITERIA = (("사업성", "Business model", 2), ("기술성", "Technology", 2))
# A minimal valid PDF standing in for signed copies and decks.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class ProgramCounts:
    """What the demo world added to the programmes and agreements."""

    applications: int = 0
    reviews_submitted: int = 0
    agreements: int = 0
    milestones: int = 0


def _reviewers(operator: User) -> list[User]:
    """The invented reviewers, given the reviewer role as an operator does in the admin."""
    made = []
    for name_ko, name_latin, expertise in REVIEWERS:
        local = name_latin.lower().replace(" ", ".").replace("-", "")
        user = user_sign_up(
            email=f"{local}@reviewers.{EMAIL_DOMAIN}", password=None,
            full_name=name_ko, name_latin="" if name_ko == name_latin else name_latin,
            language="en" if name_ko == name_latin else "ko",
            consents={ConsentPurpose.SERVICE},
        )  # fmt: skip
        before = {"is_reviewer": False}
        user.is_reviewer = True
        user.save(update_fields=["is_reviewer"])
        user_roles_changed(actor=operator, user=user, before=before)
        reviewer_profile_save(actor=user, expertise=list(expertise))
        made.append(user)
    return made


def _score_all(rng: random.Random, reviews: list[Review], merit: dict[int, float],
               skip: set[int]) -> int:  # fmt: skip
    """Each reviewer scores their applications (better ones higher); the reviewers in `skip`
    leave theirs for later."""
    done = 0
    for review in reviews:
        if review.reviewer_id in skip:
            continue
        base, stage = merit[review.application_id], review.stage
        assert stage is not None  # every review here belongs to a stage
        criteria = stage.call.criteria.filter(stage=stage)
        scores = {str(c.pk): max(0, min(10, round(base + rng.uniform(-1.5, 1.5))))
                  for c in criteria}  # fmt: skip
        review_save(actor=review.reviewer, review=review, scores=scores,
                    comment=rng.choice(COMMENTS), submit=True)  # fmt: skip
        done += 1
    return done


COMMENTS = (
    "",
    "데이터는 좋지만 미국 인허가 계획이 더 구체적이어야 합니다.",
    "Strong team; the market size needs a source.",
    "기술 차별성이 분명합니다.",
    "The budget is realistic; the timeline is tight.",
)


def _open_bio_call(operator: User, world: World, directory: Directory, reviewers: list[User],
                   demo_reviewer: User | None, rng: random.Random) -> ProgramCounts:  # fmt: skip
    """Invented bio and medtech start-ups apply to the open bio call: two keep drafts, the
    others submit; the stage's pool gets the reviewers, who are assigned and score."""
    counts = ProgramCounts()
    call = Call.objects.filter(slug=BIO_CALL).first()
    if call is None:
        return counts
    stage = first_stage(call)
    for ko, en, weight in BIO_CRITERIA:
        criterion_add(actor=operator, call=call, stage=stage, name_ko=ko, name_en=en,
                      weight=weight)  # fmt: skip
    bio = ("bio-therapeutics", "medtech")
    applicants = [o for o in world.of("startup", country="KR") if o.sector in bio]
    merit: dict[int, float] = {}
    for n, spec in enumerate(applicants[:13]):
        user, organisation = directory.account(spec), directory.organisation(spec)
        application = application_start(actor=user, call=call, organisation=organisation)
        counts.applications += 1
        if n % 6 == 5:
            continue  # a draft, not submitted yet
        application_submit(actor=user, application=application)
        merit[application.pk] = rng.uniform(4, 9.5)
    pool = {r.pk: ["bio", "medtech"] for r in reviewers}
    if demo_reviewer is not None:
        pool[demo_reviewer.pk] = ["battery", "bio"]
    pool_set(actor=operator, call=call, entries=pool, stage=stage)
    reviewers_assign(actor=operator, call=call, stage=stage)
    reviews = list(
        Review.objects.filter(application__call=call, stage=stage)
        .select_related("reviewer", "stage__call")
        .order_by("application_id", "reviewer_id")
    )
    # The demo reviewer's reviews wait for them; one invented reviewer is halfway through.
    skip = {demo_reviewer.pk} if demo_reviewer is not None else set()
    late = reviewers[-1].pk
    counts.reviews_submitted = _score_all(
        rng, [r for r in reviews if r.reviewer_id != late or r.application_id % 2], merit, skip
    )
    return counts


def _growth_call(operator: User, applicants: list[InventedOrganisation], directory: Directory,
                 reviewers: list[User], rng: random.Random) -> list[Application]:  # fmt: skip
    """Last year's growth package: a closed call, applied to while it was open, reviewed,
    selected and published. Returns the selected applications."""
    now = timezone.now()
    opens, closes = now - timedelta(days=560), now - timedelta(days=530)
    program = Program.objects.filter(slug="pohang-startup-growth").first()
    call = call_save(
        actor=operator, industries=[],
        values={"program": program, "slug": GROWTH_CALL, "is_published": True, "places": 5,
                "title_ko": "2025 포항 스타트업 성장 패키지 (데모)",
                "title_en": "Pohang start-up growth package 2025 (demo)",
                "description_ko": "포항 소재 창업 7년 이내 기업 5곳을 선정해 각 1억 원을 "
                "마일스톤에 따라 지원합니다. 지원 기업은 지어낸 데모 기업입니다.",
                "description_en": "Five Pohang companies under seven years old receive KRW 100 "
                "million each, paid milestone by milestone. The applicants are invented (demo).",
                "opens_at": opens, "closes_at": closes, "eligible_kinds": ["startup"],
                "eligible_cities": ["Pohang"], "reviewers_per_application": 2,
                "budget_krw": 500_000_000, "contact_name": "이담당 (포항테크노파크 창업지원팀)",
                "contact_email": "growth@demo.yeongilman.kr"},
    )  # fmt: skip
    stage = first_stage(call)
    field_add(actor=operator, call=call, key="summary", kind="long_text", label_ko="사업 개요",
              label_en="Business summary", required=True, max_chars=1000)  # fmt: skip
    for ko, en, weight in GROWTH_CRITERIA:
        criterion_add(actor=operator, call=call, stage=stage, name_ko=ko, name_en=en,
                      weight=weight)  # fmt: skip
    merit: dict[int, float] = {}
    for n, spec in enumerate(applicants):
        user, organisation = directory.account(spec), directory.organisation(spec)
        when = opens + timedelta(days=3 + n, hours=n)
        application = application_start(actor=user, call=call, organisation=organisation, now=when)
        application_save_draft(
            actor=user,
            application=application,
            now=when,
            answers={"summary": spec.description_ko or spec.description_en},
        )
        application_submit(actor=user, application=application, now=when + timedelta(hours=2))
        merit[application.pk] = rng.uniform(4, 9.5)
    pool_set(actor=operator, call=call, entries={r.pk: ["battery", "ai"] for r in reviewers},
             stage=stage)  # fmt: skip
    reviewers_assign(actor=operator, call=call, stage=stage)
    reviews = list(
        Review.objects.filter(application__call=call).select_related("reviewer", "stage__call")
        .order_by("application_id", "reviewer_id")
    )  # fmt: skip
    _score_all(rng, reviews, merit, set())
    selection_apply(actor=operator, call=call)
    results_publish(actor=operator, call=call)
    return list(call.applications.filter(outcome="selected").select_related("organisation")
                .order_by("receipt_number"))  # fmt: skip


MILESTONES = (
    (
        "시제품 고도화와 첫 유료 고객",
        "Improved prototype and a first paying customer",
        0.3,
        "midterm",
    ),
    ("미국 파일럿과 인증", "A US pilot and certification", 0.4, "none"),
    ("최종 성과 보고", "Final results", 0.3, "final"),
)
REPORTS = (
    "시제품을 개선해 국내 고객 두 곳과 유료 계약을 맺었습니다.\n"
    "The improved prototype won two paying Korean customers.",
    "양산 공정을 안정화하고 미국 고객의 샘플 평가를 통과했습니다.\n"
    "Production is stable and a US customer's sample evaluation was passed.",
)


def _agreements(operator: User, selected: list[Application], directory: Directory,
                rng: random.Random) -> tuple[int, int]:  # fmt: skip
    """Each selected start-up's agreement, at a different point: most signed with their first
    milestone reported, evaluated and paid, one report waiting, one out for signing."""
    today = timezone.localdate()
    made = milestones = 0
    members = {o.pk: u for o, u in ((directory.organisations[n], u)
                                     for n, u in directory.accounts.items())}  # fmt: skip
    for n, application in enumerate(selected):
        company = members[application.organisation_id]
        amount = 100_000_000
        agreement = agreement_draft(
            actor=operator, application=application,
            values={"amount_krw": amount, "starts_on": today - timedelta(days=420),
                    "ends_on": today + timedelta(days=200), "sign_by": today - timedelta(days=400),
                    "conditions_ko": "사업비는 마일스톤 보고와 평가 후 지급합니다.",
                    "conditions_en": "Funds are paid after each milestone's report and "
                    "evaluation."},
        )  # fmt: skip
        made += 1
        for position, (ko, en, share, evaluation) in enumerate(MILESTONES):
            milestone_add(actor=operator, agreement=agreement, values={
                "title_ko": ko, "title_en": en, "amount_krw": int(amount * share),
                "due_on": today - timedelta(days=120) + timedelta(days=160 * position),
                "evaluation": evaluation})  # fmt: skip
            milestones += 1
        document = document_require(actor=operator, agreement=agreement, name_ko="협약서",
                                     name_en="Signed agreement")  # fmt: skip
        agreement_send(actor=operator, agreement=agreement)
        if n == len(selected) - 1:
            continue  # out for signing
        document_upload(actor=company, document=document,
                        upload=SimpleUploadedFile("signed-agreement.pdf", PDF,
                                                  content_type="application/pdf"))  # fmt: skip
        agreement_sign(actor=operator, agreement=agreement)
        first = agreement.milestones.order_by("position").first()
        assert first is not None and agreement.status == AgreementStatus.SIGNED
        report = report_submit(
            actor=company, milestone=first,
            values={"text": REPORTS[n % len(REPORTS)],
                    "revenue_krw": rng.randint(8, 90) * 10_000_000,
                    "employees": rng.randint(6, 40), "jobs_created": rng.randint(1, 6)},
        )  # fmt: skip
        if n == len(selected) - 2:
            continue  # the report waits for the mid-term evaluation
        report_evaluate(actor=operator, report=report, verdict="pass")
        milestone_disburse(actor=operator, milestone=first, amount_krw=first.amount_krw)
    return made, milestones


def load_programs(operator: User, world: World, directory: Directory, seed: int) -> ProgramCounts:
    """Fill the open bio call and run last year's growth package to its agreements."""
    rng = random.Random(seed + 3)
    reviewers = _reviewers(operator)
    demo_reviewer = User.objects.filter(email="reviewer@demo.yeongilman.kr").first()
    counts = _open_bio_call(operator, world, directory, reviewers, demo_reviewer, rng)
    pohang = [
        o
        for o in world.of("startup", country="KR")
        if o.city == "Pohang"
        and o.sector not in ("bio-therapeutics", "medtech")
        and o.founded_year <= 2024
    ]
    growth = _growth_call(operator, pohang[1::4][:12], directory, reviewers[:2], rng)
    counts.applications += 12
    counts.agreements, counts.milestones = _agreements(operator, growth, directory, rng)
    return counts
