"""Demo opportunities: invented for demonstration (not statements of the organisations named),
so the partnering pages and suggestions have something to show on first start."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from yeongilman.directory.models import Industry, Organisation
from yeongilman.partnering.models import Opportunity, OpportunityStatus

OPPORTUNITIES: list[dict[str, Any]] = [
    {
        "owner": "Innovation Works", "type": "investment_offered", "countries": ["KR"],
        "industries": ["robotics", "battery"],
        "title_en": "Seed investment and a Pittsburgh landing for hard-tech start-ups",
        "description_en": "We invest at seed stage in hardware, robotics and energy-storage "
        "companies that set up engineering in Pittsburgh. We are looking for Korean start-ups "
        "with a working prototype that want a US base, customers in manufacturing and a "
        "first US round.",
    },
    {
        "owner": "Graphene Square", "type": "business_request", "countries": ["US"],
        "industries": ["materials", "consumer"],
        "title_ko": "그래핀 필름 히터를 적용할 미국 제조 파트너",
        "description_ko": "화학기상증착(CVD)으로 대면적 그래핀 필름을 만들고 이를 투명 "
        "히터와 가전 부품으로 제품화했습니다. 미국에서 그래핀 히터를 자사 제품에 적용할 가전·"
        "모빌리티 제조사나 유통 파트너를 찾고 있습니다.",
    },
    {
        "owner": "Biocom California", "type": "business_offer", "countries": ["KR"],
        "industries": ["bio", "medtech"],
        "title_en": "San Diego market entry programme for Korean life-science companies",
        "description_en": "Our members include hundreds of San Diego life-science companies. "
        "We offer Korean biotech and medtech companies introductions to local partners, "
        "investors and contract research organisations, plus a landing desk during their "
        "first year.",
    },
    {
        "owner": "Carnegie Mellon University (CMU)", "type": "rd_cooperation", "countries": ["KR"],
        "industries": ["ai", "robotics"],
        "title_en": "Joint research on robots for steel and energy plants",
        "description_en": "Our robotics researchers look for Korean industrial partners and "
        "start-ups to co-develop inspection and maintenance robots for steel mills and "
        "energy plants, with field trials at partner sites.",
    },
    {
        "owner": "POSTECH Holdings", "type": "investment_offered", "countries": ["KR"],
        "industries": ["bio", "battery", "ai"],
        "title_ko": "포항 기술창업 초기 투자",
        "description_ko": "포스텍 교원·학생 창업과 포항 지역 기술 기반 스타트업에 시드 "
        "단계 투자를 합니다. 바이오, 이차전지, AI 분야의 실험실 창업 기업을 찾고 있습니다.",
    },
]  # fmt: skip


def load_demo_opportunities() -> int:
    """Create the demo opportunities whose owners exist; returns how many were created."""
    created = 0
    now = timezone.now()
    for spec in OPPORTUNITIES:
        spec = dict(spec)
        owner = Organisation.objects.filter(name_en=spec.pop("owner")).first()
        if owner is None:
            continue
        countries, industries = spec.pop("countries"), spec.pop("industries")
        opportunity, new = Opportunity.objects.get_or_create(
            owner=owner, type=spec["type"],
            defaults={**spec, "target_countries": countries, "status": OpportunityStatus.PUBLISHED,
                      "published_at": now, "expires_at": now + timedelta(days=365)},
        )  # fmt: skip
        if new:
            opportunity.industries.set(Industry.objects.filter(code__in=industries))
            created += 1
    return created
