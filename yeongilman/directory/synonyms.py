"""Search terms with their synonyms: a query word that names an industry (배터리, battery,
2차전지) stands for every name of that industry in both languages, so Korean and English
readers find the same organisations. Names come from the taxonomy and its editable synonyms."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from yeongilman.directory.models import Industry
from yeongilman.tokenizer import tokenize_query

CACHE_KEY = "directory:synonym-table:v1"
Tokens = tuple[str, ...]


@dataclass(frozen=True)
class SearchTerm:
    """One word of a query: it matches when any of its alternatives (each a run of tokens that
    must all occur) does."""

    alternatives: tuple[Tokens, ...]
    typed: Tokens = ()  # the tokens as the query had them

    @property
    def tokens(self) -> frozenset[str]:
        """Every token of every alternative (what to mark in a result)."""
        return frozenset(t for alternative in self.alternatives for t in alternative)


def synonym_table() -> dict[Tokens, tuple[Tokens, ...]]:
    """Each analysed name or synonym of an industry → all names of the industries it names.
    Shared by the workers through the cache; rebuilt when an industry changes."""
    table = cache.get(CACHE_KEY)
    if table is None:
        table = _build_table()
        cache.set(CACHE_KEY, table, 3600)
    return table


def _build_table() -> dict[Tokens, tuple[Tokens, ...]]:
    groups: dict[Tokens, set[Tokens]] = {}
    for name_ko, name_en, synonyms in Industry.objects.values_list(
        "name_ko", "name_en", "synonyms"
    ):
        names = [name_ko, name_en, *synonyms.replace("|", "\n").splitlines()]
        forms = {tuple(tokenize_query(n)) for n in names if n.strip()} - {()}
        for form in forms:
            groups.setdefault(form, set()).update(forms)
    return {form: _without_longer(group) for form, group in groups.items()}


def _without_longer(forms: set[Tokens]) -> tuple[Tokens, ...]:
    """The forms less those that contain a shorter one (whatever matches "secondary battery"
    matches "battery"): fewer alternatives, the same matches."""

    def contains(longer: Tokens, shorter: Tokens) -> bool:
        n = len(shorter)
        return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))

    return tuple(
        sorted(
            f
            for f in forms
            if not any(o != f and len(o) < len(f) and contains(f, o) for o in forms)
        )
    )


def expand(tokens: list[str]) -> list[SearchTerm]:
    """The query's tokens as search terms: the longest run of tokens that names an industry
    becomes one term with every name of it; other tokens stand for themselves."""
    table = synonym_table()
    longest = max((len(form) for form in table), default=1)
    terms: list[SearchTerm] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            form = tuple(tokens[i : i + size])
            if form in table:
                if terms and terms[-1].alternatives == table[form]:  # 수소 연료전지: one term
                    terms[-1] = SearchTerm(table[form], terms[-1].typed + form)
                else:
                    terms.append(SearchTerm(table[form], form))
                i += size
                break
        else:
            terms.append(SearchTerm(((tokens[i],),), (tokens[i],)))
            i += 1
    return terms


@receiver(post_save, sender=Industry)
@receiver(post_delete, sender=Industry)
def _forget_table(**_kwargs: object) -> None:
    cache.delete(CACHE_KEY)
