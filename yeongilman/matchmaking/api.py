"""Suggestions endpoints: partners and opportunities suggested for an organisation or an
opportunity, with their reasons, and the feedback on them (published under /api/v1 with the
partnering operations)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import (
    PathId,
    StrictIn,
)
from yeongilman.directory.access import access_organisation
from yeongilman.directory.models import Organisation
from yeongilman.matchmaking import access, selectors, services
from yeongilman.matchmaking.explanations import excerpt_for, reason_lines
from yeongilman.partnering import access as partnering_access

router = Router(tags=["partnering"])

K = Annotated[int, Query(ge=1, le=50)]  # how many suggestions


class ReasonsOut(Schema):
    lines: list[str]
    shared_industries: list[str]
    shared_terms: list[str]
    direction: str
    country_fit: str
    kind_fit: bool
    bridged_terms: list[tuple[str, str]]  # (as the subject writes it, as the suggestion does)
    limit_respected: str


class SuggestionOut(Schema):
    key: str
    rank: int
    score: float
    organisation: int | None
    opportunity: int | None
    name: str
    excerpt: str  # in the reader's language when the item has it
    written_in: str  # the language's name when it has no text in the reader's language
    reasons: ReasonsOut


class SuggestionsOut(Schema):
    subject: str
    indexed: bool
    results: list[SuggestionOut]


class FeedbackIn(StrictIn):
    subject: str = Field(..., max_length=40)
    candidate: str = Field(..., max_length=40)
    verdict: str = Field(..., max_length=20)
    rank: int | None = Field(None, ge=1, le=1000)


def _suggestions_out(found: selectors.SuggestionList) -> dict[str, Any]:
    results = []
    for item in found.items:
        r = item.suggestion.reasons
        name = item.organisation.name.primary if item.organisation else ""
        if item.opportunity:
            name = item.opportunity.title.primary
        excerpt = excerpt_for(item, get_language() or "en")
        results.append(
            {
                "key": item.key,
                "rank": item.rank,
                "score": item.suggestion.score,
                "organisation": item.organisation.pk if item.organisation else None,
                "opportunity": item.opportunity.pk if item.opportunity else None,
                "name": name,
                "excerpt": excerpt.text,
                "written_in": excerpt.written_in,
                "reasons": {
                    "lines": reason_lines(r, item.industries),
                    "shared_industries": list(r.shared_industries),
                    "shared_terms": list(r.shared_terms),
                    "direction": r.direction,
                    "country_fit": r.country_fit,
                    "kind_fit": r.kind_fit,
                    "bridged_terms": [list(pair) for pair in r.bridged_terms],
                    "limit_respected": r.limit_respected,
                },
            }  # fmt: skip
        )
    return {"subject": found.subject_key, "indexed": found.indexed, "results": results}


def _suggestions(
    request: HttpRequest, owner_id: int, want: str, k: int, **subject: Any
) -> dict[str, Any]:
    access.require_suggestions_access(request.user, owner_id)
    found = selectors.suggestions(
        request.user, want="opportunities" if want == "opportunities" else "partners",
        k=max(1, min(k, 50)), **subject,
    )  # fmt: skip
    return _suggestions_out(found)


@router.get(
    "/organisations/{organisation_id}/suggestions",
    response=SuggestionsOut,
    summary="Suggested partners or opportunities for your organisation",
)
def organisation_suggestions(
    request: HttpRequest, organisation_id: PathId, want: str = "partners", k: K = 10
) -> Any:
    found = Organisation.objects.filter(pk=organisation_id).first()
    organisation = access_organisation(request.user, found)
    return _suggestions(request, organisation.pk, want, k, organisation=organisation)


@router.get("/opportunities/{opportunity_id}/suggestions", response=SuggestionsOut)
def opportunity_suggestions(
    request: HttpRequest, opportunity_id: PathId, want: str = "partners", k: K = 10
) -> Any:
    opportunity = partnering_access.access_opportunity(request.user, opportunity_id)
    return _suggestions(request, opportunity.owner_id, want, k, opportunity=opportunity)


@router.post("/suggestions/feedback", response={201: dict}, summary="Mark a suggestion")
def suggestion_feedback(request: HttpRequest, payload: FeedbackIn) -> Any:
    owner = access.subject_owner_id(payload.subject)
    if owner is None:
        raise NotFound(_("No such subject."))
    access.require_suggestions_access(request.user, owner)
    feedback = services.feedback_record(
        actor=request.user, subject=payload.subject, candidate=payload.candidate[:40],
        verdict=payload.verdict, rank=payload.rank,
    )  # fmt: skip
    return Status(201, {"id": feedback.pk, "verdict": feedback.verdict})
