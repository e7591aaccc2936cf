"""Every body field of every POST, PUT and PATCH, sent as an operator against real objects: a
null where the document allows none, or a value of the wrong JSON type, is a 422 that names
the field; a null the document allows never answers 5xx. The document and the server agree
on what each field takes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import login
from tests.programs.conftest import ces_call, program, submitted  # noqa: F401 - the programmes' fixtures

pytestmark = pytest.mark.django_db

MATCHED_AT_LEAST = 40  # operations the world below gives real objects to (of about 70)


def _document() -> dict[str, Any]:
    from config.api import api

    return api.get_openapi_schema()


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _takes_null(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "null" or any(
        part.get("type") == "null" for part in schema.get("anyOf", [])
    )


def _wrong_value(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A JSON value of a type the field's schema does not take (None when every type is)."""
    kinds = set()
    for part in schema.get("anyOf", [schema]):
        part = _resolve(document, part)
        kinds.add(part.get("type") or ("string" if "enum" in part else "object"))
        if part.get("format") in {"date", "date-time"}:
            kinds.add("date")
    if "date" in kinds or "boolean" in kinds:
        return 0  # the epoch and False, in Python's lax reading
    if "integer" in kinds or "number" in kinds:
        return "many" if "string" not in kinds else [1]
    if "string" in kinds:
        return {"text": 1}
    if "array" in kinds:
        return {"items": 1}
    return "text"


def _names(answer: Any) -> set[str]:
    return {key.split(".", 1)[0] for key in answer.json().get("errors", {})}


@pytest.fixture
def world(client, operator, member, battery_startup, pittsburgh_lab, submitted):  # noqa: F811
    """One of each object the API changes, made as their users make them; path values by name."""
    from tests.grants.world import grant_world
    from yeongilman.events.models import Exhibitor
    from yeongilman.events.services import event_create
    from yeongilman.exhibitors.services import lead_capture, product_create

    ids: dict[str, Any] = grant_world(operator, member, submitted)
    ids = {f"{key}_id": value for key, value in ids.items()}
    login(client, operator)

    def made(path: str, body: dict[str, Any]) -> int:
        answer = client.post(path, json.dumps(body), content_type="application/json")
        assert answer.status_code in (200, 201), (path, answer.content)
        return int(answer.json()["id"])

    from datetime import UTC, datetime

    event = event_create(
        actor=operator, kind="exhibition", title_en="Battery Expo", time_zone="Asia/Seoul",
        starts_at=datetime(2030, 5, 1, 0, tzinfo=UTC), ends_at=datetime(2030, 5, 2, tzinfo=UTC),
        is_published=True,
    )  # fmt: skip
    stand = Exhibitor.objects.create(event=event, organisation=battery_startup)
    product = product_create(actor=operator, exhibitor=stand, values={"name_en": "Cells"})
    from yeongilman.events.codes import code_for
    from yeongilman.events.services import registration_create

    lead, _created = lead_capture(
        actor=operator, exhibitor=stand,
        code=code_for(registration_create(actor=member, event=event)),
    )  # fmt: skip
    call = submitted.call
    stage = made(f"/api/v1/calls/{call.slug}/stages", {"name_en": "Interviews", "cutoff_top": 5})
    ids.update(
        event_id=event.pk, exhibitor_id=stand.pk, product_id=product.pk, stand_lead_id=lead.pk,
        organisation_id=battery_startup.pk, slug=call.slug, stage_id=stage,
        application_id=submitted.pk,
        person_id=made("/api/v1/people", {"organisation": battery_startup.pk,
                                          "name_latin": "Kim"}),
        opportunity_id=made("/api/v1/opportunities", {
            "owner": battery_startup.pk, "type": "pilot_offered", "title_en": "Pilot line",
            "description_en": "Open.",
        }),
        agreement_id=made("/api/v1/insights/agreements", {"kind": "mou", "title_en": "MoU"}),
        figure_id=made("/api/v1/insights/figures",
                       {"organisation": battery_startup.pk, "year": 2024}),
        lead_id=made("/api/v1/insights/leads", {"title": "Cell plant"}),
        policy_id=made("/api/v1/insights/policies", {"title": "Special zone",
                                                    "ministry": "MOTIE"}),
    )  # fmt: skip
    return ids


def test_every_body_field_refuses_null_and_wrong_types_by_name(client, operator, world):
    document = _document()
    client.raise_request_exception = False  # a 500 is a finding to list, like the others
    matched, problems = 0, []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if method not in {"post", "put", "patch"} or "application/json" not in content:
                continue
            names = re.findall(r"{(\w+)}", path)
            if any(name not in world for name in names):
                continue
            matched += 1
            url = path.format(**{name: world[name] for name in names})
            schema = _resolve(document, content["application/json"]["schema"])
            for field, field_schema in schema.get("properties", {}).items():
                send = getattr(client, method)
                sent = {field: None}
                answer = send(url, json.dumps(sent), content_type="application/json")
                if answer.status_code >= 500 or (
                    not _takes_null(field_schema)
                    and (answer.status_code != 422 or field not in _names(answer))
                ):
                    problems.append((method, path, sent, answer.status_code))
                wrong = {field: _wrong_value(document, field_schema)}
                answer = send(url, json.dumps(wrong), content_type="application/json")
                if answer.status_code != 422 or field not in _names(answer):
                    problems.append((method, path, wrong, answer.status_code))
    assert matched >= MATCHED_AT_LEAST
    assert problems == [], "\n".join(map(str, problems))
