"""Programme endpoints: calls, the applicant's own applications, the reviewer's own reviews
and the operators' ranking, with the same rules as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from yeongilman.accounts.access import (
    is_operator,
    member_organisation_ids,
    require_operator,
    require_user,
)
from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import Id, PathId, StrictIn, TitleTextOut
from yeongilman.directory.access import access_organisation
from yeongilman.directory.models import Organisation
from yeongilman.programs import access, selectors
from yeongilman.programs.eligibility import eligibility_rules
from yeongilman.programs.models import Application, Call, Review, Stage
from yeongilman.programs.services import applications as application_services
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import stages as stage_services

router = Router(tags=["programs"])


class FieldOut(Schema):
    key: str
    kind: str
    label_ko: str
    label_en: str
    help_ko: str
    help_en: str
    required: bool
    max_chars: int | None
    choices: list[dict[str, str]]
    allowed_types: list[str]
    max_size_mb: int


class CallOut(TitleTextOut):
    id: int
    slug: str
    program: str
    places: int
    time_zone: str
    opens_at: datetime
    closes_at: datetime
    is_open: bool
    eligibility: list[str]


class CallDetailOut(CallOut):
    fields: list[FieldOut]
    my_organisations: list[dict[str, Any]]


class TimelineStepOut(Schema):
    key: str = Field(description="`submitted`, `stage-<position>`, `result` or `withdrawn`.")
    label: str
    state: str = Field(description="done, current, upcoming, stopped or skipped.")
    when: datetime | None
    note: str


class ApplicationOut(Schema):
    id: int
    call: str
    organisation: int
    status: str
    answers: dict[str, Any]
    files: dict[str, str]
    submitted_at: datetime | None
    outcome: str | None  # shown once results are published (operators: always)
    receipt_number: str = Field(description="Issued on submission; unique within the call.")
    timeline: list[TimelineStepOut] = Field(
        description="Submitted, each stage, the result (the applicant and operators only)."
    )


class ApplicationIn(StrictIn):
    organisation: Id


class AnswersIn(StrictIn):
    answers: dict[str, Any] = Field(..., max_length=500)


class ReviewOut(Schema):
    id: int
    application: ApplicationOut
    scores: dict[str, int]
    comment: str
    submitted_at: datetime | None


class ReviewIn(StrictIn):
    scores: dict[str, Any] = Field({}, max_length=100)
    comment: str = Field("", max_length=10_000)
    submit: bool = False


class ConflictIn(StrictIn):
    reason: str = Field("", max_length=300)


class RankingOut(Schema):
    application: int
    organisation: str
    industry: str
    reviews: int
    raw: float
    normalised: float
    spread: float
    flagged: bool
    outcome: str


def _call_out(call: Call) -> dict[str, Any]:
    return {
        "id": call.pk, "slug": call.slug, "program": str(call.program.title),
        "title_ko": call.title_ko, "title_en": call.title_en,
        "description_ko": call.description_ko, "description_en": call.description_en,
        "places": call.places, "time_zone": call.time_zone, "opens_at": call.opens_at,
        "closes_at": call.closes_at, "is_open": call.is_open(),
        "eligibility": eligibility_rules(call),
    }  # fmt: skip


def _application_out(
    request: HttpRequest, a: Application, mine: set[int] | None = None,
    blind: bool | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The application as the viewer may see it; `mine` (the viewer's organisation ids) can be
    passed by lists so it is read once, not per row; `blind` by a review that knows its stage."""
    operator = is_operator(request.user)
    if mine is None:
        mine = member_organisation_ids(request.user)
    applicant = a.organisation_id in mine
    if operator or applicant:
        blind = False
    elif blind is None:
        blind = access.hides_applicant(request.user, a)
    published = bool(a.call.results_published_at)
    return {
        "id": a.pk, "call": a.call.slug, "organisation": 0 if blind else a.organisation_id,
        "status": a.status, "answers": a.answers,
        "files": {f.field_key: reverse("programs:file", args=[f.pk]) for f in a.files.all()},
        "submitted_at": a.submitted_at,
        "outcome": a.outcome if operator or (published and applicant) else None,
        "receipt_number": a.receipt_number,
        "timeline": [vars(s) for s in selectors.timeline(a)] if operator or applicant else [],
    }  # fmt: skip


@router.get("/calls", response=list[CallOut], auth=None, summary="Calls (open, upcoming, closed)")
def list_calls(request: HttpRequest) -> Any:
    """Published calls (operators: all), soonest deadline first."""
    return [_call_out(c) for c in access.visible_calls(request.user).order_by("closes_at")]


@router.get("/calls/{slug}", response=CallDetailOut)
def get_call(request: HttpRequest, slug: str) -> Any:
    """A call with its questions and, for a member, each organisation's eligibility."""
    call = access.access_call(request.user, slug)
    return {
        **_call_out(call),
        "fields": list(call.fields.filter(retired=False)),
        "my_organisations": [
            {
                "organisation": e.organisation.pk,
                "eligible": not e.reasons,
                "reasons": e.reasons,
                "application": e.application.pk if e.application else None,
            }  # fmt: skip
            for e in selectors.eligibility_for(request.user, call)
        ],
    }


