"""The "Demo" badge of invented organisations and people (the demo world, generated data)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def demo_badge(item: object) -> SafeString:
    """`{% demo_badge organisation %}` (or a person): a "Demo" / "데모" badge when it is
    invented, nothing when it is real."""
    if not getattr(item, "is_synthetic", False):
        return SafeString("")
    if hasattr(item, "name_latin"):  # a person
        explanation = _("An invented person, for the demonstration; not a real one.")
    else:
        explanation = _("An invented organisation, for the demonstration; not a real one.")
    return format_html(
        '<span class="badge badge-demo" title="{}">{}'
        '<span class="visually-hidden"> ({})</span></span>',
        explanation, _("Demo"), explanation,
    )  # fmt: skip
