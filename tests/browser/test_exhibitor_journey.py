"""An exhibitor adds a product with a picture and captures a visitor by typed badge code; the
operator downloads the stand's leads as a spreadsheet."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import expect

from yeongilman.accounts.models import User
from yeongilman.events.codes import code_for
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.exhibitors.models import Lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "ces-2024-pohang-pavilion"


def _log_in(page, email: str) -> None:
    page.goto(page.base_url + "/en/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "yeongilman-demo")
    page.click("main form button[type=submit]")


def test_exhibitor_adds_a_product_and_captures_a_lead_and_the_operator_exports_it(
    page, browser, demo_data, tmp_path
):
    picture = tmp_path / "multicooker.png"
    Image.new("RGB", (640, 480), (20, 120, 90)).save(picture)
    event = Event.objects.get(slug=SLUG)
    partner = User.objects.get(email="partner@demo.yeongilman.kr")
    visitor, _ = Registration.objects.get_or_create(
        event=event, user=partner, defaults={"status": RegistrationStatus.CONFIRMED}
    )

    _log_in(page, "member@demo.yeongilman.kr")
    page.goto(page.base_url + f"/en/events/{SLUG}/")
    stand = page.locator(".stand", has_text="Graphene Square")
    stand.get_by_role("link", name="Manage your stand").click()
    expect(page.locator("h1")).to_have_text("Stand of Graphene Square")

    page.get_by_role("link", name="Add a product").click()
    page.get_by_label("Name (English)").fill("Graphene multi-cooker G2")
    page.get_by_label("Name (Korean)").fill("그래핀 멀티쿠커 G2")
    page.get_by_label("Picture").set_input_files(str(picture))
    page.get_by_role("button", name="Save").click()
    shown = page.locator("#products img.pic-product").first
    expect(shown).to_have_attribute("alt", "Graphene multi-cooker G2")

    page.locator("#leads-link").click()
    page.get_by_label("Badge code").fill(code_for(visitor))
    page.get_by_label("Rating").select_option("4")
    page.get_by_label("Tags").fill("distributor, US")
    page.locator("#save-lead").click()
    expect(page.locator("#lead-list .card")).to_have_count(1)
    expect(page.locator("#lead-list .card-title")).to_have_text(partner.full_name)
    lead = Lead.objects.select_related("captured_by").get(registration=visitor)
    assert lead.captured_by is not None
    assert (lead.rating, lead.tags, lead.captured_by.email) == (
        4, ["distributor", "US"], "member@demo.yeongilman.kr",
    )  # fmt: skip

    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    operator = context.new_page()
    operator.base_url = page.base_url
    _log_in(operator, "operator@demo.yeongilman.kr")
    operator.goto(operator.base_url + f"/en/events/{SLUG}/exhibitors/")
    operator.locator("#stands tr", has_text="Graphene Square").get_by_role("link", name="1").click()
    with operator.expect_download() as download:
        operator.locator("#export-leads").click()
    with open(download.value.path(), "rb") as handle:  # saved without the .xlsx suffix
        sheet = load_workbook(io.BytesIO(handle.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == partner.full_name and rows[1][4] == 4
    context.close()
