"""A conversation across languages in the browser: the Korean start-up member expresses
interest in a Pittsburgh partner's English-only opportunity and, before the partner answers it,
asks a question from the opportunity page; the partner sees the unread count in the header and
answers in English; the member's open page shows the answer without a reload, marked as written
in English, with the glossary's terms in Korean; they agree a meeting at the B2B day (requested
and accepted on the B2B page) and the conversation says it led to that meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import signed_in
from tests.factories import PASSWORD, make_organisation, make_user
from yeongilman.conversations.models import Conversation, Message
from yeongilman.events.models import Registration, RegistrationStatus
from yeongilman.events.services import event_create
from yeongilman.meetings.models import MeetingRequest
from yeongilman.meetings.services import slots_define
from yeongilman.partnering.models import Interest, InterestStatus
from yeongilman.partnering.services import opportunity_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = (
    "안녕하세요. 수소 연료전지 실증 파트너를 찾으시나요? "
    "저희 그래핀 히터 샘플을 보내 드릴 수 있습니다."
)
ANSWER = (
    "Thank you! Our fuel cell stacks are tested at hydrogen refueling stations. "
    "Shall we meet at the B2B day?"
)


def _world():
    """A Pohang start-up's Korean member, a Pittsburgh company's English-speaking partner with
    an English-only opportunity, and a B2B day next month where both are confirmed (invented
    for the test: the demo data is not needed)."""
    operator = make_user("operator@journey.example.kr", is_operator=True, language="ko")
    member = make_user("ceo@graphene.example.kr", full_name="김그래핀", language="ko",
                       time_zone="Asia/Seoul")  # fmt: skip
    partner = make_user("bd@fuelcells.example.org", full_name="Dana Reed", language="en",
                        time_zone="America/New_York")  # fmt: skip
    make_organisation(operator, name_ko="포항그래핀", name_en="Pohang Graphene", members=(member,))
    company = make_organisation(operator, name_en="Three Rivers Fuel Cells", kind="investor",
                                country="US", members=(partner,))  # fmt: skip
    offer = opportunity_create(
        actor=partner, owner=company,
        values={"type": "pilot_sought", "title_en": "Hydrogen fuel cell pilot partners",
                "description_en": "We look for Korean partners for a fuel cell pilot."},
        publish=True,
    )  # fmt: skip
    start = (timezone.now() + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
    day = event_create(
        actor=operator, kind="b2b", title_en="Pohang–Pittsburgh hydrogen B2B day",
        title_ko="포항–피츠버그 수소 상담회", venue="Pohang", city="Pohang",
        time_zone="Asia/Seoul", is_published=True, starts_at=start,
        ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    slots_define(actor=operator, event=day, first_start=start, minutes=25, count=3,
                 gap_minutes=5, tables=2)  # fmt: skip
    for user in (member, partner):
        Registration.objects.create(
            event=day, user=user, status=RegistrationStatus.CONFIRMED,
            organisation=user.memberships.get().organisation,
        )  # fmt: skip
    return offer, day


def test_a_korean_member_and_an_english_partner_talk_and_agree_a_meeting(
    browser, live_server, transactional_db, settings
):
    settings.YV_MESSAGES_POLL_SECONDS = 1  # the page asks every second instead of every ten
    offer, day = _world()
    member, member_page = signed_in(browser, live_server.url, "ceo@graphene.example.kr",
                                    PASSWORD)  # fmt: skip
    partner, partner_page = signed_in(browser, live_server.url, "bd@fuelcells.example.org",
                                      PASSWORD)  # fmt: skip

    # The member expresses interest (in Korean) and asks a question before any answer.
    member_page.goto(f"{live_server.url}/ko/partnering/{offer.pk}/")
    member_page.get_by_label("메시지").fill("수소 실증에 관심이 있습니다.")
    member_page.locator("main form").get_by_role("button", name="보내기").click()
    expect(member_page.locator(".messages")).to_contain_text("관심 표명을 보냈습니다.")
    interest = Interest.objects.get(opportunity=offer)
    assert interest.status == InterestStatus.PENDING
    member_page.get_by_role("link", name="질문하기").click()
    member_page.get_by_label("메시지").fill(QUESTION)
    member_page.get_by_role("button", name="보내기").click()
    expect(member_page.locator(".message-list")).to_contain_text("그래핀 히터 샘플")
    conversation = Conversation.objects.get(interest=interest)
    assert Message.objects.get(conversation=conversation).language == "ko"

    # The partner sees the unread count in the header, opens the conversation and answers.
    partner_page.goto(f"{live_server.url}/en/")
    expect(partner_page.locator(".messages-link .unread-count")).to_have_text("1")
    partner_page.goto(f"{live_server.url}/en/messages/")
    partner_page.get_by_role("link", name="Pohang Graphene").click()
    question = partner_page.locator(".msg").last
    expect(question).to_contain_text("written in Korean")
    partner_page.get_by_role("textbox", name="Message").fill(ANSWER)
    partner_page.get_by_role("button", name="Send").click()
    expect(partner_page.locator(".msg-mine").last).to_contain_text("Shall we meet")
    last = conversation.messages.order_by("id").last()
    assert last is not None and last.language == "en"

    # The member's open page shows the answer without a reload: in English, terms in Korean.
    answer = member_page.locator(".msg", has_text="Shall we meet")
    expect(answer).to_be_visible(timeout=10_000)
    expect(answer.locator(".lang-badge")).to_have_text("영어")
    expect(answer).to_contain_text("영어로 작성")
    expect(answer.locator(".msg-terms")).to_contain_text("연료전지")
    expect(answer.locator(".msg-terms")).to_contain_text("수소충전소")
    expect(answer.locator('abbr.term[title="연료전지"]')).to_have_text("fuel cell")
    member_page.screenshot(path="/tmp/conversation-journey-member.png", full_page=True)

    # They agree to meet: the partner requests a meeting on the B2B page, the member accepts.
    partner_page.goto(f"{live_server.url}/en/events/{day.slug}/b2b/")
    card = partner_page.locator(".participant", has_text="Pohang Graphene")
    card.locator("summary", has_text="Write a meeting request").click()  # folded per card
    card.get_by_label("Message").fill("As agreed in our conversation.")
    card.get_by_role("button", name="Request a meeting").click()
    expect(partner_page.locator(".messages")).to_contain_text("request was sent")
    member_page.goto(f"{live_server.url}/ko/events/{day.slug}/b2b/")
    member_page.locator("#my-schedule").get_by_role("button", name="수락").click()
    meeting = MeetingRequest.objects.get(event=day)
    expect(member_page.locator(".messages")).to_be_visible()
    assert MeetingRequest.objects.get(pk=meeting.pk).status == "accepted"

    # The conversation links to the meeting, on both sides.
    conversation.refresh_from_db()
    assert conversation.led_to_meeting_id == meeting.pk
    member_page.goto(f"{live_server.url}/ko/messages/{conversation.pk}/")
    expect(member_page.locator(".led-to")).to_contain_text("이 대화로 이어진 일:")
    expect(member_page.locator(".led-to a")).to_have_attribute(
        "href", f"/ko/events/{day.slug}/b2b/"
    )
    partner_page.goto(f"{live_server.url}/en/messages/{conversation.pk}/")
    expect(partner_page.locator(".led-to")).to_contain_text("a meeting at")
    member.close()
    partner.close()
