"""The matching index: lexical (BM25 over Kiwi/Snowball tokens), dense (e5), and the hybrid the
platform uses. The hybrid compares each candidate with the query on the scale of documents in the
candidate's own language (multilingual embeddings otherwise prefer the query's language), matches
what the query needs with what the candidate is, pushes competitors down, and adds structure:
direction of need, kind of organisation wanted, country wanted and shared industries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np
from threadpoolctl import threadpool_limits

from yeongilman.matching.bridge import Bridge, default_bridge, language_of
from yeongilman.matching.encoders import Encoder
from yeongilman.matching.generic import is_generic
from yeongilman.matching.limits import breaks_limits, is_for_profit, read_limits, stages_in
from yeongilman.matching.roles import (
    ABROAD,
    LANGUAGE_COUNTRY,
    Roles,
    split_roles,
    wanted_countries,
    wanted_kinds,
)
from yeongilman.tokenizer import tokenize

# Topics of need; "rd" (research cooperation) is symmetric: two seekers are a match.
SYMMETRIC_TOPICS = frozenset({"rd"})


@dataclass(frozen=True)
class Document:
    """A profile or opportunity to match against."""

    id: str
    text: str
    lang: str  # "ko" or "en"
    kind: str = ""
    industries: tuple[str, ...] = ()
    country: str = ""  # ISO 3166 alpha-2; when empty, the country of its language
    offers: frozenset[str] = frozenset()  # topics: technology, business, investment, rd, pilot
    seeks: frozenset[str] = frozenset()

    @property
    def home_country(self) -> str:
        """The document's country, or the country its language stands for."""
        return self.country or LANGUAGE_COUNTRY.get(self.lang, "")


@dataclass(frozen=True)
class Query:
    """What to find partners for. Wanted kinds and countries are read from the text's need when
    not given; offers/seeks come from an opportunity's type."""

    text: str
    industries: tuple[str, ...] = ()
    lang: str = ""  # "ko" or "en"; with no country given, the language stands for it
    country: str = ""
    kind: str = ""
    wanted_kinds: frozenset[str] | None = None
    wanted_countries: frozenset[str] | None = None
    offers: frozenset[str] = frozenset()
    seeks: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    # Stored vectors of the query's whole text, self-description and need (skips encoding).
    # (the need is None when the query states none)
    vectors: tuple[np.ndarray, np.ndarray, np.ndarray | None] | None = None


@dataclass
class Weights:
    """How the hybrid mixes its signals (dense and lexical parts on standardised scales)."""

    whole: float = 0.75  # whole text vs whole text
    need_to_about: float = 0.5  # what the query needs vs what the candidate is
    about_to_need: float = 0.3  # what the query is vs what the candidate needs
    same_about: float = 0.3  # penalty: both describe themselves alike (competitors)
    same_need: float = 0.3  # penalty: both look for the same thing
    lexical: float = 0.3  # BM25 of the query's need (its whole text when it states none),
    # for documents in the other language with the glossary's names of its terms added
    kind: float = 1.2  # the candidate is of a kind the need names
    country: float = 3.0  # in a country the need names: a stated fact, nearly a filter
    direction: float = 1.5
    reciprocal: float = 0.5  # the candidate's own need names the query's kind or country
    limits: float = 3.0  # penalty: the query is outside what the candidate says it takes
    industry: float = 0.3
    neighbours: int = 8
    not_useful: float = 0.5  # penalty: resembles a suggestion the subject marked not useful
    collaborative: float = 0.4  # per similar organisation that met the candidate well (max 3)


PRIOR_DOCUMENTS = 5  # how many documents' worth of weight the whole corpus lends a group
BRIDGE_SHARE = 0.1  # a glossary term in more documents than this explains nothing


def _masks(values: Sequence[Iterable[str]]) -> dict[str, np.ndarray]:
    """For each value seen, a boolean array of the documents that have it."""
    out: dict[str, np.ndarray] = {}
    for i, items in enumerate(values):
        for item in items:
            if item:
                out.setdefault(item, np.zeros(len(values), dtype=bool))[i] = True
    return out


def _any_of(masks: dict[str, np.ndarray], keys: Iterable[str], size: int) -> np.ndarray:
    out = np.zeros(size, dtype=bool)
    for key in keys:
        if key in masks:
            out |= masks[key]
    return out


