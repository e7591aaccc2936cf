"""A Pittsburgh lab's opportunity and the Pohang start-up's interest in it (not yet answered),
an anonymous opportunity of the start-up's with the lab's interest, and a helper to start the
conversation about an interest."""

from __future__ import annotations

import pytest

from yeongilman.conversations import services
from yeongilman.partnering.services import interest_send, opportunity_create


@pytest.fixture
def offer(other_member, pittsburgh_lab):
    return opportunity_create(
        actor=other_member, owner=pittsburgh_lab,
        values={"type": "technology_offer", "title_en": "Battery line controllers",
                "description_en": "AI controllers for battery cell lines."},
        publish=True,
    )  # fmt: skip


@pytest.fixture
def interest(member, battery_startup, offer):
    return interest_send(
        actor=member, opportunity=offer, organisation=battery_startup, message="관심 있습니다."
    )


@pytest.fixture
def hidden_offer(member, battery_startup):
    values = {
        "type": "pilot_sought",
        "title_ko": "수소 실증 파트너",
        "title_en": "Hydrogen pilot",
        "description_ko": "수소 연료전지 실증",
        "is_anonymous": True,
    }
    return opportunity_create(actor=member, owner=battery_startup, values=values, publish=True)


@pytest.fixture
def hidden_interest(other_member, pittsburgh_lab, hidden_offer):
    return interest_send(
        actor=other_member, opportunity=hidden_offer, organisation=pittsburgh_lab,
        message="We run hydrogen pilots.",
    )  # fmt: skip


def start(actor, subject, body="안녕하세요, 질문이 있습니다.", kind="interest", **extra):
    """Start (or write in) the conversation about a subject; returns the conversation."""
    conversation, _message, _created = services.conversation_start(
        actor=actor, kind=kind, subject_id=subject.pk, body=body, **extra
    )
    return conversation
