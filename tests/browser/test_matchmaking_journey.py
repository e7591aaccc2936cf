"""A Korean-speaking member sees an English-language partner suggested with reasons in Korean,
marks it useful, and expresses interest in an opportunity that the partner accepts."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from yeongilman.partnering import adapter
from yeongilman.partnering.models import Interest, SuggestionFeedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "yeongilman-demo"


def _log_in(page, email: str) -> None:
    page.goto(page.base_url + "/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_korean_member_finds_an_english_partner_and_the_partner_accepts(page, demo_data):
    from yeongilman.directory.models import Organisation

    adapter.forget()
    adapter.rebuild()
    graphene = Organisation.objects.get(name_en="Graphene Square")

    _log_in(page, "member@demo.yeongilman.kr")
    page.goto(page.base_url + f"/ko/directory/o/{graphene.slug}/")
    page.get_by_role("link", name="추천 파트너").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("추천 파트너")

    # The first suggestion from the US: its indexed profile is English, its reasons Korean.
    us_keys = {
        adapter.org_key(pk)
        for pk in Organisation.objects.filter(country="US").values_list("pk", flat=True)
    }
    cards = page.locator(".suggestion")
    keys = [cards.nth(i).get_attribute("data-key") for i in range(cards.count())]
    partner_key = next(k for k in keys if k in us_keys)
    card = page.locator(f'.suggestion[data-key="{partner_key}"]')
    excerpt = card.locator(".excerpt").inner_text()
    assert excerpt.isascii() or sum(c.isascii() for c in excerpt) > 0.9 * len(excerpt)
    reasons = card.locator(".reasons").inner_text()
    assert any(
        phrase in reasons for phrase in ("공통 산업", "찾고 있는 국가", "맞습니다", "핵심어")
    )
    card.get_by_role("button", name="유용함").click()
    expect(page.get_by_text("감사합니다. 의견을 저장했습니다.")).to_be_visible()
    assert SuggestionFeedback.objects.get(candidate=partner_key).verdict == "useful"

    # Suggested opportunities include Innovation Works' English offer; express interest.
    page.get_by_role("link", name="협력 기회", exact=True).last.click()
    page.get_by_role(
        "link", name="Seed investment and a Pittsburgh landing for hard-tech start-ups"
    ).click()
    page.get_by_label("메시지").fill(
        "그래핀 히터 시제품이 있습니다. 피츠버그 진출을 상의하고 싶습니다."
    )
    page.get_by_role("button", name="보내기").click()
    expect(page.get_by_text("관심 표명을 보냈습니다.")).to_be_visible()
    interest = Interest.objects.get(organisation=graphene)

    # The partner, who reads English, accepts; both sides get each other's contacts.
    page.context.clear_cookies()
    _log_in(page, "partner@demo.yeongilman.kr")
    page.goto(page.base_url + f"/en/partnering/{interest.opportunity_id}/")
    expect(page.get_by_text("그래핀 히터 시제품이 있습니다.")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Accepted: you can now contact each other by e-mail.")).to_be_visible()
    interest.refresh_from_db()
    assert interest.status == "accepted"
    to_member = [m for m in mail.outbox if m.to == ["member@demo.yeongilman.kr"]]
    assert to_member and "partner@demo.yeongilman.kr" in to_member[-1].body
