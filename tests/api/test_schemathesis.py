"""Property-based run over the whole OpenAPI document (schemathesis): as a visitor, a member
and an operator, no operation may answer 5xx, an undocumented status or a body its schema
does not describe. A few examples per operation keep it to a couple of minutes."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

# pytest-django has set Django up by the time tests are collected; the OpenAPI view needs no
# database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def _token_header(user) -> dict[str, str]:
    from yeongilman.accounts.services import api_token_issue_from_console

    return {"Authorization": f"Bearer {api_token_issue_from_console(user=user, name='fuzz')[1]}"}


SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


@schema.parametrize()
@SETTINGS
def test_api_as_a_visitor(case, battery_startup):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@SETTINGS
def test_api_as_a_member(case, member, battery_startup):
    case.call_and_validate(headers=_token_header(member), checks=CHECKS)


@pytest.fixture
def objects(operator, battery_startup) -> dict[str, int]:
    """A few objects an operator changes, so the operator's run reaches the services behind
    ids (a random id answers 404 before any body is read): path values by name."""
    from datetime import UTC, datetime

    from yeongilman.events.services import event_create
    from yeongilman.insights import services as insights

    event = event_create(
        actor=operator, kind="forum", title_en="Fuzz Forum", time_zone="Asia/Seoul",
        starts_at=datetime(2030, 5, 1, tzinfo=UTC), ends_at=datetime(2030, 5, 2, tzinfo=UTC),
        is_published=True,
    )  # fmt: skip
    figure = insights.figure_record(
        actor=operator, organisation=battery_startup, year=2024, values={}
    )
    return {
        "event_id": event.pk,
        "organisation_id": battery_startup.pk,
        "figure_id": figure.pk,
        "agreement_id": insights.agreement_save(
            actor=operator, values={"kind": "mou", "title_en": "MoU"}, parties=[]
        ).pk,
        "lead_id": insights.lead_save(actor=operator, values={"title": "Cell plant"}).pk,
        "policy_id": insights.policy_save(
            actor=operator, values={"title": "Special zone", "ministry": "MOTIE"}
        ).pk,
    }


@schema.parametrize()
@SETTINGS
def test_api_as_an_operator(case, operator, objects):
    """Against real objects where the path names one, so a null or a wrong type in a body
    meets the service (the class of answers this run exists to keep at 4xx)."""
    if case.path_parameters:
        case.path_parameters = {
            name: objects.get(name, value) for name, value in case.path_parameters.items()
        }
    case.call_and_validate(headers=_token_header(operator), checks=CHECKS)
