"""Synonyms of the industry taxonomy: Korean and English names of one industry find the same
organisations, the matched words are marked, and operators' edits take effect at once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import make_organisation
from yeongilman.directory.models import Industry
from yeongilman.directory.selectors import DirectoryFilters, search_directory


def _found(q: str) -> set[str]:
    results = search_directory(AnonymousUser(), DirectoryFilters(q=q)).results
    return {o.name_ko or o.name_en for o in results}


@pytest.fixture
def battery_makers(operator):
    make_organisation(
        operator, name_ko="포항셀", industries=("battery",),
        description_ko="포항에서 이차전지 셀을 조립합니다.",
    )  # fmt: skip
    make_organisation(
        operator, name_en="Keystone Cells", country="US",
        description_en="We recycle lithium-ion batteries in Pennsylvania.",
    )  # fmt: skip
    make_organisation(
        operator, name_ko="경주관광", industries=("content",),
        description_ko="관광 앱을 운영합니다.",
    )  # fmt: skip


@pytest.mark.parametrize("q", ["배터리", "이차전지", "2차전지", "battery", "secondary battery"])
def test_every_name_of_an_industry_finds_the_same_organisations(battery_makers, q):
    assert _found(q) == {"포항셀", "Keystone Cells"}


def test_other_words_still_narrow_the_search(battery_makers):
    assert _found("포항 배터리") == {"포항셀"}
    assert _found("관광") == {"경주관광"}


def test_the_matched_word_is_marked_in_the_result(client, battery_makers):
    html = client.get("/ko/directory/", {"q": "배터리"}).content.decode()
    assert "<mark>이차전지</mark>" in html  # the profile says 이차전지, the query 배터리
    assert "<mark>batteries</mark>" in html


def test_a_synonym_an_operator_adds_works_at_once(battery_makers):
    assert _found("축전기") == set()
    industry = Industry.objects.get(code="battery")
    industry.synonyms += "\n축전기"
    industry.save()
    assert _found("축전기") == {"포항셀", "Keystone Cells"}
