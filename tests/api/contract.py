"""The API's public contract as JSON: every path and method with its operation id, parameters,
request body and answers, and every schema, without the prose (descriptions and titles).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m tests.api.contract \\
        > tests/api/openapi_v1_contract.json

Regenerate it only when the API grows on purpose (new operations, new optional fields)."""

from __future__ import annotations

import json
from typing import Any

PROSE = frozenset({"description", "title", "summary", "examples", "example"})


def _without_prose(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_prose(v) for k, v in value.items() if k not in PROSE}
    if isinstance(value, list):
        return [_without_prose(v) for v in value]
    return value


def current_contract() -> dict[str, Any]:
    """The contract of the API as the code declares it now."""
    from django.utils import translation

    from config.api import api

    with translation.override("en"):
        document = json.loads(json.dumps(api.get_openapi_schema(), default=str))
    paths: dict[str, Any] = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            paths.setdefault(path, {})[method] = _without_prose(
                {
                    "operationId": operation.get("operationId"),
                    "parameters": operation.get("parameters", []),
                    "requestBody": operation.get("requestBody"),
                    "responses": {
                        code: answer.get("content")
                        for code, answer in operation.get("responses", {}).items()
                    },
                }
            )
    return {"paths": paths, "schemas": _without_prose(document["components"]["schemas"])}


def dumps(contract: dict[str, Any]) -> str:
    """One line per path and per schema, so a change reads as a one-line diff."""

    def line(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    paths = ",\n".join(
        f"{line(p)}: {line(contract['paths'][p])}" for p in sorted(contract["paths"])
    )
    schemas = ",\n".join(
        f"{line(n)}: {line(contract['schemas'][n])}" for n in sorted(contract["schemas"])
    )
    return '{\n"paths": {\n' + paths + '\n},\n"schemas": {\n' + schemas + "\n}\n}\n"


if __name__ == "__main__":
    import django

    django.setup()
    print(dumps(current_contract()), end="")
