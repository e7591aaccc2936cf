"""Property-based run over the whole OpenAPI document (schemathesis): as a visitor, a member
and an operator, no operation may answer 5xx, an undocumented status or a body its schema
does not describe. A few examples per operation keep it to a couple of minutes."""

from __future__ import annotations

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


@schema.parametrize()
@SETTINGS
def test_api_as_an_operator(case, operator, battery_startup):
    case.call_and_validate(headers=_token_header(operator), checks=CHECKS)
