"""Demo programmes: two calls written for demonstration (not real announcements), so the
programme pages have something to show on first start: an open CES pavilion call the demo
start-up may apply to, and a bio call that explains why it may not."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from yeongilman.accounts.models import User
from yeongilman.directory.models import Industry, Organisation
from yeongilman.events.models import Event
from yeongilman.programs.models import (
    Call,
    CallReviewer,
    Criterion,
    FormField,
    Program,
    Stage,
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
    if Program.objects.filter(slug="ces-pohang-pavilion").exists():
        return 0
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
    return 2
