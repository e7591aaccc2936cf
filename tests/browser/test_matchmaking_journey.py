"""A Korean-speaking member sees English-language partners suggested with Korean reasons, marks
one useful in place, finds the partner met before with cooperation possible as an open
follow-up and requests a meeting with it at the B2B day both attend, and expresses interest in
an opportunity; the partner, who reads English, sees the meeting request and accepts the
interest."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.models import SuggestionFeedback
from yeongilman.meetings.models import MeetingRequest
from yeongilman.partnering.models import Interest, Opportunity

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

    # Innovation Works (Pittsburgh) met Graphene Square at the demo's Pittsburgh day with
    # cooperation possible: an open follow-up, not a new suggestion. The first suggestion, a
    # US heater maker, carries Korean reasons naming words from both profiles.
    partner = Organisation.objects.get(name_en="Innovation Works")
    assert page.locator(f'.suggestion[data-key="{ItemKey.organisation(partner.pk)}"]').count() == 0
    follow_up = page.locator(".follow-ups li").filter(has_text="이노베이션웍스")
    expect(follow_up).to_contain_text("협력 가능")
    card = page.locator(".suggestion").first
    first_key = card.get_attribute("data-key")
    reasons = card.locator(".reasons").inner_text()
    assert any(phrase in reasons for phrase in ("하는 일", "찾는 것", "두 프로필", "공통 산업"))
    assert "그래핀 = graphene" in reasons
    # Feedback keeps its state in place (no page load).
    card.get_by_role("button", name="유용함").click()
    expect(card.get_by_text("유용함으로 표시했습니다.")).to_be_visible()
    expect(card.get_by_role("button", name="유용함")).to_have_attribute("aria-pressed", "true")
    assert SuggestionFeedback.objects.get(candidate=first_key).verdict == "useful"

    # Both attend the demo B2B day: request the follow-up meeting straight from the list.
    follow_up.get_by_role("button", name="CES 2027 포항관 B2B 상담회 (데모)에서 상담 요청").click()
    expect(page.get_by_text("상담 요청을 보냈습니다.")).to_be_visible()
    meeting = MeetingRequest.objects.get(
        requester__organisation=graphene, event__slug="ces-2027-pohang-pavilion-b2b-day-demo"
    )
    assert meeting.recipient.organisation == partner

    # Innovation Works' English offer (an open follow-up now, so it is looked up, not
    # suggested): the demo's conversation began with the member's interest in it.
    offer = Opportunity.objects.get(
        title_en="Seed investment and a Pittsburgh landing for hard-tech start-ups"
    )
    page.goto(page.base_url + f"/ko/partnering/{offer.pk}/")
    expect(page.locator("main .notice").first).to_be_visible()  # "expressed interest: pending"
    interest = Interest.objects.get(organisation=graphene, opportunity=offer)

    # The partner, who reads English, accepts; both sides get each other's contacts.
    page.context.clear_cookies()
    _log_in(page, "partner@demo.yeongilman.kr")
    page.goto(page.base_url + f"/en/events/{meeting.event.slug}/b2b/")
    expect(page.locator(f'.request[data-request="{meeting.pk}"]')).to_contain_text(
        "Graphene Square"
    )
    page.goto(page.base_url + f"/en/partnering/{interest.opportunity_id}/")
    expect(page.get_by_text(interest.message).first).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Accepted: you can now contact each other by e-mail.")).to_be_visible()
    interest.refresh_from_db()
    assert interest.status == "accepted"
    to_member = [m for m in mail.outbox if m.to == ["member@demo.yeongilman.kr"]]
    assert to_member and "partner@demo.yeongilman.kr" in to_member[-1].body
