"""Search tokens for Korean and English text: plain Python (no Django), for search and matching.

Korean goes through Kiwi's morphological analysis: content morphemes are kept and runs of adjacent
nouns are also joined, so "이차전지의" yields "이차전지" and "전지", and "배터리용" yields "배터리".
Latin words are lower-cased and Snowball-stemmed, so "Batteries" and "battery" meet.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import Stemmer
from kiwipiepy import Kiwi

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*")
_KEEP_TAGS = {"NNG", "NNP", "NR", "NNB", "SL", "SN", "SH", "XR", "VV", "VA", "W_HASHTAG"}
_NOUNISH = {"NNG", "NNP", "NR", "NNB", "XR", "SH"}
# Bound nouns and numerals alone carry little meaning ("이차" splits into 이/NR + 차/NNB).
_SOLO_DROP = {"NR", "NNB"}
_STOPWORD_TEXT = (
    "a an and are as at be by for from has have in into is it its of on or that the their this "
    "to was were will with we our you your"
)
ENGLISH_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_local = threading.local()
# One Kiwi per process (about 200 MB), shared by every thread: a Kiwi object is not safe to call
# from two threads at once, so calls hold this lock (an analysis takes about a millisecond).
_kiwi_lock = threading.Lock()
_kiwi_instance: Kiwi | None = None


def _kiwi_tokens(text: str) -> list[Any]:
    """Kiwi's analysis of a text, from the process's one Kiwi."""
    global _kiwi_instance
    with _kiwi_lock:
        if _kiwi_instance is None:
            with warnings.catch_warnings():
                # 0 means no worker threads of Kiwi's own (kiwipiepy >= 0.21).
                # The multi-word dictionary costs about 290 of Kiwi's 490 MB and changes none
                # of our tokens (same dev-set and search results without it).
                warnings.simplefilter("ignore", DeprecationWarning)
                _kiwi_instance = Kiwi(num_workers=0, load_multi_dict=False)
        return list(_kiwi_instance.tokenize(text))


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer("english")
        _local.stemmer = stemmer
    return stemmer


def normalise(text: str) -> str:
    """Unicode-normalise (NFKC) and lower-case text before analysis."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _latin_tokens(text: str) -> list[str]:
    words = [w.replace("'", "").replace(".", "") for w in _LATIN_WORD.findall(text)]
    words = [w for w in words if w and w not in ENGLISH_STOPWORDS]
    stems = _stemmer().stemWords(words)
    return [s for s in stems if s]


def _korean_tokens(text: str, compounds_only: bool = False) -> list[str]:
    return _korean_from_tokens(_kiwi_tokens(text), compounds_only)


@lru_cache(maxsize=4096)
def _tokens_cached(text: str, compounds_only: bool) -> tuple[str, ...]:
    if _HANGUL.search(text):
        return tuple(_korean_tokens(text, compounds_only))
    return tuple(_latin_tokens(text))


def tokenize(text: str) -> list[str]:
    """Return the index tokens of a text in Korean, English or both, in order of appearance."""
    text = normalise(text)
    if not text.strip():
        return []
    if len(text) > 512:  # long texts are not worth caching
        return list(_tokens_cached.__wrapped__(text, False))
    return list(_tokens_cached(text, False))


def tokenize_query(text: str) -> list[str]:
    """Return the tokens to look up for a search query: compounds stand for their parts."""
    text = normalise(text)[:500]
    if not text.strip():
        return []
    return list(_tokens_cached(text, True))


def _korean_from_tokens(tokens: Iterable[object], compounds_only: bool = False) -> list[str]:
    """Keep content morphemes; add each run of adjacent nouns joined as one compound.

    With compounds_only (for queries) a compound replaces its parts: Kiwi may analyse
    "이차전지" as one noun in one context and as 이+차+전지 in another, and the joined
    compound is the form both analyses share.
    """
    out: list[str] = []
    run: list[str] = []
    run_out_start = 0
    run_end = -1

    def flush() -> None:
        if len(run) > 1:
            if compounds_only:
                del out[run_out_start:]
            out.append("".join(run))

    for token in tokens:
        form: str = token.form  # type: ignore[attr-defined]
        start: int = token.start  # type: ignore[attr-defined]
        length: int = token.len  # type: ignore[attr-defined]
        tag = str(token.tag).split("-")[0]  # type: ignore[attr-defined]
        if tag in _NOUNISH and start == run_end and run:
            run.append(form)
        else:
            flush()
            run = [form] if tag in _NOUNISH else []
            run_out_start = len(out)
        if tag in _NOUNISH:
            run_end = start + length
        if tag not in _KEEP_TAGS or tag in _SOLO_DROP:
            continue
        if tag in {"SL", "SN"}:
            out.extend(_latin_tokens(form))
        else:
            out.append(form)
    flush()
    return out


def terms_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Index terms with where they occur in text: (term, start, end), for highlighting.

    Terms are the same normalised forms `tokenize` produces (Korean nouns and their compounds,
    Latin stems), so two texts' shared terms can be found and marked in both. Cached: the
    same profiles are explained again and again.
    """
    return list(_spans_cached(text or ""))


@lru_cache(maxsize=8192)
def _spans_cached(source: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(_spans(source))


def _spans(source: str) -> list[tuple[str, int, int]]:
    normalised = normalise(source)
    if len(normalised) != len(source):  # NFKC changed lengths: offsets must stay on the source
        normalised = source.lower()
    spans: list[tuple[str, int, int]] = []
    if _HANGUL.search(normalised):
        run: list[tuple[str, int, int]] = []

        def flush() -> None:
            if len(run) > 1:
                spans.append(("".join(f for f, _s, _e in run), run[0][1], run[-1][2]))

        for token in _kiwi_tokens(normalised):
            tag = str(token.tag).split("-")[0]
            start, end = token.start, token.start + token.len
            if tag in _NOUNISH:
                if run and run[-1][2] == start:
                    run.append((token.form, start, end))
                else:
                    flush()
                    run = [(token.form, start, end)]
                if tag not in _SOLO_DROP:
                    spans.append((token.form, start, end))
            else:
                flush()
                run = []
            if tag in {"SL", "SN"}:
                spans.extend(_latin_spans(normalised[start:end], start))
        flush()
        return spans
    return _latin_spans(normalised, 0)


def _latin_spans(text: str, offset: int) -> list[tuple[str, int, int]]:
    out = []
    for match in _LATIN_WORD.finditer(text):
        word = match.group().replace("'", "").replace(".", "")
        if word and word not in ENGLISH_STOPWORDS:
            out.append((_stemmer().stemWord(word), offset + match.start(), offset + match.end()))
    return out
