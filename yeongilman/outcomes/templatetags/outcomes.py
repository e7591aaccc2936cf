"""Rates as percentages for the outcome pages and the insights section."""

from __future__ import annotations

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def percent(rate: float | None) -> str:
    """0.4567 → '45.7 %'; no rate (nothing to divide by) → '–'."""
    if rate is None:
        return "–"
    return f"{formats.number_format(rate * 100, 1)} %"


@register.filter
def rate_of(rates: dict[str, float | None], stage: str) -> float | None:
    """One stage's conversion rate from a funnel row's rates."""
    return rates.get(stage)
