"""The three directory journeys, as people take them in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from yeongilman.directory.models import Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "yeongilman-demo"


def test_visitor_switches_to_english_searches_filters_and_opens_a_pohang_organisation(
    page, demo_data
):
    page.goto(page.base_url + "/ko/directory/")
    expect(page.locator("h1")).to_have_text("디렉터리")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Directory")
    assert "/en/directory/" in page.url

    page.get_by_label("Search the directory").fill("battery")
    page.get_by_label("Search the directory").press("Enter")
    expect(page).to_have_url(re.compile(r"q=battery"))
    expect(page.locator(".result-count")).to_contain_text("organisations")
    expect(page.locator(".card").first).to_be_visible()
    total_before = len(page.locator(".card").all())

    page.locator('fieldset[data-facet="country"] label', has_text="South Korea").click()
    expect(page).to_have_url(re.compile(r"country=KR"))
    expect(page.locator('fieldset[data-facet="country"] input[value="KR"]')).to_be_checked()
    cards = page.locator(".card")
    expect(cards.first).to_be_visible()
    assert len(cards.all()) <= total_before
    for meta in page.locator(".card .meta").all_inner_texts():
        assert "South Korea" in meta

    pohang_card = cards.filter(has_text="Pohang").first
    name = pohang_card.locator(".card-title a").inner_text()
    pohang_card.locator(".card-title a").click()
    expect(page.locator("h1")).to_contain_text(name)  # (and a demo badge when invented)
    expect(page.locator(".meta").first).to_contain_text("Pohang, South Korea")
    expect(page.locator(".facts")).to_contain_text("Secondary battery")


def test_member_logs_in_and_edits_the_korean_description(page, demo_data):
    page.goto(page.base_url + "/ko/accounts/login/")
    page.get_by_label("이메일 주소").fill("member@demo.yeongilman.kr")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()

    page.goto(page.base_url + "/ko/accounts/profile/")
    page.get_by_role("link", name="그래핀스퀘어").click()
    page.get_by_role("link", name="프로필 수정").click()
    new_text = "그래핀 발열 필름으로 주방 가전을 만듭니다. 해외 유통 파트너를 찾습니다."
    page.get_by_label("소개(한국어)").fill(new_text)
    page.get_by_role("button", name="저장").click()

    expect(page.locator(".messages")).to_contain_text("변경 내용을 저장했습니다.")
    expect(page.locator(".desc-primary")).to_have_text(new_text)
    assert Organisation.objects.get(name_en="Graphene Square").description_ko == new_text
    # The edit is searchable at once.
    page.goto(page.base_url + "/ko/directory/?q=주방 가전")
    expect(page.locator(".card-title")).to_contain_text(["그래핀스퀘어"])


def test_operator_imports_a_csv_with_one_bad_row(page, demo_data, tmp_path):
    csv_path = tmp_path / "new-partners.csv"
    csv_path.write_text(
        "kind,name_ko,name_en,industries,city,country,website\n"
        "startup,포항수소랩,Pohang Hydrogen Lab,hydrogen,Pohang,KR,https://h2lab.example.kr\n"
        "rocket,잘못된행,Broken Row,hydrogen,Pohang,KR,\n"
        "investor,,Three Rivers Seed Fund,finance,Pittsburgh,US,https://trsf.example.org\n",
        encoding="utf-8",
    )
    page.goto(page.base_url + "/en/accounts/login/")
    page.get_by_label("E-mail address").fill("operator@demo.yeongilman.kr")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(page.base_url + "/en/directory/import/")
    page.get_by_label("CSV or XLSX file").set_input_files(str(csv_path))
    page.get_by_label("Dry run: show what would change without saving").uncheck()
    page.get_by_role("button", name="Upload").click()

    report = page.locator("#import-report")
    expect(report.locator('[data-figure="created"]')).to_have_text("2")
    expect(report.locator('[data-figure="failed"]')).to_have_text("1")
    error_row = report.locator(".errors-table tbody tr")
    expect(error_row).to_have_count(1)
    expect(error_row.locator("td").first).to_have_text("3")
    expect(error_row).to_contain_text("rocket")
    assert (
        Organisation.objects.filter(
            name_en__in=["Pohang Hydrogen Lab", "Three Rivers Seed Fund"]
        ).count()
        == 2
    )
    assert not Organisation.objects.filter(name_en="Broken Row").exists()


def test_directory_works_at_phone_width(browser, live_server, demo_data, tmp_path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/en/directory/?q=bio")
    expect(page.locator(".card").first).to_be_visible()
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
    context.close()
