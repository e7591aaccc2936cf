"""Evaluate matching methods on a BEIR-format set: corpus.jsonl, queries.jsonl, qrels/test.tsv."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

from yeongilman.matching.engine import Document, MatchingIndex
from yeongilman.matching.metrics import mrr_at, ndcg_at, recall_at

PAIRS = ("ko->en", "en->ko", "ko->ko", "en->en")


def load_beir(directory: Path) -> tuple[list[Document], list[dict], dict[str, dict[str, int]]]:
    """Read the corpus, the queries and the graded relevance judgements."""
    documents = []
    with open(directory / "corpus.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = ". ".join(p for p in (row.get("title", ""), row.get("text", "")) if p)
            documents.append(
                Document(
                    row["_id"],
                    text,
                    row.get("lang", "en"),
                    row.get("kind", ""),
                    tuple(row.get("industries", [])),
                    row.get("country", ""),
                )  # fmt: skip
            )
    with open(directory / "queries.jsonl", encoding="utf-8") as handle:
        queries = [json.loads(line) for line in handle]
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    with open(directory / "qrels" / "test.tsv", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            qid, did, score = line.rstrip("\n").split("\t")[:3]
            qrels[qid][did] = int(score)
    return documents, queries, dict(qrels)


def _pair(query: dict, relevant: dict[str, int], langs: dict[str, str]) -> str:
    best = max(relevant.values())
    target = Counter(langs[d] for d, g in relevant.items() if g == best).most_common(1)[0][0]
    return f"{query.get('lang', 'en')}->{target}"


def evaluate(
    index: MatchingIndex, queries: list[dict], qrels: dict[str, dict[str, int]],
    methods: dict[str, Callable[[dict], np.ndarray]],
) -> dict[str, dict[str, dict[str, float]]]:  # fmt: skip
    """method → pair ("all" included) → metric → mean. Each method scores a query row."""
    langs = {d.id: d.lang for d in index.documents}
    results: dict[str, dict[str, dict[str, list[float]]]] = {}
    for name, score in methods.items():
        per: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        for query in queries:
            relevant = qrels.get(query["_id"])
            if not relevant:
                continue
            ranked = index.rank(score(query), k=10)
            pair = _pair(query, relevant, langs)
            for bucket in ("all", pair):
                per[bucket]["ndcg@10"].append(ndcg_at(ranked, relevant))
                per[bucket]["recall@10"].append(recall_at(ranked, relevant))
                per[bucket]["mrr@10"].append(mrr_at(ranked, relevant))
        results[name] = per
    return {
        name: {
            bucket: {m: float(np.mean(v)) for m, v in metrics.items()}
            for bucket, metrics in per.items()
        }
        for name, per in results.items()
    }
