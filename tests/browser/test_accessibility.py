"""KWCAG 2.2 / WCAG 2.1 AA: axe-core (served from the installed package, not a CDN) finds no
serious or critical violation on any page of any role in either language, and the journeys
people take with the keyboard alone work with the focus always visible."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.test_phone_layout import _log_in, _pages_from_the_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "yeongilman-demo"
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# The focused element and whether it shows a focus ring (an outline or a box shadow).
FOCUS = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name") || "",
          text: (e.innerText || e.value || "").trim().slice(0, 60),
          visible: ring || style.boxShadow !== "none"};
}"""


def _desktop(browser, live_server, lang: str):
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="ko-KR" if lang == "ko" else "en-US"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    return context, page


# The markup does not depend on the database: the crawl runs once, in the SQLite pass.
@pytest.mark.skipif(
    "postgresql" in settings.DATABASES["default"]["ENGINE"],
    reason="the pages' markup is the same on PostgreSQL; crawled in the SQLite pass",
)
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(
    "email", [None, "member@demo.yeongilman.kr", "operator@demo.yeongilman.kr"]
)
def test_axe_finds_no_serious_violation_on_any_page(browser, live_server, demo_data, email, lang):
    context, page = _desktop(browser, live_server, lang)
    if email:
        _log_in(page, email)
    axe = Axe()
    found = []
    for path in _pages_from_the_menu(page, lang):
        page.goto(live_server.url + path)
        for violation in axe.run(page, options=RULES).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"][:2]]
                found.append(f"{path}: {violation['id']} {targets}")
    context.close()
    assert not found, "axe: " + "; ".join(found)


def _tab_to(page, matches, most: int = 60) -> dict:
    """Press Tab until the focused element satisfies `matches`; every stop must show focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        assert focused["visible"], f"focus is not visible on {focused}"
        if matches(focused):
            return focused
    raise AssertionError("the keyboard never reached the element")


def test_sign_in_and_search_with_the_keyboard_alone(browser, live_server, demo_data):
    context, page = _desktop(browser, live_server, "en")
    page.goto(live_server.url + "/en/events/")
    # The first stop is the skip link, which appears when focused and leads past the header.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")

    # The sign-in page puts the cursor in the e-mail field.
    page.goto(live_server.url + "/en/accounts/login/")
    expect(page.get_by_label("E-mail address")).to_be_focused()
    page.keyboard.type("member@demo.yeongilman.kr")
    _tab_to(page, lambda f: f["id"] == "id_password")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login" not in url)

    page.goto(live_server.url + "/en/directory/")
    _tab_to(page, lambda f: f["tag"] == "input" and f["name"] == "q")
    page.keyboard.type("포스코")
    page.keyboard.press("Enter")
    expect(page.locator(".card-title").first).to_be_visible()
    expect(page.locator(".card-title", has_text="POSCO Holdings")).to_have_count(1)
    # From the search box the keyboard reaches the first result and opens it.
    _tab_to(page, lambda f: f["tag"] == "a" and "POSCO Holdings" in f["text"], most=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("POSCO Holdings")
    context.close()


def test_wrong_sign_in_is_announced_and_keeps_the_address(browser, live_server, demo_data):
    context, page = _desktop(browser, live_server, "en")
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("E-mail address").fill("member@demo.yeongilman.kr")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_have_value("member@demo.yeongilman.kr")
    context.close()


def test_apply_to_a_call_with_the_keyboard_alone(browser, live_server, demo_data, tmp_path):
    deck = tmp_path / "deck.pdf"
    deck.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    context, page = _desktop(browser, live_server, "en")
    _log_in(page, "member@demo.yeongilman.kr")
    page.goto(live_server.url + "/en/programs/")
    _tab_to(page, lambda f: f["tag"] == "a" and f["text"].startswith("CES 2027"), most=80)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/programs/ces-"))
    _tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Apply", most=80)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply|/applications?/"))
    page.wait_for_load_state()

    # Submitting too early: the errors are announced and what was typed stays.
    _tab_to(page, lambda f: f["tag"] == "input" and f["text"] == "" and f["name"] != "")
    page.keyboard.type("Graphene film heater")
    _tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Submit application", most=80)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("Product or technology to exhibit")).to_have_value(
        "Graphene film heater"
    )
    invalid = page.locator("[aria-invalid=true]")
    expect(invalid.first).to_be_attached()

    # Fill the rest without the mouse: text, a checkbox with Space, the file through its chooser.
    _tab_to(page, lambda f: f["tag"] == "textarea", most=80)
    page.keyboard.type("Transparent heaters made of CVD graphene.")
    _tab_to(page, lambda f: f["tag"] == "input" and "United States" in _label_of(page), most=80)
    page.keyboard.press("Space")
    _tab_to(page, lambda f: f["tag"] == "input" and _is_file(page), most=80)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(deck))
    _tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Submit application", most=80)
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your application was submitted")
    context.close()


def _label_of(page) -> str:
    """The text of the label around or for the focused element."""
    return page.evaluate(
        """() => { const e = document.activeElement;
        const label = e.closest("label")
          || (e.id && document.querySelector(`label[for="${e.id}"]`));
        return label ? label.innerText : ""; }"""
    )


def _is_file(page) -> bool:
    return page.evaluate("() => document.activeElement.type === 'file'")