class Groups:
    """Documents split into groups (here: by language), prepared once so that z-scores within
    each group take a few vector operations, for one score column or several at a time."""

    def __init__(self, labels: np.ndarray) -> None:
        _values, inverse = np.unique(labels, return_inverse=True)
        self.labels = inverse.reshape(-1)
        self.counts = np.bincount(self.labels).astype(np.float64)
        self.onehot = np.zeros((len(self.labels), len(self.counts)), dtype=np.float64)
        self.onehot[np.arange(len(self.labels)), self.labels] = 1.0

    def standardise(self, scores: np.ndarray) -> np.ndarray:
        """z-scores of each column within each group; a small group borrows strength from the
        whole corpus (PRIOR_DOCUMENTS), so a handful of documents cannot produce extremes."""
        if scores.shape[0] == 0:
            return np.zeros_like(scores)
        one = scores.ndim == 1
        values = scores.reshape(len(scores), -1).astype(np.float64)
        n, counts = float(len(values)), self.counts[:, None]
        sums = self.onehot.T @ values
        means = sums / np.maximum(counts, 1.0)
        centred = values - means[self.labels]
        variances = (self.onehot.T @ (centred * centred)) / np.maximum(counts, 1.0)
        overall_mean = sums.sum(axis=0) / n
        overall_std = np.sqrt((counts * (variances + (means - overall_mean) ** 2)).sum(axis=0) / n)
        share = counts / (counts + PRIOR_DOCUMENTS)
        mean = share * means + (1 - share) * overall_mean
        std = share * np.sqrt(variances) + (1 - share) * overall_std
        std = np.where(std > 1e-9, std, 1.0)
        out = ((values - mean[self.labels]) / std[self.labels]).astype(scores.dtype)
        return out.reshape(-1) if one else out


def standardise_by_group(scores: np.ndarray, groups: Groups | np.ndarray) -> np.ndarray:
    """z-scores within each group (here: document language), so a Korean query is compared
    with English documents on the English documents' own scale. A small group borrows
    strength from the whole corpus, so a handful of documents cannot produce extreme scores.
    `groups` is prepared `Groups` or a label per score."""
    return (groups if isinstance(groups, Groups) else Groups(groups)).standardise(scores)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


@dataclass
class DocumentVectors:
    """Dense vectors of every document: whole text, its self-description and its need."""

    whole: np.ndarray
    about: np.ndarray
    need: np.ndarray
    has_need: np.ndarray  # bool per document


def encode_documents(documents: Sequence[Document], encoder: Encoder) -> DocumentVectors:
    """Encode documents' three views (the expensive step; results can be stored and reused)."""
    roles = [split_roles(d.text) for d in documents]
    whole = encoder.encode([d.text for d in documents], query=False)
    about = encoder.encode(
        [r.about or d.text for r, d in zip(roles, documents, strict=True)], query=False
    )
    has_need = np.array([bool(r.need) for r in roles], dtype=bool)
    need = encoder.encode([r.need for r in roles if r.need], query=False)
    full_need = np.zeros_like(whole)
    if len(need):
        full_need[has_need] = need
    return DocumentVectors(whole, about, full_need, has_need)


@dataclass
class Signals:
    """Each signal's score for every document, kept apart so suggestions can be explained."""

    whole: np.ndarray
    need_to_about: np.ndarray
    about_to_need: np.ndarray
    same_about: np.ndarray
    same_need: np.ndarray
    lexical: np.ndarray
    kind: np.ndarray
    country: np.ndarray
    direction: np.ndarray
    reciprocal: np.ndarray
    limits: np.ndarray  # 1 where the query falls outside the candidate's stated limits
    industry: np.ndarray = field(default_factory=lambda: np.zeros(0))
    query_industries: frozenset[str] = frozenset()
    wanted_kinds: frozenset[str] = frozenset()
    wanted_countries: frozenset[str] = frozenset()


