"""Terms the platform knows in both languages, found in a message written in the other
language: the matching engine's bilingual glossary (`matching.bridge`) and the industry
taxonomy's names. A reader sees each term's counterpart in their own language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from yeongilman.directory.models import Industry
from yeongilman.matching.bridge import Bridge, default_bridge

MAX_FORMS = 2  # counterparts shown per term ("수소 충전소: refueling station, fueling station")


@dataclass(frozen=True)
class Term:
    """A term in a message (its span) and its names in the reader's language."""

    start: int
    end: int
    text: str
    counterpart: str


@lru_cache(maxsize=2)
def _bridge(pairs: tuple[tuple[str, str], ...]) -> Bridge:
    return default_bridge().with_pairs(pairs)


def taxonomy_pairs() -> tuple[tuple[str, str], ...]:
    """The industries' (Korean, English) names, read once per page."""
    return tuple(Industry.objects.order_by("position").values_list("name_ko", "name_en"))


def terms_in(
    text: str, language: str, reader_language: str, pairs: tuple[tuple[str, str], ...] = ()
) -> list[Term]:
    """The glossary terms of a text written in `language`, with their names in the reader's
    language, in the order they appear (nothing when the reader reads the same language)."""
    if not text or language == reader_language or language not in ("ko", "en"):
        return []
    bridge = _bridge(pairs)
    target = 0 if reader_language == "ko" else 1
    terms = []
    for number, (start, end) in bridge.concepts_in(text, language).items():
        forms = bridge.concepts[number][target][:MAX_FORMS]
        if forms:
            terms.append(Term(start, end, text[start:end], ", ".join(forms)))
    return sorted(terms, key=lambda t: t.start)
