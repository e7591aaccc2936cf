"""Template tags for registration codes: the QR picture and the code as text."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from yeongilman.events.codes import code_for, short_code_for, short_code_shown
from yeongilman.events.models import Registration
from yeongilman.events.qr import qr_svg
from yeongilman.onsite.access import is_check_in_staff
from yeongilman.onsite.selectors import my_sessions

register = template.Library()


@register.simple_tag
def registration_code(registration: Registration) -> str:
    """The signed code of a registration, as text (for mail and typing at the desk)."""
    return code_for(registration)


@register.simple_tag
def registration_short_code(registration: Registration) -> str:
    """The short code to type at the desk, as printed (``K7M-4PQ2``)."""
    return short_code_shown(short_code_for(registration))


@register.inclusion_tag("onsite/_registration_code.html")
def registration_qr(registration: Registration) -> dict[str, Any]:
    """A registration's QR code (inline SVG) with its code as text below."""
    code = code_for(registration)
    title = _("Check-in code %(code)s") % {"code": code}
    # segno escapes the title and draws the rest from the code alone: safe to inline.
    return {
        "svg": mark_safe(qr_svg(code, title=title)),  # noqa: S308
        "code": code,
        "short_code": short_code_shown(short_code_for(registration)),
    }


@register.filter
def works_check_in(user: Any, event: Any) -> bool:
    """True when the user may open the event's check-in desk (operators and named staff)."""
    return is_check_in_staff(user, event)


@register.inclusion_tag("onsite/_my_sessions.html", takes_context=True)
def my_programme_sessions(context: dict[str, Any], user: Any) -> dict[str, Any]:
    """My agenda's programme sessions: sign up for or leave each session of my events."""
    return {
        "items": my_sessions(user),
        "csrf_token": context.get("csrf_token"),
        # Times as the rest of My agenda shows them: the viewer's zone, or each event's own.
        "zone": context.get("zone") or user.time_zone,
        "own_zone": context.get("own_zone", False),
    }
