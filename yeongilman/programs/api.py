"""Programme endpoints: calls, the applicant's own applications, the reviewer's own reviews
and the operators' ranking, with the same rules as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from yeongilman.accounts.access import (
    is_operator,
    member_organisation_ids,
    require_operator,
    require_user,
)
from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import PathId
from yeongilman.directory.access import access_organisation
from yeongilman.directory.models import Organisation
from yeongilman.jobs.schemas import JobQueued
from yeongilman.programs import access, selectors
from yeongilman.programs.eligibility import eligibility_rules
from yeongilman.programs.models import (
    Appeal,
    Application,
    Call,
    PresentationSlot,
    Review,
    ReviewerProfile,
    Stage,
    Unavailability,
)
from yeongilman.programs.schemas import (
    AdvanceIn,
    AdvancementOut,
    AdvanceRowOut,
    AnswersIn,
    AppealDecisionIn,
    AppealOut,
    AppealWindowIn,
    ApplicationIn,
    ApplicationOut,
    CallDetailOut,
    CallOut,
    ConflictIn,
    DecisionIn,
    MailedOut,
    PanelIn,
    PanelOut,
    PresentationAwayIn,
    PresentationAwayOut,
    PresentationScheduleIn,
    PresentationSlotOut,
    ProfileIn,
    RankingOut,
    ReviewerDashboardOut,
    ReviewerMailIn,
    ReviewIn,
    ReviewOut,
    SlotsIn,
    StageIn,
    StageOut,
)
from yeongilman.programs.services import appeals, presentations, reviewers
from yeongilman.programs.services import applications as application_services
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import stages as stage_services

router = Router(tags=["programs"])


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
        "appeals_close_at": stage.appeals_close_at,
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
def advance_stage(
    request: HttpRequest, slug: str, stage_id: PathId, payload: AdvanceIn | None = None
) -> Any:
    """Operators: advance the stage (letters to its applicants); 409 when it already is, 422
    when an earlier stage is not advanced or it is the last stage, when the call's deadline
    has not passed (without `close_early_reason`), when required reviews are missing
    (without `waive_reviews_reason`) or when an earlier stage's appeals are still open; the
    body is optional."""
    stage = _stage_of(request, slug, stage_id)
    return vars(
        stage_services.stage_advance(
            actor=request.user,
            stage=stage,
            close_early_reason=payload.close_early_reason if payload else "",
            waive_reviews_reason=payload.waive_reviews_reason if payload else "",
        )  # fmt: skip
    )


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


# Presentation stages, appeals and the reviewer's dashboard.


def _slot_out(slot: PresentationSlot) -> dict[str, Any]:
    return {
        "id": slot.pk, "panel": slot.panel_id, "panel_name": slot.panel.name,
        "starts_at": slot.starts_at, "ends_at": slot.ends_at, "room": slot.room,
        "video_link": slot.video_link, "application": slot.application_id,
    }  # fmt: skip


def _appeal_out(appeal: Appeal) -> dict[str, Any]:
    return {
        "id": appeal.pk, "stage": appeal.stage_id, "application": appeal.application_id,
        "text": appeal.text, "files": [f.original_name for f in appeal.files.all()],
        "status": appeal.status, "decision_reason": appeal.decision_reason,
        "decided_at": appeal.decided_at, "created_at": appeal.created_at,
    }  # fmt: skip


def _panels_out(stage: Stage) -> list[dict[str, Any]]:
    return [
        {"id": p.pk, "name": p.name, "members": [m.pk for m in p.members.all()],
         "slots": [_slot_out(s) for s in p.slots.all()]}
        for p in selectors.stage_presentations(stage)
    ]  # fmt: skip


@router.get("/calls/{slug}/stages/{stage_id}/presentations", response=list[PanelOut])
def list_presentations(request: HttpRequest, slug: str, stage_id: PathId) -> Any:
    """Operators: the stage's panels with their slots and who presents in each."""
    return _panels_out(_stage_of(request, slug, stage_id))


@router.post("/calls/{slug}/stages/{stage_id}/panels", response={201: PanelOut})
def add_panel(request: HttpRequest, slug: str, stage_id: PathId, payload: PanelIn) -> Any:
    """Operators: add a panel; 422 when a member is not a reviewer of the stage or already
    sits on another of its panels."""
    stage = _stage_of(request, slug, stage_id)
    panel = presentations.panel_save(actor=request.user, stage=stage, name=payload.name,
                                     member_ids=payload.members)  # fmt: skip
    return Status(201, {"id": panel.pk, "name": panel.name,
                        "members": sorted(payload.members), "slots": []})  # fmt: skip


