"""What the API published stays as it was: every operation at its path and method with the same
operation id, parameters, body and answers, and every schema's fields with their types. Growing
is allowed (new operations, new fields, new schemas); changing or removing is not."""

from __future__ import annotations

import json
from pathlib import Path

from tests.api.contract import current_contract

PUBLISHED = json.loads((Path(__file__).parent / "openapi_v1_contract.json").read_text())


def test_every_published_operation_answers_as_published():
    now = current_contract()["paths"]
    changed = [
        f"{method.upper()} {path}"
        for path, operations in PUBLISHED["paths"].items()
        for method, published in operations.items()
        if now.get(path, {}).get(method) != published
    ]
    assert changed == []


def test_every_published_schema_keeps_its_fields_and_promises():
    now = current_contract()["schemas"]
    broken = []
    for name, published in PUBLISHED["schemas"].items():
        current = now.get(name)
        if current is None:
            broken.append(f"{name}: gone")
            continue
        for field, shape in published.get("properties", {}).items():
            if current.get("properties", {}).get(field) != shape:
                broken.append(f"{name}.{field}: changed")
        if not set(published.get("required", [])) <= set(current.get("required", [])):
            broken.append(f"{name}: a required field is no longer required")
    assert broken == []
