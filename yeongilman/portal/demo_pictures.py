"""Pictures for the demo, drawn here with Pillow (nothing downloaded): monograms standing in for
a few organisations' logos (not their real logos, which belong to them), a cover, and two
product tiles, all uploaded through the same services and checks as members' pictures."""

from __future__ import annotations

import io
import math

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from yeongilman.accounts.models import User
from yeongilman.core.images import initials
from yeongilman.directory.models import Organisation, Person
from yeongilman.directory.services import organisation_update, person_update
from yeongilman.events.models import Exhibitor
from yeongilman.exhibitors.services import exhibitor_product_image_set

# English name → (background, mark colour) of the monogram.
DEMO_LOGOS = {
    "Graphene Square": ("#14213d", "#7dd3fc"),
    "Midbar": ("#067647", "#ecfdf3"),
    "Flow Studio": ("#6941c6", "#f4ebff"),
    "Nature Gluetech": ("#7a4d00", "#fff4d6"),
    "Innovation Works": ("#b42318", "#ffffff"),
    "Pohang Technopark": ("#0b6e99", "#ffffff"),
    "Mangoslab": ("#f79009", "#14213d"),
}
DEMO_COVERS = {"Graphene Square": "#14213d"}
DEMO_PRODUCTS = {"Midbar": ("AirFarm", "#067647"), "Nature Gluetech": ("Glue", "#7a4d00")}


def _png(image: Image.Image) -> ContentFile:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return ContentFile(out.getvalue(), name="demo.png")


def monogram(text: str, background: str, ink: str, size: int = 512) -> Image.Image:
    """A rounded square with up to two letters in the middle."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=background)
    font = ImageFont.load_default(size=size * 2 // 5)
    draw.text((size / 2, size / 2), text, fill=ink, font=font, anchor="mm")
    return image


def hexagon_cover(background: str, width: int = 1800, height: int = 600) -> Image.Image:
    """A lattice of hexagons (graphene's own shape) fading across a wide picture."""
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    r = 46
    for row in range(-1, height // int(r * 1.5) + 2):
        for col in range(-1, width // int(r * math.sqrt(3)) + 2):
            cx = col * r * math.sqrt(3) + (row % 2) * r * math.sqrt(3) / 2
            cy = row * r * 1.5
            shade = int(60 + 140 * cx / width)
            points = [
                (
                    cx + r * math.cos(math.radians(60 * k + 30)),
                    cy + r * math.sin(math.radians(60 * k + 30)),
                )
                for k in range(6)
            ]
            draw.polygon(points, outline=(shade // 2, shade, 255), width=3)
    return image


def product_tile(word: str, colour: str, size: int = 640) -> Image.Image:
    """A plain tile naming a product, for the demo's exhibitor list."""
    image = Image.new("RGB", (size, size), "#f7f8fb")
    draw = ImageDraw.Draw(image)
    draw.ellipse((size * 0.18, size * 0.12, size * 0.82, size * 0.76), fill=colour)
    font = ImageFont.load_default(size=size // 9)
    draw.text((size / 2, size * 0.88), word, fill="#14213d", font=font, anchor="mm")
    return image


def load_demo_pictures(operator: User) -> int:
    """Give the demo organisations without pictures their monograms, cover and product tiles;
    returns how many pictures were added (none on a second run)."""

    added = 0
    for name, (background, ink) in DEMO_LOGOS.items():
        organisation = Organisation.objects.filter(name_en=name).first()
        if organisation is None or organisation.logo:
            continue
        pictures = {"logo": _png(monogram(initials(name), background, ink))}
        if name in DEMO_COVERS and not organisation.cover:
            pictures["cover"] = _png(hexagon_cover(DEMO_COVERS[name]))
        organisation_update(actor=operator, organisation=organisation, values={}, pictures=pictures)
        added += len(pictures)
    for name, (word, colour) in DEMO_PRODUCTS.items():
        for exhibitor in Exhibitor.objects.filter(organisation__name_en=name, product_image=""):
            exhibitor_product_image_set(
                actor=operator, exhibitor=exhibitor, image=_png(product_tile(word, colour))
            )
            added += 1
    # The demo member's own entry: a drawn portrait tile, shown with the consent recorded.
    person = Person.objects.filter(user__email="member@demo.yeongilman.kr", photo="").first()
    if person is not None:
        person_update(actor=operator, person=person, values={"photo_consent": True},
                      photo=_png(monogram("DM", "#0e7490", "#ffffff")))  # fmt: skip
        added += 1
    return added
