"""The events archive: past events by year, filterable by year and kind, a page at a time."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.events import selectors
from yeongilman.events.forms import ArchiveFilterForm

PER_PAGE = 20


@require_GET
@domain_errors_as_pages
def archive(request: HttpRequest) -> HttpResponse:
    """Past events grouped by year, the latest first; a year or kind that is not offered is
    ignored and said so."""
    years = selectors.archive_years(request.user)
    form = ArchiveFilterForm(request.GET, years=years)
    form.is_valid()
    chosen = form.cleaned_data
    rejected = [name for name in ("year", "kind") if name in form.errors]
    events = selectors.archive_events(
        request.user, year=chosen.get("year"), kind=chosen.get("kind") or ""
    )
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    for name in ("page", *rejected):
        query.pop(name, None)
    return render(
        request,
        "events/archive.html",
        {
            "form": form,
            "ignored": [str(form.fields[name].label) for name in rejected],
            "page": page,
            "groups": selectors.group_by_year(page.object_list),
            "query": query.urlencode(),
            "filtered": bool(chosen.get("year") or chosen.get("kind")),
        },
    )
