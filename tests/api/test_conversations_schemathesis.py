"""The conversations API under schemathesis with a real conversation: as one of its people, the
generated paths name the conversation (a random id only ever reaches the 404 before any body is
read), so bodies, pages and ids meet the services. No 5xx, no undocumented status, no body its
schema does not describe."""

from __future__ import annotations

import pytest

from tests.api.test_schemathesis import CHECKS, SETTINGS, _token_header, schema
from yeongilman.conversations.services import conversation_start
from yeongilman.partnering.services import interest_send, opportunity_create

conversations = schema.include(path_regex="^/api/v1/conversations")


@pytest.fixture
def talk(member, other_member, battery_startup, pittsburgh_lab) -> dict[str, int]:
    """The member's conversation with the lab about an interest: path values by name."""
    offer = opportunity_create(
        actor=other_member, owner=pittsburgh_lab,
        values={"type": "technology_offer", "title_en": "Cell line controllers",
                "description_en": "Controllers."},
        publish=True,
    )  # fmt: skip
    interest = interest_send(actor=member, opportunity=offer, organisation=battery_startup,
                             message="관심 있습니다.")  # fmt: skip
    conversation, _message, _new = conversation_start(
        actor=member, kind="interest", subject_id=interest.pk, body="질문이 있습니다."
    )
    return {"conversation_id": conversation.pk}


@conversations.parametrize()
@SETTINGS
def test_conversations_api_as_a_participant(case, member, talk):
    if case.path_parameters:
        case.path_parameters = {
            name: talk.get(name, value) for name, value in case.path_parameters.items()
        }
    case.call_and_validate(headers=_token_header(member), checks=CHECKS)
