"""A B2B day with three confirmed participants (Korean, English, and one without requests)."""

from __future__ import annotations

import pytest

from tests.conftest import (  # noqa: F401 - fixtures
    b2b_day,
    investor_user,
    registrations,
    startup_user,
    third_user,
)
from yeongilman.events.services import registration_create
from yeongilman.meetings.services import meeting_request_send


@pytest.fixture
def third_registration(b2b_day, third_user):  # noqa: F811 - the imported fixtures
    return registration_create(actor=third_user, event=b2b_day)


@pytest.fixture
def pending_request(registrations, startup_user, b2b_day):  # noqa: F811
    _startup, investor = registrations
    return meeting_request_send(actor=startup_user, event=b2b_day, recipient=investor)


TEXTS = {
    "subject_ko": "{event} 안내",
    "subject_en": "About {event}",
    "body_ko": "{name}님, 내일 뵙겠습니다.",
    "body_en": "Dear {name}, see you tomorrow.",
}
