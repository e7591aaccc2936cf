"""Reads of the directory, already filtered for the viewer and prefetched for the page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet

from yeongilman.accounts.access import AnyUser, is_operator
from yeongilman.core.i18n import current_language
from yeongilman.directory.access import (
    access_organisation,
    can_see_contacts,
    visible_organisations_q,
)
from yeongilman.directory.models import (
    DISPLAY_NAME_EN,
    DISPLAY_NAME_KO,
    GrowthStage,
    Industry,
    Organisation,
    OrganisationKind,
    Person,
)
from yeongilman.directory.search import apply_text_search, query_terms
from yeongilman.directory.taxonomy import city_label, country_label

FACETS = ("kind", "industry", "country", "city", "stage")
# `is_published IN (1)` rather than Django's bare `is_published` for True: SQLite then treats
# it as an equality and walks the covering facet index in order instead of sorting.
PUBLISHED = [True]


@dataclass
class DirectoryFilters:
    """What the viewer asked for: free text plus facet values (several per facet = any of)."""

    q: str = ""
    kind: list[str] = field(default_factory=list)
    industry: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    city: list[str] = field(default_factory=list)
    stage: list[str] = field(default_factory=list)
    include_unpublished: bool = False

    def is_empty(self) -> bool:
        """True when no text and no facet is set."""
        return not self.q.strip() and not any(getattr(self, f) for f in FACETS)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class DirectoryPage:
    """One page of results with the total and the facet counts over all matches."""

    results: list[Organisation]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]]
    relaxed: bool = False
    marks: frozenset[str] = frozenset()  # search terms (with synonyms) to mark in results

    @property
    def pages(self) -> int:
        """Number of pages."""
        return max(1, -(-self.total // self.page_size))


def organisations_for(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations the user may see."""
    qs = Organisation.objects.all()
    if is_operator(user):
        return qs
    return qs.filter(visible_organisations_q(user)).distinct()


def _filtered(user: AnyUser, filters: DirectoryFilters) -> QuerySet[Organisation]:
    if is_operator(user):
        qs = Organisation.objects.all()
        if not filters.include_unpublished:
            qs = qs.filter(is_published__in=PUBLISHED)
    elif user.is_authenticated and filters.include_unpublished:
        qs = organisations_for(user)
    else:
        qs = Organisation.objects.filter(is_published__in=PUBLISHED)
    if filters.kind:
        qs = qs.filter(kind__in=filters.kind)
    if filters.country:
        qs = qs.filter(country__in=[c.upper() for c in filters.country])
    if filters.city:
        qs = qs.filter(city__in=filters.city)
    if filters.stage:
        qs = qs.filter(stage__in=filters.stage)
    if filters.industry:
        bits = sum(i.bit for i in Industry.objects.filter(code__in=filters.industry))
        qs = qs.alias(industry_hit=F("industry_mask").bitand(bits)).exclude(industry_hit=0)
    return qs


_PLACE_COLUMNS = ("country", "kind", "stage", "city")  # the covering index's column order


