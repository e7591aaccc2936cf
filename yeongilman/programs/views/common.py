"""Helpers shared by the programme pages."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.http import HttpRequest

from yeongilman.programs.answers import display_value
from yeongilman.programs.models import (
    Application,
    ApplicationFile,
    Call,
    FieldKind,
)


def call_zone(call: Call) -> zoneinfo.ZoneInfo:
    """The call's time zone."""
    return zoneinfo.ZoneInfo(call.time_zone)


def answers_for_display(
    application: Application, files: dict[str, ApplicationFile] | None = None
) -> list[dict[str, Any]]:
    """Each question with its answer as a reader sees it (files as links); pass the
    application's files when the page has read them already."""
    if files is None:
        files = {f.field_key: f for f in application.files.all()}
    rows = []
    for field in application.call.fields.all():
        value = application.answers.get(field.key)
        if field.retired and value in (None, "", []) and field.key not in files:
            continue
        rows.append(
            {
                "field": field,
                "value": display_value(field, value),
                "file": files.get(field.key) if field.kind == FieldKind.FILE else None,
            }
        )
    return rows


def raw_value(request: HttpRequest, key: str) -> Any:
    """A posted answer: one value, or the list for multiple choice."""
    values = request.POST.getlist(key)
    return values if len(values) != 1 else values[0]
