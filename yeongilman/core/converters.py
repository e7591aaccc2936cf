"""Path converters (`id`, `uslug`): an id in an address is a positive number the databases
can hold, so an address with a 30-digit id is simply not found (404), not a database error."""

from __future__ import annotations

import re

from django.urls import register_converter

_ID = re.compile(r"[0-9]{1,15}")


def id_from(raw: object) -> int | None:
    """An id typed into a form or a query (`"12"` -> 12); None for anything else, including
    digits Python reads but databases do not ("²", "١٢") and numbers too long to store."""
    text = raw.strip() if isinstance(raw, str) else ""
    return int(text) if _ID.fullmatch(text) else None


class IdConverter:
    """Like Django's `int`, limited to 15 digits."""

    regex = _ID.pattern

    def to_python(self, value: str) -> int:
        """The id as a number."""
        return int(value)

    def to_url(self, value: int) -> str:
        """The id in an address."""
        return str(value)


register_converter(IdConverter, "id")


class UnicodeSlugConverter:
    """Slugs may be Korean (영일만배터리) as well as ASCII."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        """The slug as written."""
        return value

    def to_url(self, value: str) -> str:
        """The slug in an address."""
        return value


register_converter(UnicodeSlugConverter, "uslug")