def _grouped_counts(
    qs: QuerySet[Organisation],
) -> tuple[list[tuple[str, str, str, str, int]], list[tuple[int, int]]]:
    """Counts of the matches by (country, kind, stage, city) and by industry mask.

    PostgreSQL does both in one scan with GROUPING SETS; SQLite runs two grouped queries,
    which walk the covering index in order when there is no text query.
    """
    base = qs.order_by()
    if connection.vendor != "postgresql":
        places = list(base.values_list(*_PLACE_COLUMNS).annotate(n=Count("id")))
        masks = list(base.values_list("industry_mask").annotate(n=Count("id")))
        return places, masks
    inner, params = base.values(*_PLACE_COLUMNS, "industry_mask").query.sql_with_params()
    columns = ", ".join(_PLACE_COLUMNS)
    sql = (
        f"SELECT {columns}, industry_mask, COUNT(*), GROUPING(industry_mask) "  # noqa: S608
        f"FROM ({inner}) AS matches "
        f"GROUP BY GROUPING SETS (({columns}), (industry_mask))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    places = [(r[0], r[1], r[2], r[3], r[5]) for r in rows if r[6] == 1]
    masks = [(r[4], r[5]) for r in rows if r[6] == 0]
    return places, masks


def _facet_counts(
    qs: QuerySet[Organisation],
    filters: DirectoryFilters,
    without_places: QuerySet[Organisation] | None = None,
) -> tuple[int, dict[str, list[FacetValue]]]:
    """Total and facet counts from two small grouped queries over the matches.

    One groups by the facet columns (a few hundred rows, read in order from the covering
    index `org_facets` when there is no text query); one by the industry bit mask. When a
    kind, stage, country or city is chosen, the first runs over the matches without those
    choices (`without_places`) and each of them is counted over every other choice, so the
    other values of a group stay on offer with what choosing them too would add.
    """
    counters: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    total = 0
    chosen = {name: set(getattr(filters, name)) for name in _PLACE_COLUMNS}
    if without_places is not None and any(chosen.values()):
        base = without_places.order_by()
        places = list(base.values_list(*_PLACE_COLUMNS).annotate(n=Count("id")))
        masks = list(qs.order_by().values_list("industry_mask").annotate(n=Count("id")))
    else:
        places, masks = _grouped_counts(qs)
    for *values, n in places:
        row = dict(zip(_PLACE_COLUMNS, values, strict=True))
        fits = {name: not chosen[name] or row[name] in chosen[name] for name in _PLACE_COLUMNS}
        if all(fits.values()):
            total += n
        for name in _PLACE_COLUMNS:
            if all(ok for other, ok in fits.items() if other != name):
                counters[name][row[name]] += n
    taxonomy = list(Industry.objects.all())
    for mask, n in masks:
        for industry in taxonomy:
            if mask & industry.bit:
                counters["industry"][industry.code] += n
    names = {i.code: str(i.name) for i in taxonomy}
    labels: dict[str, Callable[[str], str]] = {
        "kind": lambda v: str(dict(OrganisationKind.choices).get(v, v)),
        "stage": lambda v: str(dict(GrowthStage.choices).get(v, v)),
        "country": country_label,
        "city": city_label,
        "industry": lambda v: names.get(v, v),
    }
    facets = {
        name: [
            FacetValue(value, labels[name](value), n, value in getattr(filters, name))
            for value, n in counter.most_common(30 if name == "city" else None)
            if value and n
        ]
        for name, counter in counters.items()
    }
    return total, facets


def _by_display_name(qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Alphabetical by the name the viewer sees: Korean first under ko, English under en."""
    # Same expressions as the model's indexes, so the database walks an index, not a sort.
    name = DISPLAY_NAME_EN if current_language() == "en" else DISPLAY_NAME_KO
    return qs.order_by(name, "id")


def search_directory(
    user: AnyUser,
    filters: DirectoryFilters,
    *,
    page: int = 1,
    page_size: int = 20,
    with_facets: bool = True,
) -> DirectoryPage:
    """Search the directory: ranked by relevance when there is text, else by name."""
    qs = _filtered(user, filters)
    terms = query_terms(filters.q)
    relaxed = False
    if terms:
        matched = apply_text_search(qs, terms)
        if len(terms) > 1 and not matched.exists():
            # Nothing has every word: fall back to any word, best matches first.
            matched, relaxed = apply_text_search(qs, terms, any_term=True), True
        qs = matched
        ordered = qs.order_by("-rank", "id")
    else:
        ordered = _by_display_name(qs)
    if with_facets:
        # Browsing by facets, a chosen group keeps its other values on offer (one walk of the
        # covering index either way); with words it would cost a second full-text query, so
        # there the counts are those of the matches (p95 +25 ms in bench/directory_search.py).
        others = None
        if not terms:
            cleared: dict[str, Any] = {name: [] for name in _PLACE_COLUMNS}
            others = _filtered(user, replace(filters, **cleared))
        total, facets = _facet_counts(qs, filters, others)
    else:
        total, facets = qs.count(), {}
    page = max(1, page)
    start = (page - 1) * page_size
    results = list(
        ordered.prefetch_related(Prefetch("industries", queryset=Industry.objects.all()))[
            start : start + page_size
        ]
    )
    marks = frozenset(t for term in terms for t in term.tokens)
    return DirectoryPage(results, total, page, page_size, facets, relaxed, marks)


def organisation_for_export(user: AnyUser, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """All organisations of the current filtered list, for CSV/XLSX export."""
    qs = _filtered(user, filters)
    terms = query_terms(filters.q)
    if not terms:
        return _by_display_name(qs).prefetch_related("industries")
    return apply_text_search(qs, terms).order_by("-rank", "id").prefetch_related("industries")


def organisation_detail(user: AnyUser, slug: str) -> Organisation:
    """One organisation with its industries and people, if the user may see it."""
    organisation = (
        Organisation.objects.prefetch_related("industries", "people").filter(slug=slug).first()
    )
    return access_organisation(user, organisation)


@dataclass
class PersonView:
    """A person as the viewer may see them: contacts blank without consent or sign-in."""

    person: Person
    email: str
    phone: str


def people_of(user: AnyUser, organisation: Organisation) -> list[PersonView]:
    """People of an organisation the viewer can already see, contacts filtered by consent."""
    views = []
    for person in organisation.people.all():
        show = can_see_contacts(user, person)
        views.append(PersonView(person, person.email if show else "", person.phone if show else ""))
    return views


def people_for(user: AnyUser) -> QuerySet[Person]:
    """People linked to at least one organisation the user may see (or themselves)."""
    qs = Person.objects.prefetch_related("organisations")
    if is_operator(user):
        return qs
    visible = organisations_for(user).values("id")
    if user.is_authenticated:
        return qs.filter(Q(organisations__in=visible) | Q(user=user)).distinct()
    return qs.filter(organisations__in=visible).distinct()


def industries() -> QuerySet[Industry]:
    """The whole taxonomy in display order."""
    return Industry.objects.all()


def home_figures(user: AnyUser) -> dict[str, int]:
    """Counts for the home page: published organisations by a few headline kinds."""
    published = Organisation.objects.filter(is_published=True)
    by_kind = dict(published.order_by().values_list("kind").annotate(n=Count("id")))
    return {
        "organisations": sum(by_kind.values()),
        "startups": by_kind.get("startup", 0),
        "countries": published.order_by().values("country").distinct().count(),
        "partners": by_kind.get("university", 0) + by_kind.get("research", 0),
    }


def organisation_named(text: str) -> Organisation | None:
    """The organisation whose directory address (slug) or exact name (either language) this
    is; what an operator types into a set-up form."""
    text = text.strip()
    if not text:
        return None
    return (
        Organisation.objects.filter(slug=text).first()
        or Organisation.objects.filter(name_en__iexact=text).order_by("pk").first()
        or Organisation.objects.filter(name_ko=text).order_by("pk").first()
    )
