"""Words for the front page: how long remains before a deadline, sums of money in won."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yeongilman.core.i18n import current_language

register = template.Library()


@register.filter
def time_left(deadline: datetime | None, now: datetime) -> str:
    """'3 days left', '5 hours left', 'Less than an hour left' (whole units, rounded down)."""
    if deadline is None:
        return ""
    seconds = int((deadline - now).total_seconds())
    if seconds <= 0:
        return _("Closed")
    days, hours = seconds // 86400, seconds // 3600
    if days >= 1:
        return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
    if hours >= 1:
        return ngettext("%(hours)d hour left", "%(hours)d hours left", hours) % {"hours": hours}
    return _("Less than an hour left")


@register.filter
def closes_soon(deadline: datetime | None, now: datetime) -> bool:
    """True when a deadline is less than three days away (the page marks it)."""
    return deadline is not None and 0 < (deadline - now).total_seconds() < 3 * 86400


@register.filter
def won(amount: float) -> str:
    """A large sum in won the way each language counts it: 억 (10⁸) in Korean, billions in
    English ('1,234억 원' / '123.4 billion won')."""
    if current_language() == "ko":
        scaled = intcomma(round(amount / 100_000_000))
        return _("%(amount)s hundred million won") % {"amount": scaled}
    scaled = intcomma(f"{amount / 1_000_000_000:.1f}")
    return _("%(amount)s billion won") % {"amount": scaled}
