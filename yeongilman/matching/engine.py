"""The matching index: lexical (BM25 over Kiwi/Snowball tokens), dense (e5), and the hybrid
the platform uses, which corrects the language bias of multilingual embeddings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np

from yeongilman.core.tokenize import tokenize
from yeongilman.matching.encoders import Encoder


@dataclass(frozen=True)
class Document:
    """A profile or opportunity to match against."""

    id: str
    text: str
    lang: str  # "ko" or "en"
    kind: str = ""
    industries: tuple[str, ...] = ()


@dataclass
class Weights:
    """How the hybrid mixes its signals (all on standardised scales)."""

    dense: float = 1.0
    lexical: float = 0.2
    industry: float = 0.9
    neighbours: int = 5
    extra: dict[str, float] = field(default_factory=dict)


PRIOR_DOCUMENTS = 5  # how many documents' worth of weight the whole corpus lends a group


def _standardise_by_group(scores: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """z-scores within each group (here: document language), so a Korean query is compared
    with English documents on the English documents' own scale. A small group borrows
    strength from the whole corpus, so a handful of documents cannot produce extreme scores."""
    out = np.zeros_like(scores)
    overall_mean, overall_std = scores.mean(), scores.std()
    for g in np.unique(groups):
        mask = groups == g
        values = scores[mask]
        n = len(values)
        share = n / (n + PRIOR_DOCUMENTS)
        mean = share * values.mean() + (1 - share) * overall_mean
        std = share * values.std() + (1 - share) * overall_std
        out[mask] = (values - mean) / (std if std > 1e-9 else 1.0)
    return out


class MatchingIndex:
    """Documents with their BM25 index and vectors; queries return ranked document ids."""

    def __init__(self, documents: Sequence[Document], encoder: Encoder) -> None:
        self.documents = list(documents)
        self.encoder = encoder
        self.ids = [d.id for d in self.documents]
        self.langs = np.array([d.lang for d in self.documents])
        corpus_tokens = [tokenize(d.text) or ["_"] for d in self.documents]
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus_tokens, show_progress=False)
        self._vocab = {t for tokens in corpus_tokens for t in tokens}
        self.vectors = encoder.encode([d.text for d in self.documents], query=False)

    def lexical_scores(self, text: str) -> np.ndarray:
        """BM25 score of every document for the query text."""
        tokens = [t for t in tokenize(text) if t in self._vocab]
        if not tokens:
            return np.zeros(len(self.documents), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def dense_scores(self, text: str) -> np.ndarray:
        """Cosine similarity of every document to the query text."""
        q = self.encoder.encode([text], query=True)[0]
        return self.vectors @ q

    def rank(self, scores: np.ndarray, k: int = 10, exclude: str | None = None) -> list[str]:
        """Top-k document ids by score."""
        order = np.argsort(-scores, kind="stable")
        out = []
        for i in order:
            if self.ids[i] != exclude:
                out.append(self.ids[i])
            if len(out) == k:
                break
        return out

    def hybrid_scores(self, text: str, weights: Weights | None = None) -> np.ndarray:
        """The platform's score: language-standardised meaning + words + shared industries."""
        w = weights or Weights()
        dense = _standardise_by_group(self.dense_scores(text), self.langs)
        lexical = _standardise_by_group(self.lexical_scores(text), self.langs)
        score = w.dense * dense + w.lexical * lexical
        if w.industry and w.neighbours:
            # Industries of the query, read off its nearest neighbours in every language.
            top = np.argsort(-score)[: w.neighbours]
            counts = Counter(ind for i in top for ind in self.documents[i].industries)
            if counts:
                peak = max(counts.values())
                wanted = {ind: c / peak for ind, c in counts.items()}
                overlap = np.array(
                    [
                        max((wanted.get(ind, 0.0) for ind in d.industries), default=0.0)
                        for d in self.documents
                    ]
                )
                score = score + w.industry * overlap
        return score
