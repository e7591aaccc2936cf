"""Pictures in pages: thumbnails with their size (so layouts do not jump), lazy loading and
text alternatives; initials where an organisation has no logo."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from yeongilman.core import images

register = template.Library()

HUES = 8  # placeholder colours (.pic-hue-0 … 7 in app.css; the CSP allows no inline style)


def _img(name: str, width: int, size: int, alt: str, css: str, eager: bool) -> str:
    """An <img> of the thumbnail `width` shown in a size×size box (object-fit keeps its shape),
    with the larger thumbnail for sharp screens."""
    srcset = ""
    if width < 480 and size * 2 > width:  # the small thumbnail is not sharp enough at 2x
        srcset = f"{images.thumbnail_url(name, width)} 1x, {images.thumbnail_url(name, 480)} 2x"
    return format_html(
        '<img src="{}"{} width="{}" height="{}" alt="{}"{} class="{}" loading="{}" '
        'decoding="async">',
        images.thumbnail_url(name, width),
        format_html(' srcset="{}"', srcset) if srcset else "",
        size,
        size,
        alt,
        SafeString(' aria-hidden="true"') if not alt else "",
        css,
        "eager" if eager else "lazy",
    )


@register.simple_tag
def organisation_logo(
    organisation: Any, size: int = 48, decorative: bool = False, eager: bool = False
) -> SafeString:
    """The logo as a size×size square, or the organisation's initials on a colour of its own.
    `decorative`: the name is written right beside it, so assistive technology skips it."""
    name = str(organisation.name.primary)
    alt = "" if decorative else _("Logo of %(name)s") % {"name": name}
    if organisation.logo:
        width = 96 if size <= 96 else 480
        return SafeString(
            _img(organisation.logo.name, width, size, alt, f"pic pic-logo pic-{size}", eager)
        )
    return format_html(
        '<span class="pic pic-initials pic-{} pic-hue-{}" aria-hidden="true">{}</span>',
        size,
        (organisation.pk or 0) % HUES,
        images.initials(name),
    )


@register.simple_tag
def organisation_cover(organisation: Any) -> SafeString:
    """The cover image across the profile's head (3 : 1), described by its own text or, without
    one, by the organisation's name."""
    if not organisation.cover:
        return SafeString("")
    alt = str(organisation.cover_alt.primary) or _("Cover image of %(name)s") % {
        "name": organisation.name.primary
    }
    name = organisation.cover.name
    return format_html(
        '<img src="{}" srcset="{} 480w, {} 1440w" sizes="(max-width: 600px) 100vw, 1200px" '
        'width="1440" height="480" alt="{}" class="pic pic-cover" decoding="async">',
        images.thumbnail_url(name, 1440),
        images.thumbnail_url(name, 480),
        images.thumbnail_url(name, 1440),
        alt,
    )


@register.simple_tag
def person_photo(person: Any, size: int = 40) -> SafeString:
    """A person's photo beside their name (decorative: the name says who it is); nothing
    without a photo, and never without their consent."""
    if not person.photo or not person.photo_consent:
        return SafeString("")
    return SafeString(_img(person.photo.name, 96, size, "", f"pic pic-photo pic-{size}", False))


@register.simple_tag
def product_image(exhibitor: Any, size: int = 96) -> SafeString:
    """An exhibitor's product picture, described by the products it shows."""
    if not exhibitor.product_image:
        return SafeString("")
    alt = exhibitor.products or _("Product of %(name)s") % {
        "name": exhibitor.organisation.name.primary
    }
    width = 96 if size <= 96 else 480
    return SafeString(
        _img(exhibitor.product_image.name, width, size, alt, f"pic pic-product pic-{size}", False)
    )
