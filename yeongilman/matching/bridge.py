"""A lexical bridge between Korean and English: the same thing named in both languages, from
the project's glossary of the platform's fields and from any pairs the caller adds (the
directory's bilingual taxonomy). A query is expanded with the other language's names of the
terms it contains, so a Korean text about 수전해 meets an English one about electrolysers in the
lexical index, where the small multilingual encoder is weakest (domain terms)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

GLOSSARY = Path(__file__).with_name("data") / "glossary.tsv"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CACHE_TEXTS = 8192


def language_of(text: str, lang: str = "") -> str:
    """The given language, else "ko" for a text with Hangul and "en" for the rest."""
    return lang or ("ko" if _HANGUL.search(text) else "en")


@dataclass
class Bridge:
    """Concepts, each a set of Korean forms and a set of English forms."""

    concepts: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)

    @classmethod
    def from_glossary(cls, path: Path = GLOSSARY) -> Bridge:
        """Read the glossary file (Korean forms, a tab, English forms; `|` between forms)."""
        concepts = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            korean, english = line.split("\t", 1)
            concepts.append((_forms(korean), _forms(english)))
        return cls(concepts)

    def with_pairs(self, pairs: Iterable[tuple[str, str]]) -> Bridge:
        """A bridge that also knows these (Korean, English) names, e.g. taxonomy labels."""
        extra = [(_forms(k), _forms(e)) for k, e in pairs if k.strip() and e.strip()]
        return Bridge(self.concepts + extra)

    @cached_property
    def _forms_by_side(self) -> tuple[list[tuple[str, int, str, bool]], ...]:
        """Per language, every form with its concept, its lookup key and whether it is Hangul:
        the form itself for Hangul (found inside words), its normalised words for Latin (found
        among the text's word n-grams)."""
        sides: list[list[tuple[str, int, str, bool]]] = [[], []]
        for number, concept in enumerate(self.concepts):
            for side in (0, 1):
                for form in concept[side]:
                    hangul = bool(_HANGUL.search(form))
                    key = form if hangul else " ".join(_words(form.lower()))
                    if key:
                        sides[side].append((form, number, key, hangul))
        return tuple(sides)

    @cached_property
    def _found(self) -> dict[tuple[str, str], dict[int, tuple[int, int]]]:
        return {}

    def concepts_in(self, text: str, lang: str) -> dict[int, tuple[int, int]]:
        """The concepts a text names, each with the span of its first mention. A name inside
        a longer name of another concept does not count (전지 in 연료전지). Remembered for the
        last few thousand texts (profiles are explained again and again)."""
        cache = self._found
        if (known := cache.get((text, lang))) is not None:
            return known
        if len(cache) >= _CACHE_TEXTS:
            cache.clear()
        kept = cache[(text, lang)] = self._concepts_in(text, lang)
        return kept

    def _concepts_in(self, text: str, lang: str) -> dict[int, tuple[int, int]]:
        grams = _grams(_words(text.lower()))
        found: list[tuple[int, int, int]] = []
        for form, number, key, hangul in self._forms_by_side[0 if lang == "ko" else 1]:
            if hangul:
                start = text.find(form)
                if start >= 0:
                    found.append((start, start + len(form), number))
            elif key in grams and (match := _latin(form).search(text)):
                found.append((match.start(), match.end(), number))
        kept: dict[int, tuple[int, int]] = {}
        for start, end, number in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
            if number not in kept and not any(
                s <= start and end <= e and (e - s) > (end - start) and other != number
                for s, e, other in found
            ):
                kept[number] = (start, end)
        return kept

    def translate(self, text: str, lang: str) -> str:
        """The other language's names of the concepts the text names ("" when none)."""
        other = 1 if lang == "ko" else 0
        return " ".join(
            form
            for number in sorted(self.concepts_in(text, lang))
            for form in self.concepts[number][other]
        )

    def shared_concepts(
        self, first: str, first_lang: str, second: str, second_lang: str
    ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Concepts two texts in different languages both name: the span in each."""
        if first_lang == second_lang:
            return []
        ours, theirs = self.concepts_in(first, first_lang), self.concepts_in(second, second_lang)
        return [(ours[n], theirs[n]) for n in sorted(ours) if n in theirs]


def _forms(cell: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in cell.split("|") if f.strip())


_WORD = re.compile(r"[a-z0-9]+(?:[-.'][a-z0-9]+)*")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(lowered: str) -> list[str]:
    return [_singular(w) for w in _WORD.findall(lowered)]


def _grams(words: list[str], longest: int = 4) -> set[str]:
    return {
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    }


@lru_cache(maxsize=4096)
def _latin(form: str) -> re.Pattern[str]:
    """A Latin form as a whole-word pattern, any case, with an optional plural."""
    stem = re.escape(form[:-1]) + "(?:y|ies)" if form.endswith("y") else re.escape(form)
    return re.compile(r"(?<![A-Za-z0-9])" + stem + r"(?:s|es)?(?![A-Za-z0-9])", re.IGNORECASE)


_default: Bridge | None = None


def default_bridge() -> Bridge:
    """The glossary's bridge, read once per process."""
    global _default
    if _default is None:
        _default = Bridge.from_glossary()
    return _default
