"""API input and output shapes of the programmes: calls, applications, reviews, stages,
presentations, appeals and the reviewer's dashboard."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from yeongilman.core.schemas import Flag, Id, Moment, StrictIn, TitleTextOut
from yeongilman.programs.services import presentations


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
    submit: Flag = False


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
    appeals_close_at: datetime | None = Field(description="Until when appeals are taken.")
    applications: int


class StageIn(StrictIn):
    name_ko: str = Field("", max_length=100)
    name_en: str = Field("", max_length=100)
    reviewers_per_application: int | None = Field(None, ge=1, le=20)
    blind_review: Flag | None = Field(None, description="null: the call's setting.")
    cutoff: str = Field("top", max_length=8)
    cutoff_top: int | None = Field(None, ge=0, le=100_000)
    cutoff_score: float | None = Field(None, ge=0, le=100)
    starts_at: Moment | None = None
    ends_at: Moment | None = None


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


class AdvanceIn(StrictIn):
    """Optional: what lets a stage advance before its time (each recorded in the audit log)."""

    close_early_reason: str = Field(
        "",
        max_length=2000,
        description="Before the call's deadline: closes the call now; why (required then).",
    )
    waive_reviews_reason: str = Field(
        "",
        max_length=2000,
        description="With required reviews missing: why go ahead without them (required then).",
    )


class DecisionIn(StrictIn):
    application: Id
    advance: Flag | None = Field(description="True passes, false stops, null: back to ranking.")
    reason: str = Field("", max_length=2000)


class PanelIn(StrictIn):
    name: str = Field(..., max_length=100)
    members: list[Id] = Field(..., max_length=50, description="Users in the stage's pool.")


class SlotsIn(StrictIn):
    first_start: Moment
    minutes: int = Field(..., ge=5, le=240)
    count: int = Field(..., ge=1, le=presentations.MAX_SLOTS)
    buffer_minutes: int = Field(5, ge=0, le=240, description="Time between two slots.")
    room: str = Field("", max_length=100)
    video_link: str = Field("", max_length=300)


class PresentationSlotOut(Schema):
    id: int
    panel: int
    panel_name: str
    starts_at: datetime
    ends_at: datetime
    room: str
    video_link: str
    application: int | None


class PanelOut(Schema):
    id: int
    name: str
    members: list[int]
    slots: list[PresentationSlotOut]


class PresentationScheduleIn(StrictIn):
    replace: Flag = Field(False, description="Clear the slots first (else placed ones stay).")


class AppealOut(Schema):
    id: int
    stage: int
    application: int
    text: str
    files: list[str] = Field(description="Original names of the files given.")
    status: str = Field(description="pending, upheld or rejected.")
    decision_reason: str
    decided_at: datetime | None
    created_at: datetime


class AppealDecisionIn(StrictIn):
    uphold: Flag
    reason: str = Field(..., max_length=2000)


class AppealWindowIn(StrictIn):
    closes_at: Moment | None = Field(description="Until when appeals are taken; null: none.")


class ReviewerMailIn(StrictIn):
    subject: str = Field(..., max_length=200)
    body: str = Field(..., max_length=5000)
    only_unfinished: Flag = False


class MailedOut(Schema):
    recipients: int


class DashboardReviewOut(Schema):
    id: int
    application: int
    submitted_at: datetime | None


class DashboardRowOut(Schema):
    call: str
    call_title: str
    stage: int | None
    stage_name: str
    deadline: datetime | None
    overdue: bool
    to_do: list[DashboardReviewOut]
    done: list[DashboardReviewOut]
    slots: list[PresentationSlotOut] = Field(
        description="Presentations the reviewer's panel hears."
    )


class ReviewerDashboardOut(Schema):
    expertise: list[str] = Field(description="Industry codes of the reviewer's profile.")
    rows: list[DashboardRowOut]


class ProfileIn(StrictIn):
    expertise: list[str] = Field(..., max_length=50)


class PresentationAwayIn(StrictIn):
    starts_at: Moment
    ends_at: Moment
    application: Id | None = Field(
        None, description="The applicant's time (its members or operators); empty: the caller's."
    )


class PresentationAwayOut(Schema):
    id: int
    stage: int
    application: int | None
    starts_at: datetime
    ends_at: datetime
