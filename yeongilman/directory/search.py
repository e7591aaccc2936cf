"""Full-text search over organisations: FTS5 on SQLite, a weighted tsvector on PostgreSQL.

Both index the pre-analysed token columns (`search_names`, `search_body`), so Korean morphology
and English stemming behave the same on both databases; only the matching SQL differs.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet
from django.utils import translation

from yeongilman.directory.models import Industry, Organisation, OrganisationKind
from yeongilman.directory.synonyms import SearchTerm, Tokens, expand
from yeongilman.directory.taxonomy import COUNTRIES, city_label
from yeongilman.tokenizer import tokenize, tokenize_query

FTS_TABLE = "directory_organisation_fts"


def query_tokens(text: str) -> list[str]:
    """Analyse a search box entry into unique tokens, in order."""
    seen: dict[str, None] = {}
    for token in tokenize_query(text):
        seen.setdefault(token, None)
    return list(seen)[:12]


def query_terms(text: str) -> list[SearchTerm]:
    """A search box entry as search terms, each with its synonyms (배터리 → 이차전지, battery)."""
    return expand(query_tokens(text))


def document_fields(organisation: Organisation, industries: Iterable[Industry]) -> tuple[str, str]:
    """Return the (names, body) token strings stored for an organisation's search entry.

    Each piece is analysed on its own: only Korean text goes through Kiwi, and the short
    labels (industries, places, kinds) repeat across organisations and come from the cache.
    """
    names = [organisation.name_ko, organisation.name_en, *organisation.tags]
    country = COUNTRIES.get(organisation.country, ("", ""))
    labels = [organisation.description_ko, organisation.description_en]
    for industry in industries:
        labels += [industry.name_ko, industry.name_en]
    labels += [
        city_label(organisation.city, "ko"),
        city_label(organisation.city, "en"),
        *country,
        *_kind_labels(organisation.kind),
    ]
    return _joined_tokens(names), _joined_tokens(labels)


def _joined_tokens(pieces: Iterable[str]) -> str:
    return " ".join(token for piece in pieces if piece for token in tokenize(piece))


def _kind_labels(kind: str) -> tuple[str, str]:
    label = OrganisationKind(kind).label
    with translation.override("ko"):
        korean = str(label)
    with translation.override("en"):
        english = str(label)
    return korean, english


def _fts5_expression(terms: list[SearchTerm], any_term: bool) -> str:
    def phrase(tokens: Tokens) -> str:  # the tokens next to each other, in this order
        return '"' + " ".join(t.replace('"', "") for t in tokens) + '"'

    def term(t: SearchTerm) -> str:
        return "(" + " OR ".join(phrase(a) for a in t.alternatives) + ")"

    return (" OR " if any_term else " AND ").join(term(t) for t in terms)


def _tsquery_expression(terms: list[SearchTerm], any_term: bool) -> str:
    def phrase(tokens: Tokens) -> str:  # the tokens next to each other, in this order
        return " <-> ".join("'" + t.replace("'", "").replace("\\", "") + "'" for t in tokens)

    def term(t: SearchTerm) -> str:
        return "(" + " | ".join("(" + phrase(a) + ")" for a in t.alternatives) + ")"

    return (" | " if any_term else " & ").join(term(t) for t in terms)


def apply_text_search(
    queryset: QuerySet[Organisation], terms: list[SearchTerm], *, any_term: bool = False
) -> QuerySet[Organisation]:
    """Keep organisations matching every term (any, with any_term) and annotate `rank`
    (higher is better); a term matches through any of its synonyms."""
    if connection.vendor == "postgresql":
        tsquery = _tsquery_expression(terms, any_term)
        # ts_rank counts each word of a synonym phrase on its own ("cell" of "fuel cell"):
        # the words as typed weigh most, the synonyms order what only they find.
        words = [SearchTerm(((token,),)) for t in terms for token in t.typed]
        typed = _tsquery_expression(words, True)
        vector = "directory_organisation.search_vector"
        return queryset.extra(  # noqa: S610 - parameters are bound, not interpolated
            select={
                "rank": f"2 * ts_rank({vector}, to_tsquery('simple', %s)) "
                f"+ ts_rank({vector}, to_tsquery('simple', %s))"
            },
            select_params=[typed, tsquery],
            where=["directory_organisation.search_vector @@ to_tsquery('simple', %s)"],
            params=[tsquery],
        )
    expression = _fts5_expression(terms, any_term)
    # bm25() is lower-is-better; names weigh five times the body.
    return queryset.extra(  # noqa: S610 - parameters are bound, not interpolated
        select={"rank": f"-bm25({FTS_TABLE}, 5.0, 1.0)"},
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = directory_organisation.id", f"{FTS_TABLE} MATCH %s"],
        params=[expression],
    )