@router.post(
    "/calls/{slug}/stages/{stage_id}/panels/{panel_id}/slots",
    response={201: list[PresentationSlotOut]},
)
def add_slots(
    request: HttpRequest, slug: str, stage_id: PathId, panel_id: PathId, payload: SlotsIn
) -> Any:
    """Operators: add slots to a panel, a buffer apart, in a room or by video link; 422 when
    they overlap the panel's own or give neither a room nor a link."""
    stage = _stage_of(request, slug, stage_id)
    panel = stage.panels.filter(pk=panel_id).first()
    if panel is None:
        raise NotFound(_("No such panel."))
    made = presentations.presentation_slots_define(
        actor=request.user, panel=panel, first_start=payload.first_start,
        minutes=payload.minutes, count=payload.count, buffer_minutes=payload.buffer_minutes,
        room=payload.room, video_link=payload.video_link,
    )  # fmt: skip
    return Status(201, [_slot_out(s) for s in made])


@router.post("/calls/{slug}/stages/{stage_id}/presentations/schedule", response={202: JobQueued})
def schedule_presentations(
    request: HttpRequest, slug: str, stage_id: PathId, payload: PresentationScheduleIn
) -> Any:
    """Operators: queue the placing of the stage's applicants into free slots (one each; nobody
    twice at once). Answers 202 with the job; its result at `/jobs/{id}` lists `placed`
    (application, slot) and `unplaced` (application, reason). 422 without panels or once the
    stage is advanced; 409 while a run for the stage is queued or running."""
    stage = _stage_of(request, slug, stage_id)
    job = presentations.presentations_schedule_start(actor=request.user, stage=stage,
                                                     replace=payload.replace)  # fmt: skip
    return Status(202, {"job": job.pk})


@router.get("/applications/{application_id}/presentations", response=list[PresentationSlotOut])
def my_presentations(request: HttpRequest, application_id: PathId) -> Any:
    """The applicant (and operators): the application's presentation slots, with the room or
    video link."""
    application = access.access_application(request.user, application_id)
    if not (is_operator(request.user) or access.is_applicant(request.user, application)):
        raise NotFound(_("No such application."))
    return [_slot_out(s) for s in selectors.presentation_slots_of_application(application)]


def _visible_stage(request: HttpRequest, slug: str, stage_id: int) -> Stage:
    call = access.access_call(require_user(request.user), slug)
    stage = call.stages.filter(pk=stage_id).first()
    if stage is None:
        raise NotFound(_("No such stage."))
    stage.call = call
    return stage


def _away_out(row: Any) -> dict[str, Any]:
    return {"id": row.pk, "stage": row.stage_id, "application": row.application_id,
            "starts_at": row.starts_at, "ends_at": row.ends_at}  # fmt: skip


@router.get("/calls/{slug}/stages/{stage_id}/unavailability", response=list[PresentationAwayOut])
def list_unavailability(
    request: HttpRequest, slug: str, stage_id: PathId, application: int | None = None
) -> Any:
    """A panel member's own unavailable times in a presentation stage, or (with `application`)
    the applicant's, for its members and operators; 403 for anyone else."""
    stage = _visible_stage(request, slug, stage_id)
    applicant = access.access_application(request.user, application) if application else None
    rows = presentations.unavailability_list(actor=request.user, stage=stage,
                                             application=applicant)  # fmt: skip
    return [_away_out(r) for r in rows]


@router.post("/calls/{slug}/stages/{stage_id}/unavailability", response={201: PresentationAwayOut})
def add_unavailability(
    request: HttpRequest, slug: str, stage_id: PathId, payload: PresentationAwayIn
) -> Any:
    """Add a time the caller (a reviewer of the stage) or the applicant cannot present or sit;
    the scheduler keeps it free. 403 for anyone else; 422 when it ends before it starts, beyond
    100 times, or once the stage is advanced."""
    stage = _visible_stage(request, slug, stage_id)
    applicant = (
        access.access_application(request.user, payload.application)
        if payload.application else None
    )  # fmt: skip
    row = presentations.unavailability_add(
        actor=request.user, stage=stage, starts_at=payload.starts_at, ends_at=payload.ends_at,
        application=applicant,
    )  # fmt: skip
    return Status(201, _away_out(row))


@router.delete("/unavailability/{unavailability_id}", response={204: None})
def delete_unavailability(request: HttpRequest, unavailability_id: PathId) -> Any:
    """Remove an unavailable time: one's own, one's applicant's, or (operators) any; 404 for a
    time the caller may not see; 422 once the stage is advanced."""
    user = require_user(request.user)
    rows = Unavailability.objects.select_related("stage", "application")
    if not is_operator(user):
        rows = rows.filter(
            Q(user_id=user.pk) | Q(application__organisation_id__in=member_organisation_ids(user))
        )
    row = rows.filter(pk=unavailability_id).first()
    if row is None:
        raise NotFound(_("No such unavailable time."))
    presentations.unavailability_delete(actor=user, unavailability=row)
    return Status(204, None)


