"""At phone width (390 px) the header folds into a menu and no page scrolls sideways, for a
visitor, a member and an operator, in Korean and in English."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "yeongilman-demo"
PHONE = {"width": 390, "height": 844}
# The innermost elements that reach past the screen's right edge, to name in a failure.
WIDEST = """() => {
  const past = (e) => e.getBoundingClientRect().right > window.innerWidth + 1;
  return [...document.querySelectorAll("body *")]
  .filter((e) => past(e) && ![...e.children].some(past))
  .slice(0, 4).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
}"""
# Not pages to look at: leaving, downloads, the admin and the API's machine views.
SKIP = ("/accounts/logout", "/admin/", "/api/", "export", "download", ".ics", ".pdf", ".xlsx",
        ".csv", "/static/", "/media/")  # fmt: skip


def _phone(browser, live_server, lang: str):
    context = browser.new_context(viewport=PHONE, locale="ko-KR" if lang == "ko" else "en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    return context, page


def _log_in(page, email: str) -> None:
    page.goto(page.base_url + "/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def _pages_from_the_menu(page, lang: str, most: int = 60) -> list[str]:
    """The pages reachable in two clicks from the home page, one of each shape (one
    organisation page stands for all of them)."""
    found: dict[str, str] = {}
    frontier = [f"/{lang}/"]
    for _depth in range(4):
        following: list[str] = []
        for path in frontier:
            if len(found) >= most:
                break
            if _shape(path) in found:
                continue
            found[_shape(path)] = path
            page.goto(page.base_url + path)
            following += [h for h in _links(page) if h.startswith(f"/{lang}/")]
        frontier = list(dict.fromkeys(following))
    return list(found.values())


def _shape(path: str) -> str:
    """/en/directory/o/anpoly/ and /en/directory/o/biocom/ have one shape; so have ?page=2 and
    ?page=3 (the parameters' names count, not their values)."""
    bare, _sep, query = path.partition("?")
    parts = [p for p in bare.split("/") if p]
    shaped = [p if i < 2 or not (any(c.isdigit() for c in p) or "-" in p) else "*"
              for i, p in enumerate(parts)]  # fmt: skip
    names = sorted(q.split("=")[0] for q in query.split("&") if q)
    return "/".join(shaped) + "?" + "&".join(names)


def _links(page, scope: str = "body") -> list[str]:
    hrefs = page.eval_on_selector_all(f"{scope} a[href]", "els => els.map(e => e.href)")
    out = []
    for href in hrefs:
        parsed = urlparse(href)
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        if parsed.netloc and parsed.netloc != urlparse(page.url).netloc:
            continue
        if any(s in path for s in SKIP) or "#" in href:
            continue
        out.append(path)
    return list(dict.fromkeys(out))


def test_the_header_folds_into_a_menu_on_phones(browser, live_server, demo_data):
    context, page = _phone(browser, live_server, "en")
    page.goto(live_server.url + "/en/")
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    expect(page.get_by_role("link", name="Directory")).to_be_hidden()
    assert page.locator(".site-header").bounding_box()["height"] < 80
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Directory").click()
    expect(page).to_have_url(live_server.url + "/en/directory/")
    context.close()


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(
    "email", [None, "member@demo.yeongilman.kr", "operator@demo.yeongilman.kr"]
)
def test_no_page_scrolls_sideways_at_phone_width(browser, live_server, demo_data, email, lang):
    context, page = _phone(browser, live_server, lang)
    if email:
        _log_in(page, email)
    wide = []
    paths = _pages_from_the_menu(page, lang)
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = page.evaluate(WIDEST)
            wide.append(f"{path} ({width} px: {', '.join(culprits)})")
    context.close()
    assert not wide, "scrolls sideways at 390 px: " + ", ".join(wide)
