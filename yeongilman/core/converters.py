"""Path converters: an id in an address is a positive number the databases can hold, so an
address with a 30-digit id is simply not found (404), not a database error."""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    """Like Django's `int`, limited to 15 digits."""

    regex = "[0-9]{1,15}"

    def to_python(self, value: str) -> int:
        """The id as a number."""
        return int(value)

    def to_url(self, value: int) -> str:
        """The id in an address."""
        return str(value)


register_converter(IdConverter, "id")
