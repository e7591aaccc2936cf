"""Partnering fixtures: a live English opportunity and a Korean draft."""

from __future__ import annotations

import pytest

from yeongilman.partnering import services


@pytest.fixture
def pittsburgh_offer(other_member, pittsburgh_lab):
    """A published English technology offer of the Pittsburgh lab."""
    return services.opportunity_create(
        actor=other_member,
        owner=pittsburgh_lab,
        values={
            "type": "technology_offer",
            "title_en": "Battery-free robot controllers for factories",
            "description_en": "We license AI controllers for inspection robots. "
            "Looking for Korean manufacturers to run pilots.",
            "target_countries": ["KR"],
        },
        industries=["robotics", "ai"],
        publish=True,
    )


@pytest.fixture
def korean_draft(member, battery_startup):
    """A draft technology request of the Korean battery start-up."""
    return services.opportunity_create(
        actor=member,
        owner=battery_startup,
        values={
            "type": "technology_request",
            "title_ko": "배터리 검사 로봇 기술 수요",
            "description_ko": "양극재 공정을 점검할 로봇 기술을 찾고 있습니다.",
            "target_countries": ["us"],
        },
        industries=["battery"],
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block and then its on-commit callbacks (mails go out after the commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
