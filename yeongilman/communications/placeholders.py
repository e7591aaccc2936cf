"""Operators' mail texts with {placeholders}: only the whitelisted names, nothing else (no
attributes, indexes, conversions or format specs), so a template cannot reach into objects."""

from __future__ import annotations

import re
from string import Formatter

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yeongilman.core.errors import ValidationFailed

PLACEHOLDERS: dict[str, Promise] = {
    "name": gettext_lazy("The recipient's name"),
    "event": gettext_lazy("The event's title"),
    "time": gettext_lazy("The meeting's time in the recipient's zone"),
    "event_time": gettext_lazy("The meeting's time in the event's zone"),
    "table": gettext_lazy("The meeting's table"),
    "link": gettext_lazy("The meeting's video link, or the event's B2B page"),
    "partner": gettext_lazy("The other person of the meeting"),
    "organisation": gettext_lazy("The partner's organisation"),
    "changes": gettext_lazy("What changed (old → new)"),
    "days": gettext_lazy("The number of days (expiry)"),
}


def placeholder_errors(text: str) -> list[str]:
    """The placeholders of `text` that are not allowed (empty when the text is fine); a
    malformed brace counts as a refused placeholder."""
    bad: list[str] = []
    try:
        parsed = list(Formatter().parse(text))
    except ValueError:
        return ["{"]
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            shown = "{" + field + ("!" + conversion if conversion else "") + (
                ":" + spec if spec else ""
            ) + "}"  # fmt: skip
            if shown not in bad:
                bad.append(shown)
    return bad


def check_texts(texts: dict[str, str]) -> None:
    """Refuse texts (field name → text) with unknown placeholders, naming them per field."""
    field_errors: dict[str, list[str]] = {}
    for field, text in texts.items():
        bad = placeholder_errors(text)
        if bad:
            field_errors[field] = [
                _("Unknown placeholders: %(names)s. Allowed: %(allowed)s.")
                % {"names": ", ".join(bad), "allowed": allowed_list()}
            ]
    if field_errors:
        first = next(iter(field_errors.values()))[0]
        raise ValidationFailed(first, field_errors=field_errors)


# Other systems' placeholder styles: "{{ name }}", "%(name)s", "[name]", "<name>".
_NAMES = "|".join(PLACEHOLDERS)
_LOOK_ALIKE = re.compile(
    r"\{\{\s*[\w.]+\s*\}\}|%\(\w+\)s|\[\s*(?:" + _NAMES + r")\s*\]|<\s*(?:" + _NAMES + r")\s*>"
)


def look_alikes(text: str) -> list[str]:
    """What in `text` looks meant as a placeholder but is not one (it would be sent as
    written): double braces and other systems' styles. Empty when there is none."""
    return list(dict.fromkeys(m.group(0) for m in _LOOK_ALIKE.finditer(text or "")))


def allowed_list() -> str:
    """The allowed placeholders, written as {name}, {event}, …"""
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def render(text: str, values: dict[str, str]) -> str:
    """Fill a checked text: every allowed name has a value (empty when it does not apply)."""
    check_texts({"text": text})
    mapping = {name: str(values.get(name, "")) for name in PLACEHOLDERS}
    return text.format_map(mapping)
