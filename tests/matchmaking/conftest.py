"""Fixtures of the matchmaking tests: a small indexed ecosystem around the battery startup."""

from __future__ import annotations

import pytest

from tests.factories import make_organisation
from yeongilman.matchmaking import adapter


@pytest.fixture
def ecosystem(operator, battery_startup, pittsburgh_lab):
    """The conftest pair plus an English buyer, a Korean look-alike and unrelated profiles."""
    buyer = make_organisation(
        operator, name_en="Keystone Cell Recycling", kind="corporate", country="US",
        city="Pittsburgh", industries=("battery", "esg"),
        description_en="We recycle lithium-ion batteries in Pennsylvania. Looking for Korean "
        "partners with cathode material and battery recycling technology for a joint plant.",
    )  # fmt: skip
    rival = make_organisation(
        operator, name_ko="포항양극소재", kind="startup", country="KR", city="Pohang",
        industries=("battery",),
        description_ko="포항에서 배터리 양극재를 만드는 스타트업입니다. 국내 셀 업체에 공급합니다.",
    )  # fmt: skip
    fillers = [
        (
            "Harbor Biotech",
            "US",
            "bio",
            "San Diego antibody discovery company. "
            "Looking for Korean CDMO partners for clinical batches.",
        ),
        (
            "Sunrise Farms",
            "US",
            "agrifood",
            "California strawberry grower. Seeking Korean smart-farm robots for a pilot.",
        ),
        (
            "Mesa Grid Storage",
            "US",
            "hydrogen",
            "Utility-scale storage developer in Arizona. We want hydrogen electrolyser suppliers.",
        ),
        (
            "경주관광콘텐츠",
            "KR",
            "content",
            "경주의 문화유산 증강현실 관광 앱을 운영합니다. 해외 관광 플랫폼과 제휴를 원합니다.",
        ),
        (
            "대구핀테크",
            "KR",
            "finance",
            "소상공인 대출 심사 모델을 개발하는 핀테크 기업입니다. "
            "동남아 은행 파트너를 찾고 있습니다.",
        ),
        (
            "울산수소기술",
            "KR",
            "hydrogen",
            "수소 연료전지 스택을 생산합니다. 미국 트럭 제조사와 실증을 희망합니다.",
        ),
    ]
    for name, country, industry, text in fillers:
        field = "ko" if country == "KR" else "en"
        texts: dict = {f"name_{field}": name, f"description_{field}": text}
        make_organisation(
            operator, kind="corporate", country=country, industries=(industry,),
            **texts,
        )  # fmt: skip
    adapter.forget()
    adapter.rebuild()
    return {"buyer": buyer, "rival": rival}