@router.post("/applications/{application_id}/appeals", response={201: AppealOut})
def make_appeal(
    request: HttpRequest, application_id: PathId, stage: Form[int], text: Form[str],
    files: File[list[UploadedFile]] | None = None,
) -> Any:  # fmt: skip
    """The applicant: appeal a stage's result (multipart: `stage`, `text`, up to five `files`,
    PDF/HWP/HWPX/JPEG/PNG of at most 10 MB each). 409 for a second appeal of the same stage;
    422 after the window, before the results, for a stage the application passed, or a bad
    file; nothing is kept from a refused appeal."""
    application = access.access_application_for_edit(request.user, application_id)
    row = application.call.stages.filter(pk=stage).first()
    if row is None:
        raise NotFound(_("No such stage."))
    appeal = appeals.appeal_create(actor=request.user, stage=row, application=application,
                                   text=text, files=files or [])  # fmt: skip
    return Status(201, _appeal_out(appeal))


@router.get("/calls/{slug}/stages/{stage_id}/appeals", response=list[AppealOut])
def list_appeals(request: HttpRequest, slug: str, stage_id: PathId) -> Any:
    """Operators: the stage's appeals, undecided first."""
    return [_appeal_out(a) for a in selectors.stage_appeals(_stage_of(request, slug, stage_id))]


@router.put("/calls/{slug}/stages/{stage_id}/appeal-window", response=StageOut)
def set_appeal_window(
    request: HttpRequest, slug: str, stage_id: PathId, payload: AppealWindowIn
) -> Any:
    """Operators: until when applicants the stage stopped may appeal (null: no appeals)."""
    stage = _stage_of(request, slug, stage_id)
    appeals.appeal_window_set(actor=request.user, stage=stage, closes_at=payload.closes_at)
    return _stage_out(stage)


@router.post("/appeals/{appeal_id}/decision", response=AppealOut)
def decide_appeal(request: HttpRequest, appeal_id: PathId, payload: AppealDecisionIn) -> Any:
    """Operators: uphold (the applicant passes the stage) or reject (nothing changes) with a
    reason; 409 when already decided, 422 when an upheld appeal can no longer take effect."""
    require_operator(request.user)
    appeal = (
        Appeal.objects.select_related("stage__call", "application__organisation")
        .filter(pk=appeal_id)
        .first()
    )
    if appeal is None:
        raise NotFound(_("No such appeal."))
    appeals.appeal_decide(actor=request.user, appeal=appeal, uphold=payload.uphold,
                          reason=payload.reason)  # fmt: skip
    return _appeal_out(appeal)


@router.post("/calls/{slug}/stages/{stage_id}/reviewer-mail", response=MailedOut)
def mail_reviewers(
    request: HttpRequest, slug: str, stage_id: PathId, payload: ReviewerMailIn
) -> Any:
    """Operators: write to the stage's reviewers (or those with reviews left to do); 422 when
    there is nobody to write to."""
    stage = _stage_of(request, slug, stage_id)
    sent = reviewers.reviewers_mail(actor=request.user, stage=stage, subject=payload.subject,
                                    body=payload.body,
                                    only_unfinished=payload.only_unfinished)  # fmt: skip
    return {"recipients": sent}


def _dashboard_out(user: Any) -> dict[str, Any]:
    profile = ReviewerProfile.objects.filter(user_id=user.pk).first()

    def reviews(rows: list[Review]) -> list[dict[str, Any]]:
        return [{"id": r.pk, "application": r.application_id,
                 "submitted_at": r.submitted_at} for r in rows]  # fmt: skip

    return {
        "expertise": profile.expertise if profile else [],
        "rows": [
            {"call": r.call.slug, "call_title": str(r.call.title),
             "stage": r.stage.pk if r.stage else None,
             "stage_name": str(r.stage.name) if r.stage else "", "deadline": r.deadline,
             "overdue": r.overdue, "to_do": reviews(r.to_do), "done": reviews(r.done),
             "slots": [_slot_out(s) for s in r.slots]}
            for r in selectors.reviewer_dashboard(user)
        ],
    }  # fmt: skip


@router.get("/reviewing", response=ReviewerDashboardOut)
def reviewer_dashboard(request: HttpRequest) -> Any:
    """The reviewer's own work across calls and stages: to do, done, deadlines, panel slots."""
    return _dashboard_out(require_user(request.user))


@router.put("/reviewing/profile", response=ReviewerDashboardOut)
def set_reviewer_profile(request: HttpRequest, payload: ProfileIn) -> Any:
    """Reviewers: the industries they know (industry codes), preferred by every call's
    assignment; 422 for an unknown code or a user who is not a reviewer."""
    reviewers.reviewer_profile_save(actor=request.user, expertise=payload.expertise)
    return _dashboard_out(require_user(request.user))
