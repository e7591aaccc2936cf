"""Letter templates: only whitelisted {placeholders}, checked when saved and filled in when
sent. Plain substitution, never str.format (which would reach into attributes)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yeongilman.core.errors import ValidationFailed

PLACEHOLDERS = ("company", "call", "amount", "period", "deadline")
# What each placeholder stands for, shown beside the letter's form.
PLACEHOLDER_HELP = (
    ("company", gettext_lazy("the company's name")),
    ("call", gettext_lazy("the call's title")),
    ("amount", gettext_lazy("the agreement's amount in KRW")),
    ("period", gettext_lazy("the agreement's period")),
    ("deadline", gettext_lazy("the date the signed documents are due")),
)
_BRACES = re.compile(r"\{([^{}]*)\}")


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders in `text` that are not whitelisted, in order of appearance."""
    found = []
    for name in _BRACES.findall(text):
        if name not in PLACEHOLDERS and name not in found:
            found.append(name)
    return found


def check_template(texts: dict[str, str]) -> None:
    """Refuse a template naming the first unknown placeholder of each field."""
    errors: dict[str, list[str]] = {}
    for field, text in texts.items():
        unknown = unknown_placeholders(text)
        if unknown:
            errors[field] = [
                _("Unknown placeholder {%(name)s}; use one of %(allowed)s.")
                % {"name": unknown[0], "allowed": ", ".join("{" + p + "}" for p in PLACEHOLDERS)}
            ]
    if errors:
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(first, field_errors=errors)


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each whitelisted placeholder replaced by its value."""
    return _BRACES.sub(lambda m: values.get(m.group(1), m.group(0)), text)