def encode_query_views(
    encoder: Encoder, text: str, roles: Roles
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectors of a query's whole text, self-description and need, in two encodings: the
    whole is the token-weighted mean of the two parts (mean pooling, as the model does), which
    halves the encoding time of a free-text query for about -0.004 dev nDCG@10."""
    if not (roles.about and roles.need):
        vector = encoder.encode([text], query=True)[0]
        return vector, vector, vector
    about, need = encoder.encode([roles.about, roles.need], query=True)
    whole = encoder.token_count(roles.about) * about + encoder.token_count(roles.need) * need
    return whole / np.linalg.norm(whole), about, need


class MatchingIndex:
    """Documents with their BM25 index and vectors; queries return ranked document ids."""

    def __init__(
        self,
        documents: Sequence[Document],
        encoder: Encoder,
        vectors: DocumentVectors | None = None,
        tokens: Sequence[list[str]] | None = None,
        bridge: Bridge | None = None,
    ) -> None:
        # numpy's BLAS threads busy-wait after each product and starve the encoder's own
        # threads (measured on 2 cores: query p50 114 -> 61 ms). Matrix-vector products need
        # no threads, so BLAS gets one, process-wide, whatever the import order.
        threadpool_limits(limits=1, user_api="blas")
        self.documents = list(documents)
        self.encoder = encoder
        self.bridge = bridge or default_bridge()
        self.ids = [d.id for d in self.documents]
        self.position = {doc_id: i for i, doc_id in enumerate(self.ids)}
        self.langs = np.array([d.lang for d in self.documents])
        if tokens is None:
            tokens = [tokenize(d.text) for d in self.documents]
        corpus_tokens = [list(t) or ["_"] for t in tokens]
        self._bm25 = bm25s.BM25()
        if corpus_tokens:
            self._bm25.index(corpus_tokens, show_progress=False)
        self._vocab = {t for tokens in corpus_tokens for t in tokens}
        self.document_frequency = Counter(t for tokens in corpus_tokens for t in set(tokens))
        self.vectors = vectors or encode_documents(self.documents, encoder)
        need_langs = self.langs[self.vectors.has_need]
        self._need_groups = Groups(need_langs)
        industries = sorted({ind for d in self.documents for ind in d.industries})
        self._industry_column = {ind: j for j, ind in enumerate(industries)}
        self._industry_matrix = np.zeros((len(self.documents), len(industries)), dtype=np.float32)
        for i, d in enumerate(self.documents):
            for ind in d.industries:
                self._industry_matrix[i, self._industry_column[ind]] = 1.0
        # Masks computed once, so a query is a handful of vector operations.
        self._groups = Groups(self.langs)
        self._kind_mask = _masks([{d.kind} for d in self.documents])
        self._country_mask = _masks([{d.home_country} for d in self.documents])
        self._offers_mask = _masks([d.offers for d in self.documents])
        self._seeks_mask = _masks([d.seeks for d in self.documents])
        # What each document's own need asks for, so a query can be what a candidate wants.
        needs = [split_roles(d.text).need for d in self.documents]
        self._wants_country = _masks([wanted_countries(n) for n in needs])
        self._wants_kind = _masks([wanted_kinds(n) for n in needs])
        self.limits = {
            i: found
            for i, d in enumerate(self.documents)
            if (found := read_limits(d.text, d.home_country))
        }

    # --- single signals -------------------------------------------------------------------

    def lexical_scores(self, text: str, extra: str = "") -> np.ndarray:
        """BM25 score of every document for the query text; `extra` adds terms that count only
        where they are specific (in at most BRIDGE_SHARE of the documents)."""
        tokens = [t for t in tokenize(text) if t in self._vocab and not is_generic(t)]
        if extra:
            limit = BRIDGE_SHARE * len(self.documents)
            tokens += [
                t for t in tokenize(extra)
                if t in self._vocab and self.document_frequency[t] <= limit
            ]  # fmt: skip
        if not tokens or not self.documents:
            return np.zeros(len(self.documents), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def dense_scores(self, text: str) -> np.ndarray:
        """Cosine similarity of every document to the query text."""
        q = self.encoder.encode([text], query=True)[0]
        return self.vectors.whole @ q

    # --- the platform's method ------------------------------------------------------------

    def signals(self, query: Query | str) -> Signals:
        """Every signal for every document, each on its own standardised scale."""
        if isinstance(query, str):
            query = Query(query)
        roles = split_roles(query.text)
        need_text = roles.need or query.text
        if query.vectors is not None:
            q_whole, q_about, stored_need = query.vectors
            q_need = q_whole if stored_need is None else stored_need
            states_need = stored_need is not None
        else:
            q_whole, q_about, q_need = encode_query_views(self.encoder, query.text, roles)
            states_need = bool(roles.need)
        v, n = self.vectors, len(self.documents)

        has_need = v.has_need

        # Kinds and countries wanted are read from a stated need only: a profile that names
        # its own kind or city ("Pohang start-up") says nothing about its partners.
        kinds = query.wanted_kinds if query.wanted_kinds is not None else wanted_kinds(roles.need)
        if "investment" in query.seeks:
            kinds = kinds | {"investor"}
        countries = (
            query.wanted_countries
            if query.wanted_countries is not None
            else wanted_countries(roles.need)
        )
        # One pass over each matrix for both query views; one standardisation for the three
        # signals on every document.
        by_about = v.about @ np.stack([q_need, q_about], axis=1)
        by_need = v.need @ np.stack([q_about, q_need], axis=1)
        dense = self._groups.standardise(np.column_stack([v.whole @ q_whole, by_about]))
        # Only documents that state a need take part (the others have no need vector).
        needs = np.zeros((n, 2), dtype=np.float32)
        if has_need.any():
            needs[has_need] = self._need_groups.standardise(by_need[has_need])
        return Signals(
            whole=dense[:, 0],
            need_to_about=dense[:, 1],
            about_to_need=needs[:, 0],
            same_about=dense[:, 2],
            # Two texts that look for the same thing; nothing to compare without a stated need.
            same_need=needs[:, 1] if states_need else np.zeros(n),
            lexical=self._lexical(need_text, query.lang),
            kind=_any_of(self._kind_mask, kinds, n).astype(np.float32),
            country=self._country_fit(query, countries),
            direction=self._direction(query),
            reciprocal=self._reciprocal(query),
            limits=self._limits_broken(query, roles),
            query_industries=frozenset(query.industries),
            wanted_kinds=kinds,
            wanted_countries=countries,
        )

    def _lexical(self, text: str, lang: str) -> np.ndarray:
        """BM25 standardised per language; documents in the other language are scored on the
        text expanded with the glossary's names of its terms in their language. When no
        glossary term reaches the other language, the signal has nothing to say across
        languages and is left out (zeros): standardised within one language only, it would
        lift that language's documents above the other's whatever they say."""
        lang = language_of(text, lang)
        other = self.langs != lang
        if not other.any():
            return standardise_by_group(self.lexical_scores(text), self._groups)
        nothing = np.zeros(len(self.documents), dtype=np.float32)
        translated = self.bridge.translate(text, lang)
        if not translated:
            return nothing
        scores = self.lexical_scores(text, translated)[other]
        bridged = standardise_by_group(scores, np.zeros(len(scores), dtype=np.int8))
        if not bridged.any():
            return nothing
        own = standardise_by_group(self.lexical_scores(text), self._groups)
        own[other] = bridged
        return own

    def _country_fit(self, query: Query, countries: frozenset[str]) -> np.ndarray:
        """1 where the candidate is in a country the query wants (abroad: any but its own)."""
        n = len(self.documents)
        fit = _any_of(self._country_mask, countries - {ABROAD}, n)
        home = query.country or LANGUAGE_COUNTRY.get(query.lang, "")
        if ABROAD in countries and home:
            fit |= ~_any_of(self._country_mask, [home], n)
        return fit.astype(np.float32)

    def _limits_broken(self, query: Query, roles: Roles) -> np.ndarray:
        """1 for each candidate whose stated limits exclude the query (its country, funding
        stage, or being a company where only non-profits are taken)."""
        out = np.zeros(len(self.documents), dtype=np.float32)
        if not self.limits:
            return out
        country = query.country or LANGUAGE_COUNTRY.get(query.lang, "")
        stages = stages_in(query.text)
        for_profit = is_for_profit(roles.about or query.text, query.kind)
        for i, limits in self.limits.items():
            if breaks_limits(limits, country=country, stages=stages, for_profit=for_profit):
                out[i] = 1.0
        return out

    def _reciprocal(self, query: Query) -> np.ndarray:
        """1 for each of country and kind where the candidate's need names the query's."""
        n = len(self.documents)
        country = query.country or LANGUAGE_COUNTRY.get(query.lang, "")
        out = _any_of(self._wants_country, [country], n).astype(np.float32)
        return out + _any_of(self._wants_kind, [query.kind], n)

    def _direction(self, query: Query) -> np.ndarray:
        """+1 where one side offers what the other seeks, -1 for two seekers or two offerers
        of the same thing (research cooperation excepted), 0 when nothing is known."""
        n = len(self.documents)
        if not (query.offers or query.seeks):
            return np.zeros(n, dtype=np.float32)
        complement = _any_of(self._offers_mask, query.seeks, n) | _any_of(
            self._seeks_mask, query.offers, n
        )
        same = _any_of(self._seeks_mask, query.seeks - SYMMETRIC_TOPICS, n) | _any_of(
            self._offers_mask, query.offers - SYMMETRIC_TOPICS, n
        )
        return complement.astype(np.float32) - (same & ~complement).astype(np.float32)

    def combine(self, s: Signals, weights: Weights | None = None) -> np.ndarray:
        """The hybrid score from the signals; fills in the industry signal on the way."""
        w = weights or Weights()
        score = (
            w.whole * s.whole
            + w.need_to_about * s.need_to_about
            + w.about_to_need * s.about_to_need
            - w.same_about * s.same_about
            - w.same_need * s.same_need
            + w.lexical * s.lexical
            + w.kind * s.kind
            + w.country * s.country
            + w.direction * s.direction
            + w.reciprocal * s.reciprocal
            - w.limits * s.limits
        )
        s.industry = self._industry_fit(score, s.query_industries, w.neighbours)
        return score + w.industry * s.industry

    def _industry_fit(
        self, score: np.ndarray, given: frozenset[str], neighbours: int
    ) -> np.ndarray:
        """Overlap with the query's industries: the given ones, else those of its nearest
        candidates in every language (weighted by how many of them share each)."""
        if not self._industry_column or not len(score):
            return np.zeros(len(score), dtype=np.float32)
        wanted = np.zeros(len(self._industry_column), dtype=np.float32)
        if given:
            for ind in given:
                if ind in self._industry_column:
                    wanted[self._industry_column[ind]] = 1.0
        else:
            top = np.argpartition(-score, min(neighbours, len(score) - 1))[:neighbours]
            counts = Counter(ind for i in top for ind in self.documents[i].industries)
            if counts:
                peak = max(counts.values())
                for ind, c in counts.items():
                    wanted[self._industry_column[ind]] = c / peak
        return (self._industry_matrix * wanted).max(axis=1)

    def query_from_items(
        self, keys: Sequence[str], wanted_countries: frozenset[str] | None = None
    ) -> Query:
        """A query made of stored items: the first is the subject (its self-description, kind,
        country, language); the others (e.g. its live opportunities) add what it looks for and
        the direction of its needs. Uses the stored vectors; nothing is encoded."""
        rows = [self.position[k] for k in keys if k in self.position]
        if not rows:
            raise KeyError(keys[0] if keys else "")
        v, first = self.vectors, rows[0]
        documents = [self.documents[i] for i in rows]
        needs = [v.need[i] for i in rows if v.has_need[i]] or [v.whole[i] for i in rows[1:]]
        vectors = (
            _unit(np.mean([v.whole[i] for i in rows], axis=0)),
            v.about[first],
            _unit(np.mean(needs, axis=0)) if needs else None,
        )
        return Query(
            " ".join(d.text for d in documents),
            industries=tuple(dict.fromkeys(i for d in documents for i in d.industries)),
            lang=documents[0].lang, country=documents[0].home_country, kind=documents[0].kind,
            wanted_countries=wanted_countries or None,
            offers=frozenset().union(*(d.offers for d in documents)),
            seeks=frozenset().union(*(d.seeks for d in documents)), vectors=vectors,
        )  # fmt: skip

    def likeness_to(self, keys: Iterable[str]) -> np.ndarray:
        """For every document, its highest standardised similarity to any of these items
        (0 when none are indexed): how much it resembles what someone marked not useful."""
        rows = [self.position[k] for k in keys if k in self.position]
        out = np.zeros(len(self.documents), dtype=np.float32)
        if not rows:
            return out
        similar = self.vectors.whole @ self.vectors.whole[rows].T
        standard = self._groups.standardise(similar)
        return np.maximum(standard.max(axis=1), 0).astype(np.float32)

    def hybrid_scores(self, query: Query | str, weights: Weights | None = None) -> np.ndarray:
        """The platform's score for every document."""
        return self.combine(self.signals(query), weights)

    def rank(
        self, scores: np.ndarray, k: int = 10, exclude: frozenset[str] = frozenset()
    ) -> list[str]:
        """Top-k document ids by score."""
        pool = 4 * (k + len(exclude))
        if len(scores) > pool:
            candidates = np.argpartition(-scores, pool)[:pool]
            order = candidates[np.argsort(-scores[candidates], kind="stable")]
        else:
            order = np.argsort(-scores, kind="stable")
        out = []
        for i in order:
            if self.ids[i] not in exclude:
                out.append(self.ids[i])
            if len(out) == k:
                break
        return out
