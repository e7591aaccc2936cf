"""Reads of the directory, already filtered for the viewer and prefetched for the page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf

from yeongilman.core.i18n import current_language
from yeongilman.directory.access import (
    AnyUser,
    access_organisation,
    can_see_contacts,
    is_operator,
    visible_organisations_q,
)
from yeongilman.directory.models import Industry, Organisation, OrganisationKind, Person, Stage
from yeongilman.directory.search import apply_text_search, query_tokens
from yeongilman.directory.taxonomy import city_label, country_label

FACETS = ("kind", "industry", "country", "city", "stage")


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
            qs = qs.filter(is_published=True)
    elif user.is_authenticated and filters.include_unpublished:
        qs = organisations_for(user)
    else:
        qs = Organisation.objects.filter(is_published=True)
    if filters.kind:
        qs = qs.filter(kind__in=filters.kind)
    if filters.country:
        qs = qs.filter(country__in=[c.upper() for c in filters.country])
    if filters.city:
        qs = qs.filter(city__in=filters.city)
    if filters.stage:
        qs = qs.filter(stage__in=filters.stage)
    if filters.industry:
        qs = qs.filter(
            id__in=Organisation.industries.through.objects.filter(
                industry__code__in=filters.industry
            ).values("organisation_id")
        )
    return qs


def _facet_counts(
    qs: QuerySet[Organisation], filters: DirectoryFilters
) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    kind_labels = dict(OrganisationKind.choices)
    stage_labels = dict(Stage.choices)
    for name, labels in (("kind", kind_labels), ("stage", stage_labels)):
        rows = qs.order_by().values_list(name).annotate(n=Count("id")).order_by("-n")
        facets[name] = [
            FacetValue(v, str(labels.get(v, v)), n, v in getattr(filters, name))
            for v, n in rows
            if v
        ]
    rows = qs.order_by().values_list("country").annotate(n=Count("id")).order_by("-n")
    facets["country"] = [
        FacetValue(v, country_label(v), n, v in filters.country) for v, n in rows if v
    ]
    rows = qs.order_by().values_list("city").annotate(n=Count("id")).order_by("-n")[:30]
    facets["city"] = [FacetValue(v, city_label(v), n, v in filters.city) for v, n in rows if v]
    # Grouping over the join (not a subquery) keeps the text-search tables in the same query.
    counts = dict(qs.order_by().values_list("industries").annotate(n=Count("id")))
    facets["industry"] = sorted(
        (
            FacetValue(ind.code, str(ind.name), counts[ind.id], ind.code in filters.industry)
            for ind in Industry.objects.all()
            if counts.get(ind.id)
        ),
        key=lambda f: -f.count,
    )
    return facets


def _by_display_name(qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Alphabetical by the name the viewer sees: Korean first under ko, English under en."""
    first, second = ("name_en", "name_ko") if current_language() == "en" else ("name_ko", "name_en")
    name = Coalesce(NullIf(F(first), Value("")), F(second))
    return qs.alias(display_name=Lower(name)).order_by("display_name", "id")


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
    tokens = query_tokens(filters.q)
    relaxed = False
    if tokens:
        matched = apply_text_search(qs, tokens)
        if len(tokens) > 1 and not matched.exists():
            # Nothing has every word: fall back to any word, best matches first.
            matched, relaxed = apply_text_search(qs, tokens, any_token=True), True
        qs = matched
        ordered = qs.order_by("-rank", "id")
    else:
        ordered = _by_display_name(qs)
    total = qs.count()
    page = max(1, page)
    start = (page - 1) * page_size
    results = list(
        ordered.prefetch_related(Prefetch("industries", queryset=Industry.objects.all()))[
            start : start + page_size
        ]
    )
    facets = _facet_counts(qs, filters) if with_facets else {}
    return DirectoryPage(results, total, page, page_size, facets, relaxed)


def organisation_for_export(user: AnyUser, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """All organisations of the current filtered list, for CSV/XLSX export."""
    qs = _filtered(user, filters)
    tokens = query_tokens(filters.q)
    if not tokens:
        return _by_display_name(qs).prefetch_related("industries")
    return apply_text_search(qs, tokens).order_by("-rank", "id").prefetch_related("industries")


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
