"""Why a document was suggested: structured reasons the web layer renders in the viewer's
language (shared industries, shared key terms marked in both texts, direction of need, kind and
country fit, and which part of each text met the other)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from yeongilman.matching.bridge import language_of
from yeongilman.matching.engine import MatchingIndex, Query, Signals, Weights
from yeongilman.matching.generic import is_no_reason
from yeongilman.tokenizer import terms_with_spans

Span = tuple[int, int]
MAX_TERMS = 6
COMMON_SHARE = 0.2  # a term in more than this share of documents explains nothing
STRONG = 1.0  # a standardised signal above this is worth saying
MAX_PEERS = 3  # the collaborative lift stops growing after this many peers


@dataclass(frozen=True)
class Reasons:
    """Reasons for one suggestion; codes, not prose, so any language can render them."""

    shared_industries: tuple[str, ...]
    shared_terms: tuple[str, ...]  # as written in the suggested document
    query_marks: tuple[Span, ...]  # where the shared terms occur in the query text
    document_marks: tuple[Span, ...]  # and in the document text
    direction: str  # "complement", "same_side" or ""
    need_meets_offer: bool  # what the query looks for resembles what the document is
    offer_meets_need: bool  # what the query is resembles what the document looks for
    kind_fit: bool
    country_fit: str  # the document's country when the query asked for it
    # The same thing named in each language: (as the query writes it, as the document does)
    bridged_terms: tuple[tuple[str, str], ...] = ()
    limit_respected: str = ""  # the document's stated limit, which the query meets
    met_by_peers: int = 0  # organisations like the query's that met it with a good outcome
    # What each signal added to the score (weight × standardised signal), by reason code:
    # "text" (the texts' likeness and shared words), "industries", "direction", "kind",
    # "country", "peers"; the web layer orders its sentences by these.
    contributions: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """One ranked document with its score and reasons."""

    id: str
    score: float
    reasons: Reasons


def shared_terms(
    index: MatchingIndex, query_text: str, document_text: str
) -> tuple[tuple[str, ...], tuple[Span, ...], tuple[Span, ...]]:
    """Distinctive terms both texts use, with their positions in each (rarest first)."""
    query_spans = [t for t in terms_with_spans(query_text) if len(t[0]) >= 2]
    doc_spans = [t for t in terms_with_spans(document_text) if len(t[0]) >= 2]
    common = {t for t, _s, _e in query_spans} & {t for t, _s, _e in doc_spans}
    total = max(1, len(index.documents))
    frequency = index.document_frequency
    common = {
        t
        for t in common
        if frequency.get(t, 0) / total <= COMMON_SHARE and not t.isdigit() and not is_no_reason(t)
    }
    chosen = sorted(common, key=lambda t: (frequency.get(t, 0), t))[:MAX_TERMS]
    keep = set(chosen)
    surface = {t: document_text[s:e] for t, s, e in reversed(doc_spans)}
    return (
        tuple(surface[t] for t in chosen),
        tuple(sorted({(s, e) for t, s, e in query_spans if t in keep})),
        tuple(sorted({(s, e) for t, s, e in doc_spans if t in keep})),
    )


def contributions(signals: Signals, position: int, weights: Weights) -> dict[str, float]:
    """What each group of signals added to the document's score, by reason code."""
    at = position
    text = (
        weights.whole * signals.whole[at]
        + weights.need_to_about * signals.need_to_about[at]
        + weights.about_to_need * signals.about_to_need[at]
        + weights.lexical * signals.lexical[at]
    )
    industry = signals.industry[at] if len(signals.industry) else 0.0
    return {
        "text": round(float(text), 4),
        "industries": round(float(weights.industry * industry), 4),
        "direction": round(float(weights.direction * signals.direction[at]), 4),
        "kind": round(float(weights.kind * signals.kind[at]), 4),
        "country": round(float(weights.country * signals.country[at]), 4),
    }


def explain(
    index: MatchingIndex, query: Query, signals: Signals, position: int,
    weights: Weights | None = None,
) -> Reasons:  # fmt: skip
    """The reasons the document at `position` scored as it did for this query."""
    document = index.documents[position]
    terms, query_marks, document_marks = shared_terms(index, query.text, document.text)
    if query.industries:
        industries = tuple(i for i in document.industries if i in query.industries)
    else:
        industries = tuple(i for i in document.industries if signals.industry[position] > 0)
    direction_value = float(signals.direction[position])
    direction = "complement" if direction_value > 0 else "same_side" if direction_value < 0 else ""
    country = document.home_country if signals.country[position] > 0 else ""
    bridged = _bridged_terms(index, query, document.text, document.lang)
    query_marks = tuple(sorted({*query_marks, *(q for q, _d in bridged)}))
    document_marks = tuple(sorted({*document_marks, *(d for _q, d in bridged)}))
    limits = index.limits.get(position)
    respected = limits.sentence if limits and signals.limits[position] == 0 else ""
    return Reasons(
        shared_industries=industries,
        shared_terms=terms,
        query_marks=query_marks,
        document_marks=document_marks,
        direction=direction,
        need_meets_offer=bool(signals.need_to_about[position] >= STRONG),
        offer_meets_need=bool(signals.about_to_need[position] >= STRONG),
        kind_fit=bool(signals.kind[position] > 0),
        country_fit=country,
        bridged_terms=tuple(
            (query.text[qs:qe], document.text[ds:de]) for (qs, qe), (ds, de) in bridged
        )[:MAX_TERMS],
        limit_respected=respected,
        contributions=tuple(contributions(signals, position, weights or Weights()).items()),
    )


def _bridged_terms(
    index: MatchingIndex, query: Query, text: str, lang: str
) -> list[tuple[Span, Span]]:
    query_lang = language_of(query.text, query.lang)
    return index.bridge.shared_concepts(query.text, query_lang, text, lang)[:MAX_TERMS]


def suggest(
    index: MatchingIndex,
    query: Query,
    k: int = 10,
    weights: Weights | None = None,
    allowed: np.ndarray | None = None,
    not_useful: Iterable[str] = (),
    peers: Mapping[str, int] | None = None,
) -> list[Suggestion]:
    """The top-k documents for a query with their reasons; `allowed` masks the candidates,
    items marked not useful by the subject come last and items like them move down; `peers`
    (document id → how many organisations like the query's met it with a good outcome) moves
    those up, by at most three peers' worth."""
    signals = index.signals(query)
    scores = index.combine(signals, weights)
    peers = peers or {}
    if peers:
        lift = np.zeros_like(scores)
        for doc_id, count in peers.items():
            if doc_id in index.position:
                lift[index.position[doc_id]] = min(count, MAX_PEERS)
        scores = scores + (weights or Weights()).collaborative * lift
    avoided = list(not_useful)
    if avoided:
        scores = scores - (weights or Weights()).not_useful * index.likeness_to(avoided)
        # What was marked not useful itself comes after every other candidate.
        rows = [index.position[k] for k in avoided if k in index.position]
        scores[rows] = scores.min() - 1.0
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    ids = index.rank(scores, k=k, exclude=query.exclude)
    out = []
    for doc_id in ids:
        i = index.position[doc_id]
        if not np.isfinite(scores[i]):
            break
        reasons = explain(index, query, signals, i, weights)
        if peers.get(doc_id):
            added = (weights or Weights()).collaborative * min(peers[doc_id], MAX_PEERS)
            reasons = replace(
                reasons, met_by_peers=peers[doc_id],
                contributions=(*reasons.contributions, ("peers", float(added))),
            )  # fmt: skip
        out.append(Suggestion(doc_id, float(np.round(scores[i], 4)), reasons))
    return out
