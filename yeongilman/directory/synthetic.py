"""Realistic bilingual synthetic organisations for load tests and benchmarks.

Every generated organisation is marked `is_synthetic` and tagged "synthetic"; names are made
from invented syllables so they cannot be mistaken for real companies.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from yeongilman.directory.models import Industry, Organisation

_PREFIX = [
    ("네오", "Neo"), ("에코", "Eco"), ("하이", "Hy"), ("그린", "Green"), ("퓨처", "Future"),
    ("블루", "Blue"), ("알파", "Alpha"), ("넥스", "Nex"), ("코어", "Core"), ("루미", "Lumi"),
    ("셀", "Cel"), ("젠", "Zen"), ("테라", "Terra"), ("볼트", "Volt"), ("퀀트", "Quant"),
    ("오션", "Ocean"), ("솔라", "Sola"), ("노바", "Nova"), ("아크", "Arc"), ("비전", "Vision"),
]  # fmt: skip
_MIDDLE = [
    ("바이오", "bio"), ("셀", "cell"), ("젠", "gen"), ("로직", "logic"), ("웨이브", "wave"),
    ("빔", "beam"), ("팜", "farm"), ("온", "on"), ("핏", "fit"), ("링크", "link"),
]  # fmt: skip
_SUFFIX = {
    "startup": [("랩", "Lab"), ("텍", "Tech"), ("솔루션즈", "Solutions"), ("웍스", "Works")],
    "corporate": [("산업", "Industries"), ("머티리얼즈", "Materials"), ("시스템즈", "Systems")],
    "university": [("과학기술대학교", "Institute of Science and Technology")],
    "research": [("연구소", "Research Institute"), ("연구센터", "Research Center")],
    "investor": [("벤처스", "Ventures"), ("인베스트먼트", "Investment"), ("캐피탈", "Capital")],
    "agency": [("진흥원", "Promotion Agency"), ("테크노센터", "Techno Center")],
    "association": [("산업협회", "Industry Association"), ("클러스터", "Cluster")],
    "accelerator": [("액셀러레이터", "Accelerator"), ("파트너스", "Partners")],
}
_KINDS = [
    ("startup", 60), ("corporate", 12), ("research", 6), ("university", 3), ("investor", 7),
    ("agency", 4), ("association", 4), ("accelerator", 4),
]  # fmt: skip
_PLACES = [
    ("KR", "Pohang", 40), ("KR", "Gyeongju", 4), ("KR", "Daegu", 5), ("KR", "Seoul", 10),
    ("KR", "Seongnam", 4), ("KR", "Daejeon", 3), ("US", "Pittsburgh", 10),
    ("US", "San Diego", 10), ("US", "Boston", 3), ("US", "San Francisco", 3),
    ("JP", "Osaka", 2), ("DE", "Munich", 2), ("SG", "Singapore", 2), ("VN", "Hanoi", 2),
]  # fmt: skip
_STAGES = [
    "idea",
    "pre_seed",
    "seed",
    "seed",
    "series_a",
    "series_a",
    "series_b",
    "series_c",
    "growth",
]
# industry code → [(Korean topic, English topic)]
_TOPICS: dict[str, list[tuple[str, str]]] = {
    "battery": [
        ("리튬인산철(LFP) 양극재", "lithium iron phosphate (LFP) cathode materials"),
        ("사용 후 배터리 재활용", "recycling of spent batteries"),
        ("전고체 배터리 전해질", "solid-state battery electrolytes"),
        ("배터리 관리 시스템(BMS)", "battery management systems"),
    ],
    "bio": [
        ("항체 신약 후보물질", "antibody drug candidates"),
        ("마이크로바이옴 치료제", "microbiome therapeutics"),
        ("세포 치료제 공정", "cell therapy manufacturing"),
        ("식물 기반 백신", "plant-based vaccines"),
    ],
    "hydrogen": [
        ("수전해 수소 생산", "water-electrolysis hydrogen production"),
        ("수소연료전지 스택", "hydrogen fuel-cell stacks"),
        ("수소 저장 합금", "hydrogen storage alloys"),
    ],
    "ai": [
        ("제조 공정 이상 탐지 AI", "AI anomaly detection for manufacturing"),
        ("한국어 거대언어모델 서비스", "Korean large-language-model services"),
        ("컴퓨터 비전 검사 솔루션", "computer-vision inspection"),
    ],
    "esg": [
        ("탄소 배출 측정 플랫폼", "carbon-emission measurement platforms"),
        ("해양 플라스틱 저감 기술", "marine plastic reduction"),
    ],
    "metaverse": [
        ("디지털 트윈 공장", "digital-twin factories"),
        ("XR 교육 콘텐츠", "XR training content"),
    ],
    "robotics": [
        ("협동 로봇 그리퍼", "collaborative robot grippers"),
        ("자율주행 물류 로봇", "autonomous logistics robots"),
    ],
    "materials": [
        ("고강도 철강 소재", "high-strength steel"),
        ("그래핀 복합 소재", "graphene composites"),
    ],
    "semiconductors": [
        ("전력 반도체", "power semiconductors"),
        ("반도체 검사 장비", "wafer inspection tools"),
    ],
    "medtech": [
        ("웨어러블 생체 신호 기기", "wearable biosignal devices"),
        ("원격 진료 플랫폼", "telemedicine platforms"),
    ],
    "agrifood": [
        ("스마트팜 환경 제어", "smart-farm climate control"),
        ("대체 단백질 식품", "alternative-protein foods"),
    ],
}
_NEEDS = [
    ("해외 실증 파트너", "pilot partners abroad"),
    ("시리즈 A 투자", "Series A investment"),
    ("공동 연구 기관", "joint research partners"),
    ("대기업 구매처", "corporate buyers"),
    ("미국 시장 진출 파트너", "partners for entering the US market"),
]


def _weighted(rng: random.Random, options: list[tuple]) -> tuple:
    return rng.choices(options, weights=[o[-1] for o in options])[0]


def synthetic_organisations(
    count: int, seed: int, industries: dict[str, Industry]
) -> Iterator[tuple[Organisation, list[Industry]]]:
    """Yield `count` unsaved synthetic organisations with their industries, reproducibly."""
    rng = random.Random(seed)
    codes = [c for c in _TOPICS if c in industries]
    for n in range(count):
        kind = _weighted(rng, _KINDS)[0]
        country, city, _w = _weighted(rng, _PLACES)
        pre, mid = rng.choice(_PREFIX), rng.choice(_MIDDLE)
        suf = rng.choice(_SUFFIX[kind])
        chosen = rng.sample(codes, k=rng.choice([1, 1, 2, 2, 3]))
        topic_ko, topic_en = rng.choice(_TOPICS[chosen[0]])
        need_ko, need_en = rng.choice(_NEEDS)
        founded = rng.randint(1975 if kind != "startup" else 2012, 2026)
        language = rng.random()
        name_ko = f"{pre[0]}{mid[0]}{suf[0]}"
        name_en = f"{pre[1]}{mid[1]} {suf[1]}"
        desc_ko = (
            f"{city} 기반 {topic_ko} 분야 조직으로, {founded}년에 설립되었습니다. "
            f"{need_ko}를 찾고 있습니다."
        )
        desc_en = (
            f"{city}-based organisation working on {topic_en}, founded in {founded}. "
            f"Looking for {need_en}."
        )
        if language < 0.4 and country == "KR":
            name_en, desc_en = "", ""
        elif language < 0.65 and country != "KR":
            name_ko, desc_ko = "", ""
        organisation = Organisation(
            kind=kind,
            name_ko=name_ko,
            name_en=name_en,
            description_ko=desc_ko,
            description_en=desc_en,
            stage=rng.choice(_STAGES) if kind == "startup" else "",
            city=city,
            country=country,
            founded_year=founded,
            employees=rng.randint(2, 80) if kind == "startup" else rng.randint(20, 5000),
            tags=["synthetic", topic_en.split(" (")[0][:40]],
            is_published=rng.random() < 0.95,
            is_synthetic=True,
            source=f"synthetic #{seed}-{n}",
        )
        yield organisation, [industries[c] for c in chosen]
