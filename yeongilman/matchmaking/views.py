"""Partnering pages: opportunities, expressions of interest, suggestions, introductions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.directory.access import access_organisation
from yeongilman.directory.models import Organisation
from yeongilman.matchmaking import access, selectors, services
from yeongilman.partnering import access as partnering_access
from yeongilman.partnering.models import (
    Opportunity,
)


def _suggestion_page(
    request: HttpRequest, organisation: Organisation | None, opportunity: Opportunity | None
) -> HttpResponse:
    owner_id = opportunity.owner_id if opportunity else organisation.pk  # type: ignore[union-attr]
    access.require_suggestions_access(request.user, owner_id)
    want = "opportunities" if request.GET.get("want") == "opportunities" else "partners"
    found = selectors.suggestions(
        request.user, organisation=organisation, opportunity=opportunity, want=want
    )
    q = request.GET.get("q", "")[:100]
    return render(
        request,
        "matchmaking/suggestions.html",
        {
            "organisation": organisation or opportunity.owner,  # type: ignore[union-attr]
            "opportunity": opportunity,
            "found": found,
            "want": want,
            "q": q,
            "looked_up": selectors.look_up(request.user, found, q) if want == "partners" else [],
            "next": request.get_full_path(),
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def organisation_suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """Suggested partners or opportunities for one of the user's organisations."""
    organisation = access_organisation(request.user, Organisation.objects.filter(slug=slug).first())
    return _suggestion_page(request, organisation, None)


@login_required
@require_GET
@domain_errors_as_pages
def opportunity_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggested partners or complementary opportunities for an opportunity."""
    return _suggestion_page(request, None, partnering_access.access_opportunity(request.user, pk))


@login_required
@require_POST
@domain_errors_as_pages
def feedback(request: HttpRequest) -> HttpResponse:
    """Mark a suggestion useful, not useful, or hide it."""
    subject = request.POST.get("subject", "")[:40]
    access.require_feedback_access(request.user, subject)
    rank = request.POST.get("rank", "")
    candidate = request.POST.get("candidate", "")[:40]
    try:
        services.feedback_record(
            actor=request.user, subject=subject, candidate=candidate,
            verdict=request.POST.get("verdict", ""), rank=id_from(rank),
        )  # fmt: skip
    except DomainError as exc:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(exc.message, status=400)
        messages.error(request, exc.message)
    else:
        if request.htmx:  # type: ignore[attr-defined]
            item = {
                "key": candidate, "rank": rank,
                "verdict": selectors.verdicts_of(request.user, subject).get(candidate, ""),
            }  # fmt: skip
            return render(
                request, "matchmaking/_feedback.html",
                {"item": item, "subject_key": subject, "next": request.POST.get("next", "")},
            )  # fmt: skip
        messages.success(request, _("Thank you: your feedback was saved."))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("partnering:mine")
