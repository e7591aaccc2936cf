"""The upcoming CES 2027 Pohang pavilion (demo): invented Pohang-area start-ups exhibit with
their booths, products and stand teams, US visitors registered for the show, and the leads the
stands took at meetings before the show. Written through events' and exhibitors' services."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from yeongilman.accounts.models import User
from yeongilman.events.codes import code_for
from yeongilman.events.models import Event
from yeongilman.events.services import event_create, exhibitor_ensure, registration_create
from yeongilman.exhibitors.services import (
    exhibitor_profile_update,
    lead_capture,
    product_create,
    team_set,
)
from yeongilman.portal.demo.directory import Directory
from yeongilman.portal.demo.world import InventedOrganisation, World

PAVILION = "ces-2027-pohang-pavilion-demo"
LA = ZoneInfo("America/Los_Angeles")
EXHIBITORS = 24
LEAD_NOTES = (
    "Asked for samples before the show.",
    "Wants a price list and volumes for 2027.",
    "Met on a video call; will visit the booth on day one.",
    "샘플 요청. CES 첫날 부스 방문 예정.",
    "Interested in a joint pilot in Pittsburgh.",
)
LEAD_TAGS = (["samples"], ["pilot"], ["distributor", "US"], ["investor"], ["samples", "pricing"])


def _pavilion(operator: User) -> Event:
    return event_create(
        actor=operator, kind="exhibition", title_en="CES 2027 Pohang pavilion (demo)",
        title_ko="CES 2027 포항관 (데모)", venue="Las Vegas Convention Center, Eureka Park",
        city="Las Vegas", time_zone="America/Los_Angeles", is_published=True,
        starts_at=datetime(2027, 1, 6, 10, 0, tzinfo=LA),
        ends_at=datetime(2027, 1, 9, 16, 0, tzinfo=LA),
        description_en="A demo pavilion: the exhibitors, their products and leads are invented "
        "(marked Demo). The dates follow CES's usual first week of January.",
        description_ko="데모용 전시관입니다. 참가 기업과 제품, 리드는 지어낸 것입니다('데모' "
        "표시). 일정은 CES가 보통 열리는 1월 첫 주를 따랐습니다.",
    )  # fmt: skip


def _exhibitors(world: World) -> list[InventedOrganisation]:
    """Pohang start-ups with a product to show, taken in turn from each sector (a city
    pavilion shows its whole range)."""
    by_sector: dict[str, list[InventedOrganisation]] = {}
    for spec in world.of("startup", country="KR"):
        if spec.city == "Pohang":
            by_sector.setdefault(spec.sector, []).append(spec)
    chosen: list[InventedOrganisation] = []
    while len(chosen) < EXHIBITORS and any(by_sector.values()):
        for specs in by_sector.values():
            if specs and len(chosen) < EXHIBITORS:
                chosen.append(specs.pop(0))
    return chosen


def load_pavilion(operator: User, world: World, directory: Directory, seed: int) -> int:
    """Create the pavilion with its stands and leads; returns how many stands it has."""
    rng = random.Random(seed + 2)
    event = _pavilion(operator)
    visitors = []
    # Half of the US makers, distributors and funds have registered to visit the show.
    us = [o for o in world.organisations if o.country == "US" and o.role != "lab"]
    for spec in us[::2]:
        if spec.role in ("maker", "distributor", "investor", "cvc"):
            account = directory.account(spec)
            visitors.append(registration_create(
                actor=account, event=event,
                organisation=directory.organisation(spec),
            ))  # fmt: skip
    stands = _exhibitors(world)
    for n, spec in enumerate(stands):
        owner = directory.account(spec)
        exhibitor = exhibitor_ensure(
            event_id=event.pk, organisation_id=directory.organisation(spec).pk
        )
        exhibitor_profile_update(
            actor=owner, exhibitor=exhibitor,
            values={"booth": f"62{n + 1:03d}", "hall": "Venetian Expo, Eureka Park",
                    "zone": "Pohang pavilion", "products": spec.product_en[:300],
                    "description_ko": f"CES 2027에서 {spec.product_ko} 시제품을 처음 선보입니다. "
                    "부스에서 샘플과 평가 계획을 상담합니다.",
                    "description_en": f"First showing of our {spec.product_en} prototype at "
                    "CES 2027. Ask us for samples and an evaluation plan at the booth."},
        )  # fmt: skip
        product_create(actor=owner, exhibitor=exhibitor,
                       values={"name_ko": spec.product_ko, "name_en": spec.product_en.capitalize(),
                               "description_ko": "작동하는 시제품을 전시합니다.",
                               "description_en": "Shown as a working prototype."})  # fmt: skip
        if n % 3 == 0:
            product_create(
                actor=owner, exhibitor=exhibitor,
                values={"name_ko": f"{spec.product_ko} 평가 키트",
                        "name_en": f"{spec.product_en.capitalize()}: evaluation kit"},
            )  # fmt: skip
        team_set(actor=owner, exhibitor=exhibitor, user_ids={owner.pk})
        for visitor in rng.sample(visitors, rng.randint(0, 4)):
            lead_capture(
                actor=owner, exhibitor=exhibitor, code=code_for(visitor),  # a scanned badge
                rating=rng.randint(2, 5), tags=rng.choice(LEAD_TAGS), note=rng.choice(LEAD_NOTES),
                follow_up_on=(event.ends_at + timedelta(days=rng.randint(7, 30))).date(),
            )  # fmt: skip
    return len(stands)
