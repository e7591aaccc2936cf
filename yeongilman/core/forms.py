"""Page helpers shared by the apps' forms."""

from __future__ import annotations

from django.forms import BaseForm

from yeongilman.core.errors import DomainError


def add_domain_errors(form: BaseForm, error: DomainError) -> None:
    """Attach a service's field errors to the form (unknown fields and a bare message become
    form-wide errors), so the page explains them next to what the user typed."""
    if not error.field_errors:
        form.add_error(None, error.message)
    for field, errors in error.field_errors.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)
