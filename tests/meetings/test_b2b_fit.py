"""The B2B page lists participants by fit for the viewer, with the engine's reasons, what each
offers and seeks, and filters by country, kind and industry."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.conftest import login
from tests.factories import make_organisation, make_user
from yeongilman.events.services import registration_create
from yeongilman.matchmaking import adapter
from yeongilman.meetings import selectors
from yeongilman.partnering import services as partnering


@pytest.fixture
def crowd(operator, b2b_day, registrations):
    """Besides the start-up and the lab: an English battery recycler and a Korean fintech."""
    buyer_user = make_user("buyer@example.com", full_name="Pat Keystone")
    fintech_user = make_user("fintech@example.com", full_name="김핀테크")
    buyer = make_organisation(
        operator, members=(buyer_user,), name_en="Keystone Cell Recycling", kind="corporate",
        country="US", city="Pittsburgh", industries=("battery", "esg"),
        description_en="We recycle lithium-ion batteries in Pennsylvania. Looking for Korean "
        "partners with cathode material and battery recycling technology for a joint plant.",
    )  # fmt: skip
    fintech = make_organisation(
        operator, members=(fintech_user,), name_ko="대구핀테크", kind="corporate", country="KR",
        industries=("finance",),
        description_ko="소상공인 대출 심사 모델을 개발하는 핀테크 기업입니다. "
        "동남아 은행 파트너를 찾고 있습니다.",
    )  # fmt: skip
    offer = partnering.opportunity_create(
        actor=buyer_user, owner=buyer, values={
            "type": "technology_request", "title_en": "Cathode recycling technology wanted",
            "description_en": "We look for Korean cathode recycling processes to license.",
            "target_countries": ["KR"],
        }, industries=["battery"], publish=True,
    )  # fmt: skip
    registration_create(actor=buyer_user, event=b2b_day, organisation=buyer)
    registration_create(actor=fintech_user, event=b2b_day, organisation=fintech)
    adapter.forget()
    adapter.rebuild()
    return {"buyer": buyer, "fintech": fintech, "offer": offer}


def test_the_korean_start_up_sees_the_english_recycler_first_with_reasons_and_offers(
    b2b_day, registrations, crowd, startup_user
):
    startup, _ = registrations
    with translation.override("ko"):
        ranked = selectors.participants_by_fit(
            startup_user, startup, selectors.participants(b2b_day, exclude=startup)
        )
    top = ranked[0]
    assert top.registration.organisation == crowd["buyer"]
    assert top.rank == 1 and top.reasons
    assert any("공통 산업" in line for line in top.reasons), top.reasons
    assert top.offers == [crowd["offer"]]
    assert startup not in [c.registration for c in ranked] and len(ranked) == 3


def test_without_an_indexed_profile_the_list_stays_in_name_order(
    b2b_day, registrations, crowd, startup_user
):
    startup, _ = registrations
    adapter.forget()
    from yeongilman.matchmaking.models import MatchVector

    MatchVector.objects.all().delete()
    ranked = selectors.participants_by_fit(
        startup_user, startup, selectors.participants(b2b_day, exclude=startup)
    )
    assert all(c.rank is None and c.reasons == [] for c in ranked)
    assert [c.registration.pk for c in ranked] == [
        r.pk for r in selectors.participants(b2b_day, exclude=startup)
    ]


def test_country_and_kind_filters_narrow_the_list(b2b_day, registrations, crowd):
    startup, _ = registrations
    us = selectors.participants(b2b_day, exclude=startup, country="US")
    assert {r.organisation.country for r in us if r.organisation} == {"US"} and us.count() == 2
    corporate_us = selectors.participants(b2b_day, exclude=startup, country="US", kind="corporate")
    assert [r.organisation for r in corporate_us] == [crowd["buyer"]]


def test_the_page_shows_the_reasons_the_offers_and_the_filters(
    client, b2b_day, registrations, crowd, startup_user
):
    login(client, startup_user)
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/").content.decode()
    assert page.index("Keystone Cell Recycling") < page.index("Allegheny Robotics Lab")
    assert "Cathode recycling technology wanted" in page
    assert 'class="reasons"' in page
    assert 'name="country"' in page and 'name="kind"' in page
    filtered = client.get(f"/en/events/{b2b_day.slug}/b2b/?country=KR").content.decode()
    assert "대구핀테크" in filtered and "Keystone Cell Recycling" not in filtered
