"""Page helpers shared by the apps' forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.forms import BaseForm
from django.utils.translation import gettext as _

from yeongilman.core.errors import DomainError


def add_domain_errors(form: BaseForm, error: DomainError) -> None:
    """Attach a service's field errors to the form (unknown fields and a bare message become
    form-wide errors), so the page explains them next to what the user typed."""
    if not error.field_errors:
        form.add_error(None, error.message)
    for field, errors in error.field_errors.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


class BoundedDatesMixin:
    """Refuses dates outside 1900–2100 in every date field of the form, with the field named
    (a year like 20250 is a typo, and pages that show it would break)."""

    def clean(self) -> dict[str, Any]:
        """The usual cleaning, then the bound on every date and date-time."""
        cleaned: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        for name, value in list(cleaned.items()):
            if isinstance(value, date) and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
                self.add_error(  # type: ignore[attr-defined]
                    name,
                    _("Give a date between %(first)d and %(last)d.")
                    % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
                )
        return cleaned