@router.post("/calls/{slug}/applications", response={201: ApplicationOut})
def start_application(request: HttpRequest, slug: str, payload: ApplicationIn) -> Any:
    """Open the organisation's draft application (or return the existing one)."""
    call = access.access_call(request.user, slug)
    organisation = access_organisation(
        request.user, Organisation.objects.filter(pk=payload.organisation).first()
    )
    application = application_services.application_start(
        actor=request.user, call=call, organisation=organisation
    )
    return Status(201, _application_out(request, application))


@router.get("/applications", response=list[ApplicationOut])
def list_applications(request: HttpRequest, call: str = "") -> Any:
    """The applicant's own applications (operators: all, optionally of one call)."""
    require_user(request.user)
    rows = (
        Application.objects.select_related("call").prefetch_related("files")
        if is_operator(request.user)
        else selectors.my_applications(request.user).prefetch_related("files")
    )
    if call:
        rows = rows.filter(call__slug=call)
    mine = member_organisation_ids(request.user)
    return [_application_out(request, a, mine) for a in rows[:1000]]


@router.get("/applications/{application_id}", response=ApplicationOut)
def get_application(request: HttpRequest, application_id: PathId) -> Any:
    """One application the viewer may read."""
    return _application_out(request, access.access_application(request.user, application_id))


@router.patch("/applications/{application_id}", response=ApplicationOut)
def save_answers(request: HttpRequest, application_id: PathId, payload: AnswersIn) -> Any:
    """Save draft answers as typed (checked at submission)."""
    application = access.access_application_for_edit(request.user, application_id)
    application_services.application_save_draft(
        actor=request.user, application=application, answers=payload.answers
    )
    return _application_out(request, application)


@router.post("/applications/{application_id}/submit", response=ApplicationOut)
def submit_application(request: HttpRequest, application_id: PathId) -> Any:
    """Submit before the deadline; 422 lists what is missing or invalid per question."""
    application = access.access_application_for_edit(request.user, application_id)
    application_services.application_submit(actor=request.user, application=application)
    return _application_out(request, application)


@router.post("/applications/{application_id}/withdraw", response=ApplicationOut)
def withdraw_application(request: HttpRequest, application_id: PathId) -> Any:
    """Withdraw before the deadline."""
    application = access.access_application_for_edit(request.user, application_id)
    application_services.application_withdraw(actor=request.user, application=application)
    return _application_out(request, application)


def _review_out(
    request: HttpRequest, review: Review, mine: set[int] | None = None
) -> dict[str, Any]:
    return {
        "id": review.pk,
        "application": _application_out(request, review.application, mine,
                                         blind=access.review_hides_applicant(review)),
        "scores": review.scores, "comment": review.comment, "submitted_at": review.submitted_at,
    }  # fmt: skip


@router.get("/reviews", response=list[ReviewOut])
def list_reviews(request: HttpRequest) -> Any:
    """The reviewer's own assignments."""
    require_user(request.user)
    mine = member_organisation_ids(request.user)
    reviews = selectors.reviews_of(request.user).prefetch_related("application__files")
    return [_review_out(request, r, mine) for r in reviews]


@router.get("/reviews/{review_id}", response=ReviewOut)
def get_review(request: HttpRequest, review_id: PathId) -> Any:
    """One of the reviewer's own assignments."""
    return _review_out(request, access.access_review(request.user, review_id))


@router.patch("/reviews/{review_id}", response=ReviewOut)
def save_review(request: HttpRequest, review_id: PathId, payload: ReviewIn) -> Any:
    """Scores by criterion id, a comment, and `submit` to count in the ranking."""
    review = access.access_review(request.user, review_id)
    review_services.review_save(
        actor=request.user, review=review, scores=payload.scores, comment=payload.comment,
        submit=payload.submit,
    )  # fmt: skip
    return _review_out(request, review)


@router.post("/reviews/{review_id}/conflict", response={204: None})
def declare_conflict(request: HttpRequest, review_id: PathId, payload: ConflictIn) -> Any:
    """Declare a conflict of interest; the application goes to another reviewer."""
    review = access.access_review(request.user, review_id)
    review_services.conflict_declare(actor=request.user, review=review, reason=payload.reason)
    return Status(204, None)


@router.get("/calls/{slug}/ranking", response=list[RankingOut])
def get_ranking(request: HttpRequest, slug: str) -> Any:
    """Operators: raw and normalised scores, spread and outcome per application."""
    require_operator(request.user)
    call = access.access_call(request.user, slug)
    return [
        {
            "application": r.application,
            "organisation": str(r.organisation),
            "industry": r.industry,
            "reviews": r.reviews,
            "raw": round(r.raw, 2),
            "normalised": round(r.normalised, 3),
            "spread": round(r.spread, 2),
            "flagged": r.flagged,
            "outcome": r.outcome,
        }  # fmt: skip
        for r in selectors.ranking(call)
    ]


