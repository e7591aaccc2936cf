"""Demo programmes: calls written for demonstration (not real announcements), so the
programme pages have something to show on first start: an open CES pavilion call the demo
start-up may apply to, a bio call that explains why it may not, and a closed two-stage call
run to the end (document review, a presentation before a panel, an appeal, the selection)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from yeongilman.accounts.models import User
from yeongilman.directory.models import Industry, Organisation
from yeongilman.events.models import Event
from yeongilman.programs.models import (
    Appeal,
    AppealStatus,
    Application,
    ApplicationStatus,
    Call,
    CallReviewer,
    Criterion,
    FormField,
    Outcome,
    Panel,
    PresentationSlot,
    Program,
    Review,
    Stage,
    StageDecision,
)

CES_FIELDS: list[tuple[str, str, str, str, bool, dict[str, Any]]] = [
    ("product", "short_text", "출품할 제품이나 기술", "Product or technology to exhibit", True, {}),
    ("pitch", "long_text", "제품 소개 (500자 이내)", "Product summary (up to 500 characters)",
     True, {"max_chars": 500}),
    ("export_market", "choice", "주요 목표 시장", "Main target market", True,
     {"choices": [{"value": "us", "ko": "미국", "en": "United States"},
                  {"value": "eu", "ko": "유럽", "en": "Europe"},
                  {"value": "asia", "ko": "아시아", "en": "Asia"}]}),
    ("first_ces", "yes_no", "CES 첫 참가인가요?", "Is this your first CES?", False, {}),
    ("deck", "file", "회사 소개서 (PDF)", "Company deck (PDF)", True,
     {"allowed_types": ["pdf"], "max_size_mb": 10}),
]  # fmt: skip

CES_CRITERIA = [
    ("기술 혁신성", "Innovation", 3, "새로움과 기술적 우위", "Novelty and technical edge"),
    ("시장성", "Market potential", 2, "미국 시장 수요와 고객", "US demand and customers"),
    ("전시 준비도", "Readiness to exhibit", 1, "시제품과 전시 계획", "Prototype and booth plan"),
]


# As agencies often run it: document review, an interview with a panel, then the final.
BIO_STAGES: list[tuple[str, str, dict[str, Any]]] = [
    ("서류평가", "Document review", {"cutoff": "top", "cutoff_top": 12, "blind_review": True}),
    ("발표평가", "Presentation review", {"cutoff": "top", "cutoff_top": 8,
                                         "reviewers_per_application": 2}),
    ("최종 선정", "Final selection", {"cutoff": "none"}),
]  # fmt: skip


@transaction.atomic
def load_demo_programs(reviewer: User | None = None) -> int:
    """Create the demo programmes once (matched by slug); returns how many calls were made."""
    made = load_demo_staged_call(reviewer)
    if Program.objects.filter(slug="ces-pohang-pavilion").exists():
        return made
    now = timezone.now()
    agency = Organisation.objects.filter(name_en="Pohang Technopark").first()
    ces = Program.objects.create(
        slug="ces-pohang-pavilion", agency=agency, title_ko="CES 포항관 참가 지원",
        title_en="CES Pohang pavilion participation",
        description_ko="포항시가 CES에 여는 도시관에 지역 기업이 참가하도록 부스와 "
        "항공·숙박을 지원합니다.",
        description_en="The city supports local companies exhibiting in its CES pavilion: booth, "
        "flights and accommodation.",
    )  # fmt: skip
    call = Call.objects.create(
        program=ces, slug="ces-2027-pohang-pavilion", is_published=True, places=30,
        title_ko="CES 2027 포항관 참가기업 모집 (데모)",
        title_en="CES 2027 Pohang pavilion: call for exhibitors (demo)",
        description_ko="포항 소재 스타트업을 대상으로 CES 2027 포항관 참가기업 약 "
        "30곳을 모집합니다. 선정 기업은 포항관 B2B 상담회에 참가합니다.",
        description_en="About 30 Pohang start-ups will exhibit in the "
        "Pohang pavilion at CES 2027 and join its B2B meeting day.",
        opens_at=now - timedelta(days=10), closes_at=now + timedelta(days=21),
        eligible_kinds=["startup"], eligible_cities=["Pohang"],
        reviewers_per_application=3, budget_krw=600_000_000,
        event=Event.objects.filter(slug="ces-2027-pohang-pavilion-b2b-day-demo").first(),
        contact_name="김담당 (포항시 투자유치과)", contact_email="ces@demo.yeongilman.kr",
        contact_phone="054-270-0000",
    )  # fmt: skip
    first = Stage.objects.create(call=call, position=1, name_ko="심사", name_en="Review")
    for position, (key, kind, ko, en, required, extra) in enumerate(CES_FIELDS, start=1):
        FormField.objects.create(call=call, key=key, kind=kind, label_ko=ko, label_en=en,
                                 required=required, position=position, **extra)  # fmt: skip
    for position, (ko, en, weight, gko, gen) in enumerate(CES_CRITERIA, start=1):
        Criterion.objects.create(call=call, stage=first, position=position, name_ko=ko, name_en=en,
                                 weight=weight, guidance_ko=gko, guidance_en=gen)  # fmt: skip
    bio = Program.objects.create(
        slug="san-diego-bio-exchange", agency=agency, title_ko="샌디에이고 바이오 교류",
        title_en="San Diego bio exchange",
    )  # fmt: skip
    bio_call = Call.objects.create(
        program=bio, slug="san-diego-bio-exchange-2027", is_published=True, places=5,
        title_ko="샌디에이고 바이오 클러스터 연수 (데모)",
        title_en="San Diego bio cluster residency (demo)",
        description_ko="바이오 스타트업 5곳이 샌디에이고의 대학·연구소·협회와 함께 3개월간 "
        "현지 연수를 합니다.",
        description_en="Five bio start-ups spend three months with San Diego universities, "
        "institutes and associations.",
        opens_at=now - timedelta(days=3), closes_at=now + timedelta(days=30),
        eligible_kinds=["startup"],
    )  # fmt: skip
    bio_call.eligible_industries.set(Industry.objects.filter(code__in=["bio", "medtech"]))
    for position, (ko, en, extra) in enumerate(BIO_STAGES, start=1):
        Stage.objects.create(call=bio_call, position=position, name_ko=ko, name_en=en, **extra)
    if reviewer is not None:
        CallReviewer.objects.create(call=call, stage=first, user=reviewer,
                                    expertise=["battery", "bio"])  # fmt: skip
        CallReviewer.objects.create(call=bio_call, stage=bio_call.stages.get(position=1),
                                    user=reviewer, expertise=["battery", "bio"])  # fmt: skip
    return made + 2


STAGED_PROGRAM = "pohang-startup-growth"
STAGED_CALL = "pohang-startup-growth-2026"
# Pohang start-ups of the bundled directory, best first on paper: the first four pass the
# document review, the first two are selected after their presentations.
STAGED_APPLICANTS = [
    ("Plask", "AI motion capture from a single camera for games and fitness apps."),
    ("Krim", "Generative-AI tools for webtoon studios."),
    ("Impactive AI", "Demand forecasting for mid-sized manufacturers."),
    ("Midbar", "Low-energy hydroponic farms in shipping containers."),
    ("Flow Studio", "Coding lessons for primary schools, in Korean and English."),
    ("OneSoftDigm", "A smart pill box with reminders for carers."),
    ("Nature Gluetech", "Mussel-inspired medical adhesives."),
    ("ANPOLY", "Biodegradable packaging from cellulose nanofibres."),
]
STAGED_CRITERIA = {
    1: [("사업성", "Business model", 2), ("기술성", "Technology", 2)],
    2: [("발표 내용", "The pitch", 1), ("실행 능력", "Ability to deliver", 2)],
}


def load_demo_staged_call(reviewer: User | None) -> int:
    """A closed call run in two stages to its published result, once (matched by slug): eight
    applications with receipt numbers, the document review advanced (four pass), one appeal
    against it rejected with a reason, a panel with four presentation slots, and two selected.
    The demo reviewer reviews and sits on the panel. Returns 1 when it was made, else 0."""
    if Program.objects.filter(slug=STAGED_PROGRAM).exists():
        return 0
    organisations = {o.name_en: o for o in Organisation.objects.filter(
        name_en__in=[name for name, _pitch in STAGED_APPLICANTS])}  # fmt: skip
    applicants = [(organisations[n], p) for n, p in STAGED_APPLICANTS if n in organisations]
    if len(applicants) < len(STAGED_APPLICANTS):
        return 0  # the directory was not loaded: nothing to run the call with
    operator = User.objects.filter(is_operator=True).order_by("pk").first()
    now = timezone.now()
    seoul = zoneinfo.ZoneInfo("Asia/Seoul")
    agency = Organisation.objects.filter(name_en="Pohang Technopark").first()
    program = Program.objects.create(
        slug=STAGED_PROGRAM, agency=agency,
        title_ko="포항 스타트업 성장 패키지", title_en="Pohang start-up growth package",
        description_ko="서류평가와 발표평가를 거쳐 선정한 기업과 협약을 맺고 단계별로 "
        "사업비를 지원합니다.",
        description_en="Companies chosen by a document review and a presentation review sign "
        "an agreement and are funded milestone by milestone.",
    )  # fmt: skip
    call = Call.objects.create(
        program=program, slug=STAGED_CALL, is_published=True, places=2,
        title_ko="2026 포항 스타트업 성장 패키지 (데모)",
        title_en="Pohang start-up growth package 2026 (demo)",
        description_ko="포항 소재 창업 7년 이내 기업 2곳을 선정해 각 5천만 원을 지원합니다. "
        "서류평가 상위 4개 기업이 발표평가에 진출합니다.",
        description_en="Two Pohang companies under seven years old receive KRW 50 million each. "
        "The best four of the document review present to a panel.",
        opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=75),
        eligible_kinds=["startup"], eligible_cities=["Pohang"], reviewers_per_application=1,
        budget_krw=100_000_000, results_published_at=now - timedelta(days=40),
        contact_name="이담당 (포항테크노파크 창업지원팀)",
        contact_email="growth@demo.yeongilman.kr", contact_phone="054-270-0001",
    )  # fmt: skip
    FormField.objects.create(call=call, key="summary", kind="long_text", position=1,
                             label_ko="사업 개요", label_en="Business summary", required=True,
                             max_chars=1000)  # fmt: skip
    documents = Stage.objects.create(
        call=call, position=1, name_ko="서류평가", name_en="Document review", cutoff="top",
        cutoff_top=4, blind_review=True, reviewers_per_application=1,
        starts_at=now - timedelta(days=75), ends_at=now - timedelta(days=62),
        advanced_at=now - timedelta(days=60), appeals_close_at=now - timedelta(days=53),
    )  # fmt: skip
    presentation = Stage.objects.create(
        call=call, position=2, name_ko="발표평가", name_en="Presentation review",
        cutoff="none", reviewers_per_application=1, starts_at=now - timedelta(days=52),
        ends_at=now - timedelta(days=48),
    )  # fmt: skip
    criteria: dict[int, list[Criterion]] = {}
    for stage in (documents, presentation):
        criteria[stage.position] = [
            Criterion.objects.create(
                call=call, stage=stage, position=i, name_ko=ko, name_en=en, weight=weight
            )  # fmt: skip
            for i, (ko, en, weight) in enumerate(STAGED_CRITERIA[stage.position], start=1)
        ]
    applications = []
    for i, (organisation, pitch) in enumerate(applicants, start=1):
        passed = i <= 4
        applications.append(Application.objects.create(
            call=call, organisation=organisation, status=ApplicationStatus.SUBMITTED,
            answers={"summary": pitch}, submitted_at=now - timedelta(days=80, hours=i),
            receipt_number=f"{call.pk:04d}-{i:05d}", stage=presentation if passed else documents,
            outcome=Outcome.SELECTED if i <= 2 else Outcome.NOT_SELECTED,
        ))  # fmt: skip
        StageDecision.objects.create(stage=documents, application=applications[-1],
                                     advances=passed)  # fmt: skip
    Call.objects.filter(pk=call.pk).update(receipts_issued=len(applications))
    appellant = applications[4]
    appeal = Appeal.objects.create(
        stage=documents, application=appellant, status=AppealStatus.REJECTED,
        text="평가위원 한 분이 교육 시장 규모를 낮게 본 것 같습니다. 학교 30곳과 맺은 MOU를 "
        "첨부 자료로 다시 검토해 주시기 바랍니다.",
        decision_reason="MOU를 포함해 다시 검토했으나 순위가 바뀌지 않았습니다 (5위). "
        "The MOUs were reviewed again; the rank stays fifth.",
        decided_by=operator, decided_at=now - timedelta(days=55),
    )  # fmt: skip
    # Filed within the window, before the decision (created_at is set on saving).
    Appeal.objects.filter(pk=appeal.pk).update(created_at=now - timedelta(days=57))
    if reviewer is None:
        return 1
    for stage in (documents, presentation):
        CallReviewer.objects.create(call=call, stage=stage, user=reviewer, expertise=["ai"])
    for i, application in enumerate(applications):
        base = 9 - i * 0.7  # the order above is the order of merit
        Review.objects.create(
            application=application, stage=documents, reviewer=reviewer,
            scores={str(c.pk): max(0, min(10, round(base))) for c in criteria[1]},
            submitted_at=now - timedelta(days=63),
        )  # fmt: skip
    panel = Panel.objects.create(stage=presentation, name="Panel A")
    panel.members.add(reviewer)
    day = (now - timedelta(days=50)).astimezone(seoul).date()
    start = datetime.combine(day, time(10, 0), tzinfo=seoul)
    for i, application in enumerate(applications[:4]):
        begins = start + timedelta(minutes=25 * i)  # 20 minutes, a 5-minute buffer
        PresentationSlot.objects.create(
            panel=panel, stage=presentation, application=application, starts_at=begins,
            ends_at=begins + timedelta(minutes=20), room="포항테크노파크 본관 301호",
        )  # fmt: skip
        Review.objects.create(
            application=application, stage=presentation, reviewer=reviewer,
            scores={str(c.pk): 9 - i for c in criteria[2]},
            comment="" if i else "시장 검증이 분명하고 팀의 실행력이 좋습니다.",
            submitted_at=begins + timedelta(minutes=30),
        )  # fmt: skip
    return 1
