"""Exhibitors' product images: the exhibiting organisation's members and operators only."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import login
from yeongilman.core.errors import PermissionDenied
from yeongilman.events.models import Exhibitor
from yeongilman.events.services import event_create
from yeongilman.exhibitors.services import exhibitor_product_image_set


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (200, 150), "green").save(out, format="PNG")
    return SimpleUploadedFile("product.png", out.getvalue())


@pytest.fixture
def exhibitor(operator, battery_startup) -> Exhibitor:
    event = event_create(
        actor=operator, kind="exhibition", title_en="CES", time_zone="UTC", is_published=True,
        starts_at=datetime(2027, 1, 6, 9, tzinfo=UTC), ends_at=datetime(2027, 1, 9, tzinfo=UTC),
    )  # fmt: skip
    return Exhibitor.objects.create(event=event, organisation=battery_startup, products="LFP cells")


def test_member_of_the_exhibitor_sets_and_removes_the_product_image(
    member, exhibitor, django_capture_on_commit_callbacks
):
    exhibitor_product_image_set(actor=member, exhibitor=exhibitor, image=png())
    name = exhibitor.product_image.name
    assert name.startswith("images/products/") and default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        exhibitor_product_image_set(actor=member, exhibitor=exhibitor, image=None)
    exhibitor.refresh_from_db()
    assert exhibitor.product_image.name == "" and not default_storage.exists(name)


def test_other_members_cannot_set_the_product_image(other_member, exhibitor):
    with pytest.raises(PermissionDenied):
        exhibitor_product_image_set(actor=other_member, exhibitor=exhibitor, image=png())
    exhibitor.refresh_from_db()
    assert exhibitor.product_image.name == ""


def test_event_page_shows_the_product_image_described_by_the_products(client, member, exhibitor):
    exhibitor_product_image_set(actor=member, exhibitor=exhibitor, image=png())
    html = client.get(f"/en/events/{exhibitor.event.slug}/").content.decode()
    assert 'alt="LFP cells"' in html and "-96.png" in html
    assert "Change the product image" not in html  # visitors get no edit link
    html = login(client, member).get(f"/en/events/{exhibitor.event.slug}/").content.decode()
    assert "Change the product image" in html
