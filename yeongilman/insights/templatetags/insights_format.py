"""Amounts written the way readers of each language count: 억 and 조 in Korean, million and
billion in English (the exact figure stays in the page's title attribute)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import get_language

register = template.Library()

KOREAN_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))
ENGLISH_UNITS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _short(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@register.filter
def short_amount(value: Decimal | float | None, currency: str = "KRW") -> str:
    """An amount in its currency, shortened: "12억 USD", "USD 1.2 billion", "3,500만 원"."""
    if value is None:
        return ""
    amount = float(value)
    korean = (get_language() or "").startswith("ko")
    for size, unit in KOREAN_UNITS if korean else ENGLISH_UNITS:
        if abs(amount) >= size:
            text = f"{_short(amount / size)}{unit}" if korean else f"{_short(amount / size)} {unit}"
            break
    else:
        text = f"{amount:,.0f}"
    if korean:
        return f"{text} 원" if currency == "KRW" else f"{text} {currency}"
    return f"{currency} {text}"
