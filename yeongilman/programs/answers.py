"""Answers to a call's form: kept as typed in drafts, checked in full at submission."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from yeongilman.core.forms import EARLIEST_YEAR, LATEST_YEAR
from yeongilman.programs.models import FieldKind, FormField

# A draft keeps what was typed, within reason: no answer grows past this many characters.
MAX_STORED_CHARS = 20_000
MAX_NUMBER = Decimal(10) ** 15


def draft_answers(fields: Iterable[FormField], raw: Mapping[str, Any]) -> dict[str, Any]:
    """The answers given in `raw` for the live, non-file fields, as typed (trimmed, capped)."""
    out: dict[str, Any] = {}
    for field in fields:
        if field.retired or field.kind == FieldKind.FILE or field.key not in raw:
            continue
        value = raw[field.key]
        if field.kind == FieldKind.MULTIPLE_CHOICE:
            items = value if isinstance(value, list | tuple) else [value]
            out[field.key] = [str(v)[:200] for v in items if str(v).strip()]
        else:
            if isinstance(value, list | tuple):
                value = value[-1] if value else ""
            out[field.key] = ("" if value is None else str(value)).strip()[:MAX_STORED_CHARS]
    return out


def answer_errors(field: FormField, value: Any, has_file: bool) -> list[str]:
    """What is wrong with one answer for submission (empty: fine)."""
    if field.kind == FieldKind.FILE:
        return [_("This file is required.")] if field.required and not has_file else []
    empty = value in (None, "", [])
    if empty:
        return [_("This field is required.")] if field.required else []
    values = {c.get("value") for c in field.choices}
    if field.kind in (FieldKind.SHORT_TEXT, FieldKind.LONG_TEXT):
        limit = field.max_chars or (200 if field.kind == FieldKind.SHORT_TEXT else None)
        if limit and len(str(value)) > limit:
            return [
                _("At most %(limit)s characters (now %(n)s).")
                % {"limit": limit, "n": len(str(value))}
            ]
    elif field.kind == FieldKind.NUMBER:
        try:
            number = Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            return [_("Enter a number.")]
        if not number.is_finite() or abs(number) > MAX_NUMBER:
            return [_("Enter a number of at most 15 digits.")]
    elif field.kind == FieldKind.DATE:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            return [_("Enter a date as YYYY-MM-DD.")]
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            return [
                _("Give a date between %(first)d and %(last)d.")
                % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
            ]
    elif field.kind == FieldKind.CHOICE:
        if value not in values:
            return [_("Choose one of the options.")]
    elif field.kind == FieldKind.MULTIPLE_CHOICE:
        if not isinstance(value, list) or not set(value) <= values:
            return [_("Choose among the options.")]
    elif field.kind == FieldKind.YES_NO and value not in ("yes", "no"):
        return [_("Answer yes or no.")]
    return []


def submission_errors(
    fields: Iterable[FormField], answers: Mapping[str, Any], file_keys: set[str]
) -> dict[str, list[str]]:
    """Every live field's problems, keyed by field key (empty: ready to submit)."""
    errors = {}
    for field in fields:
        if field.retired:
            continue
        problems = answer_errors(field, answers.get(field.key), field.key in file_keys)
        if problems:
            errors[field.key] = problems
    return errors


def display_value(field: FormField, value: Any) -> str:
    """An answer as a reader should see it (choice labels, yes/no in their language)."""
    if value in (None, "", []):
        return ""
    if field.kind == FieldKind.CHOICE:
        return field.choice_label(str(value))
    if field.kind == FieldKind.MULTIPLE_CHOICE:
        return ", ".join(field.choice_label(str(v)) for v in value)
    if field.kind == FieldKind.YES_NO:
        return str(_("Yes")) if value == "yes" else str(_("No")) if value == "no" else str(value)
    return str(value)