class StageOut(Schema):
    id: int
    position: int
    name_ko: str
    name_en: str
    reviewers_per_application: int = Field(description="The stage's own, or the call's.")
    blind_review: bool
    cutoff: str = Field(description="`top` (best N), `score` (raw score ≥) or `none` (by hand).")
    cutoff_top: int | None
    cutoff_score: float | None
    starts_at: datetime | None
    ends_at: datetime | None
    advanced_at: datetime | None
    applications: int


class StageIn(StrictIn):
    name_ko: str = Field("", max_length=100)
    name_en: str = Field("", max_length=100)
    reviewers_per_application: int | None = Field(None, ge=1, le=20)
    blind_review: bool | None = None
    cutoff: str = Field("top", max_length=8)
    cutoff_top: int | None = Field(None, ge=0, le=100_000)
    cutoff_score: float | None = Field(None, ge=0, le=100)
    starts_at: datetime | None = None
    ends_at: datetime | None = None


class AdvanceRowOut(Schema):
    application: int
    organisation: str
    reviews: int
    raw: float
    normalised: float
    advances: bool
    by_hand: bool
    reason: str


class AdvancementOut(Schema):
    advanced: list[int]
    stopped: list[int]
    letters: int


class DecisionIn(StrictIn):
    application: Id
    advance: bool | None = Field(description="True passes, false stops, null: back to ranking.")
    reason: str = Field("", max_length=2000)


def _stage_of(request: HttpRequest, slug: str, stage_id: int) -> Stage:
    require_operator(request.user)
    call = access.access_call(request.user, slug)
    stage = call.stages.filter(pk=stage_id).first()
    if stage is None:
        raise NotFound(_("No such stage."))
    stage.call = call
    return stage


def _stage_out(stage: Stage) -> dict[str, Any]:
    return {
        "id": stage.pk, "position": stage.position, "name_ko": stage.name_ko,
        "name_en": stage.name_en, "reviewers_per_application": stage.per_application,
        "blind_review": stage.is_blind, "cutoff": stage.cutoff, "cutoff_top": stage.cutoff_top,
        "cutoff_score": stage.cutoff_score, "starts_at": stage.starts_at,
        "ends_at": stage.ends_at, "advanced_at": stage.advanced_at,
        "applications": selectors.in_stage(stage).count(),
    }  # fmt: skip


@router.get("/calls/{slug}/stages", response=list[StageOut])
def list_stages(request: HttpRequest, slug: str) -> Any:
    """Operators: the call's review stages in order."""
    require_operator(request.user)
    call = access.access_call(request.user, slug)
    return [_stage_out(s) for s in selectors.stages_of(call) if s.pk]


@router.post("/calls/{slug}/stages", response={201: StageOut})
def add_stage(request: HttpRequest, slug: str, payload: StageIn) -> Any:
    """Operators: add a stage after the last one; 422 names the fields that are wrong."""
    require_operator(request.user)
    call = access.access_call(request.user, slug)
    stage = stage_services.stage_save(actor=request.user, call=call, values=payload.dict())
    return Status(201, _stage_out(stage))


@router.get("/calls/{slug}/stages/{stage_id}/advancement", response=list[AdvanceRowOut])
def preview_advancement(request: HttpRequest, slug: str, stage_id: PathId) -> Any:
    """Operators: who would advance if the stage were advanced now, best first."""
    stage = _stage_of(request, slug, stage_id)
    return [
        {**vars(r), "organisation": str(r.organisation or "")}
        for r in selectors.advancement_preview(stage)
    ]


@router.post("/calls/{slug}/stages/{stage_id}/advance", response=AdvancementOut)
def advance_stage(request: HttpRequest, slug: str, stage_id: PathId) -> Any:
    """Operators: advance the stage (letters to its applicants); 409 when it already is, 422
    when an earlier stage is not advanced or it is the last stage."""
    stage = _stage_of(request, slug, stage_id)
    return vars(stage_services.stage_advance(actor=request.user, stage=stage))


@router.post("/calls/{slug}/stages/{stage_id}/decisions", response=ApplicationOut)
def decide_in_stage(request: HttpRequest, slug: str, stage_id: PathId, payload: DecisionIn) -> Any:
    """Operators: decide by hand whether an application passes the stage (a reason is
    required); on the last stage this is the selection by hand."""
    stage = _stage_of(request, slug, stage_id)
    application = stage.call.applications.filter(pk=payload.application).first()
    if application is None:
        raise NotFound(_("No such application."))
    stage_services.stage_decide(actor=request.user, stage=stage, application=application,
                                advance=payload.advance, reason=payload.reason)  # fmt: skip
    return _application_out(request, application)
