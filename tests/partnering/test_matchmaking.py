"""Suggestions end to end: stored vectors, background refresh, reasons, feedback, pages, API."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.conftest import login
from tests.factories import make_organisation
from yeongilman.partnering import adapter, selectors, services
from yeongilman.partnering.models import MatchVector


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


def test_rebuild_stores_vectors_once_and_skips_unchanged(ecosystem):
    assert MatchVector.objects.count() == 10
    row = MatchVector.objects.get(key=adapter.org_key(ecosystem["buyer"].pk))
    assert row.need is not None and row.lang == "en" and "recycl" in row.tokens.split()
    assert adapter.rebuild() == (10, 0)


def test_korean_startup_is_offered_the_english_partner_with_reasons(
    member, battery_startup, ecosystem
):
    with translation.override("ko"):
        found = selectors.suggestions(member, organisation=battery_startup)
        lines = [line for item in found.items[:1] for line in _lines(item)]
    assert found.indexed
    top = found.items[0]
    assert top.organisation == ecosystem["buyer"]
    assert battery_startup not in [i.organisation for i in found.items]
    assert any("공통 산업" in line for line in lines), lines


def _lines(item):
    from yeongilman.partnering.explanations import reason_lines

    return reason_lines(item.suggestion.reasons)


def test_hidden_suggestions_stay_hidden(member, battery_startup, ecosystem):
    subject = adapter.org_key(battery_startup.pk)
    candidate = adapter.org_key(ecosystem["buyer"].pk)
    services.feedback_record(actor=member, subject=subject, candidate=candidate, verdict="hidden")
    found = selectors.suggestions(member, organisation=battery_startup)
    assert ecosystem["buyer"] not in [i.organisation for i in found.items]


def test_changes_reindex_after_commit_and_unpublished_profiles_leave(
    settings, operator, ecosystem, django_capture_on_commit_callbacks
):
    from yeongilman.directory.services import organisation_update

    settings.YV_MATCHING_AUTO_INDEX = True
    buyer = ecosystem["buyer"]
    before = MatchVector.objects.get(key=adapter.org_key(buyer.pk)).text_hash
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            actor=operator, organisation=buyer,
            values={"description_en": "We now make hydrogen tanks. Seeking steel suppliers."},
        )  # fmt: skip
    assert MatchVector.objects.get(key=adapter.org_key(buyer.pk)).text_hash != before
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(actor=operator, organisation=buyer, values={"is_published": False})
    assert not MatchVector.objects.filter(key=adapter.org_key(buyer.pk)).exists()


def test_suggestions_page_in_korean_with_marks_and_feedback(
    client, member, battery_startup, ecosystem
):
    login(client, member)
    response = client.get(f"/ko/partnering/suggestions/{battery_startup.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keystone Cell Recycling" in html and "공통 산업" in html
    response = client.post(
        "/ko/partnering/feedback/",
        {"subject": adapter.org_key(battery_startup.pk),
         "candidate": adapter.org_key(ecosystem["buyer"].pk), "verdict": "useful", "rank": "1",
         "next": f"/ko/partnering/suggestions/{battery_startup.slug}/"},
    )  # fmt: skip
    assert response.status_code == 302
    from yeongilman.partnering.models import SuggestionFeedback

    assert SuggestionFeedback.objects.get().verdict == "useful"


def test_suggestions_api_and_its_permissions(
    client, member, other_member, battery_startup, ecosystem
):
    login(client, member)
    body = client.get(f"/api/v1/organisations/{battery_startup.pk}/suggestions?k=3").json()
    assert body["indexed"] and len(body["results"]) == 3
    assert body["results"][0]["organisation"] == ecosystem["buyer"].pk
    assert body["results"][0]["reasons"]["shared_industries"] == ["battery"]
    client.logout()
    login(client, other_member)
    response = client.get(f"/api/v1/organisations/{battery_startup.pk}/suggestions")
    assert response.status_code == 403 and "detail" in response.json()
