"""A demo conversation, invented for demonstration and marked so in both languages: the demo
member's start-up (Graphene Square) asks the demo partner (Innovation Works) about its
investment offer before the interest is answered, and the partner answers in English."""

from __future__ import annotations

from yeongilman.accounts.models import User
from yeongilman.conversations import services
from yeongilman.conversations.models import Conversation
from yeongilman.partnering.models import Interest, Opportunity
from yeongilman.partnering.services import interest_send

MARK = "[데모용 가상 대화 · Invented demo conversation] "
QUESTION = (
    MARK + "안녕하세요. 그래핀 필름 히터의 시제품이 있고, 피츠버그에서 배터리 모듈용 "
    "히터를 시험하고 싶습니다. 시드 투자 전에 미국 제조사 파일럿을 연결해 주실 수 있나요?"
)
ANSWER = (
    MARK + "Thanks for the question. Yes: our portfolio includes battery and energy storage "
    "manufacturers near Pittsburgh, and a pilot with one of them often comes before a seed "
    "round. Shall we meet at the next B2B day?"
)


def load_demo_conversation(member: User, partner: User) -> int:
    """Create the demo conversation once (its interest too); returns 1 when created."""
    opportunity = Opportunity.objects.filter(
        owner__name_en="Innovation Works", type="investment_offered"
    ).first()
    organisation = member.memberships.select_related("organisation").first()
    if opportunity is None or organisation is None:
        return 0
    interest = Interest.objects.filter(
        opportunity=opportunity, organisation=organisation.organisation
    ).first() or interest_send(  # through partnering's service, like any member's interest
        actor=member, opportunity=opportunity, organisation=organisation.organisation,
        message=MARK + "관심 있습니다.",
    )  # fmt: skip
    if Conversation.objects.filter(interest=interest).exists():
        return 0
    conversation, _message, _created = services.conversation_start(
        actor=member, kind="interest", subject_id=interest.pk, body=QUESTION
    )
    services.message_post(actor=partner, conversation=conversation, body=ANSWER)
    return 1
