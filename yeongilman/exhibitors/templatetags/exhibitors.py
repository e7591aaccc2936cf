"""Exhibitor pictures in pages (product pictures, the floor plan) and the stands that captured
the viewer as a lead: `{% load exhibitors %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.safestring import SafeString

from yeongilman.core import images
from yeongilman.exhibitors import selectors as exhibitor_selectors

register = template.Library()


@register.simple_tag
def product_picture(product: Any, size: int = 96) -> SafeString:
    """A product's picture in a size×size box, described by the product's name."""
    if not product.image:
        return SafeString("")
    width = 96 if size <= 96 else 480
    name = product.image.name
    return format_html(
        '<img src="{}" srcset="{} 1x, {} 2x" width="{}" height="{}" alt="{}" '
        'class="pic pic-product pic-{}" loading="lazy" decoding="async">',
        images.thumbnail_url(name, width),
        images.thumbnail_url(name, width),
        images.thumbnail_url(name, 480),
        size,
        size,
        str(product.name.primary),
        size,
    )


@register.simple_tag
def floor_plan(event: Any) -> SafeString:
    """The event's floor plan across the page, described by the operator's text."""
    if not event.floor_plan:
        return SafeString("")
    name = event.floor_plan.name
    # Linked to the kept original: on a phone the booth numbers are read zoomed in.
    return format_html(
        '<a href="{}"><img src="{}" srcset="{} 480w, {} 1440w" '
        'sizes="(max-width: 600px) 100vw, 1100px" alt="{}" class="floor-plan-image" '
        'loading="lazy" decoding="async"></a>',
        default_storage.url(name),
        images.thumbnail_url(name, 1440),
        images.thumbnail_url(name, 480),
        images.thumbnail_url(name, 1440),
        str(event.floor_plan_alt.primary),
    )


@register.inclusion_tag("exhibitors/_captured_by.html")
def captured_by(user: Any) -> dict[str, Any]:
    """The stands that captured the user as a lead, and who did (for their own pages)."""
    return {"leads": list(exhibitor_selectors.leads_about(user))}


@register.simple_tag
def stands_of(event: Any) -> list[Any]:
    """The event's exhibitors with their products and brochures (one query each)."""
    return list(exhibitor_selectors.exhibitors_of(event))
