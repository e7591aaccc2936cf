"""A member uploads their organisation's logo and sees it in the directory, described."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import expect

from yeongilman.directory.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_replaces_the_logo_and_sees_it_in_the_directory(page, demo_data, tmp_path):
    logo = tmp_path / "new-logo.png"
    Image.new("RGB", (300, 300), (11, 110, 153)).save(logo)
    before = Organisation.objects.get(name_en="Graphene Square").logo.name

    page.goto(page.base_url + "/en/accounts/login/")
    page.fill("#id_username", "member@demo.yeongilman.kr")
    page.fill("#id_password", "yeongilman-demo")
    page.click("main form button[type=submit]")
    page.goto(page.base_url + "/en/directory/o/graphene-square/edit/")
    page.get_by_label("Logo", exact=True).set_input_files(str(logo))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Graphene Square")

    after = Organisation.objects.get(name_en="Graphene Square").logo.name
    assert after and after != before
    page.goto(page.base_url + "/en/directory/?q=graphene")
    card_logo = page.locator(".card img.pic-logo").first
    expect(card_logo).to_have_attribute("alt", "Logo of Graphene Square")
    expect(card_logo).to_have_attribute("src", "/media/" + after.replace(".png", "-96.png"))
    card_logo.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=card_logo.element_handle()
    )
    # The logo's box is fixed, so the card does not move while it loads.
    assert card_logo.get_attribute("width") == "56" and card_logo.get_attribute("height") == "56"
