"""Agreement endpoints: operators draft, change, send, sign and cancel agreements and add
documents and milestones; the company reads its agreements, uploads signed copies and
submits milestone reports; operators and named evaluators evaluate them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from yeongilman.accounts.access import require_operator, require_user
from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import Day, Id, Omittable, PathId, StrictIn
from yeongilman.grants import access, selectors, services
from yeongilman.grants.models import Agreement, EvaluationKind, Milestone, Verdict
from yeongilman.programs.models import Application

router = Router(tags=["grants"])

MAX_KRW = 10**15  # a bound far above any grant, so an absurd number is a 422, not a 500


class DocumentOut(Schema):
    id: int
    name_ko: str
    name_en: str
    uploaded: bool = Field(description="Whether the company's signed copy is there.")
    original_name: str
    uploaded_at: datetime | None


class ReportOut(Schema):
    id: int
    text: str
    revenue_krw: int | None
    employees: int | None
    jobs_created: int | None
    investment_krw: int | None
    investment_round: str
    submitted_at: datetime
    verdict: str = Field(description="pass, conditional, stop, or empty until evaluated.")
    verdict_note: str
    evaluated_at: datetime | None


class MilestoneOut(Schema):
    id: int
    title_ko: str
    title_en: str
    due_on: date
    amount_krw: int = Field(description="The disbursement planned for this milestone.")
    evaluation: str = Field(description="none, midterm or final.")
    disbursed_krw: int | None
    disbursed_on: date | None
    report: ReportOut | None


class AgreementOut(Schema):
    id: int
    call: str
    application: int
    organisation: int
    amount_krw: int
    starts_on: date
    ends_on: date
    sign_by: date | None
    conditions_ko: str
    conditions_en: str
    status: str = Field(description="drafted, sent, signed or cancelled.")
    sent_at: datetime | None
    signed_at: datetime | None
    stopped_at: datetime | None = Field(description="Set by a 'stop' evaluation.")
    documents: list[DocumentOut]
    milestones: list[MilestoneOut]


class AgreementIn(StrictIn):
    application: Id
    amount_krw: int = Field(..., ge=1, le=MAX_KRW)
    starts_on: Day
    ends_on: Day
    sign_by: Day | None = None
    conditions_ko: str = Field("", max_length=20_000)
    conditions_en: str = Field("", max_length=20_000)


class AgreementPatch(StrictIn):
    amount_krw: int = Omittable(ge=1, le=MAX_KRW)
    starts_on: Day = Omittable()
    ends_on: Day = Omittable()
    sign_by: Day | None = Field(None, description="null: no date to sign by.")
    conditions_ko: str = Omittable(max_length=20_000)
    conditions_en: str = Omittable(max_length=20_000)


class DocumentIn(StrictIn):
    name_ko: str = Field("", max_length=200)
    name_en: str = Field("", max_length=200)


class MilestoneIn(StrictIn):
    title_ko: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)
    due_on: Day
    amount_krw: int = Field(0, ge=0, le=MAX_KRW)
    evaluation: EvaluationKind = EvaluationKind.NONE


class ReportIn(StrictIn):
    text: str = Field(..., min_length=1, max_length=20_000)
    revenue_krw: int | None = Field(None, ge=0, le=MAX_KRW)
    employees: int | None = Field(None, ge=0, le=10_000_000)
    jobs_created: int | None = Field(None, ge=0, le=10_000_000)
    investment_krw: int | None = Field(None, ge=0, le=MAX_KRW)
    investment_round: str = Field("", max_length=12)


class EvaluationIn(StrictIn):
    verdict: Verdict
    note: str = Field("", max_length=10_000)


class CancelIn(StrictIn):
    reason: str = Field("", max_length=500)


def _out(agreement: Agreement) -> dict[str, Any]:
    documents = list(agreement.documents.all())
    milestones = list(agreement.milestones.all())
    return {
        **{
            k: getattr(agreement, k)
            for k in (
                "id",
                "amount_krw",
                "starts_on",
                "ends_on",
                "sign_by",
                "conditions_ko",
                "conditions_en",
                "status",
                "sent_at",
                "signed_at",
                "stopped_at",
            )
        },
        "application": agreement.application_id,
        "organisation": agreement.organisation_id,
        "call": agreement.call.slug,
        "documents": [
            {
                "id": d.pk,
                "name_ko": d.name_ko,
                "name_en": d.name_en,
                "uploaded": d.is_uploaded,
                "original_name": d.original_name,
                "uploaded_at": d.uploaded_at,
            }
            for d in documents
        ],
        "milestones": [_milestone_out(m) for m in milestones],
    }


def _milestone_out(milestone: Milestone) -> dict[str, Any]:
    report = getattr(milestone, "report", None)
    return {
        **{
            k: getattr(milestone, k)
            for k in (
                "id",
                "title_ko",
                "title_en",
                "due_on",
                "amount_krw",
                "evaluation",
                "disbursed_krw",
                "disbursed_on",
            )
        },
        "report": None
        if report is None
        else {
            k: getattr(report, k)
            for k in (
                "id",
                "text",
                "revenue_krw",
                "employees",
                "jobs_created",
                "investment_krw",
                "investment_round",
                "submitted_at",
                "verdict",
                "verdict_note",
                "evaluated_at",
            )
        },
    }


def _fresh(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(selectors.agreement_detail(request.user, pk))


def _managed(request: HttpRequest, pk: int) -> Agreement:
    """The agreement for an operator's change (a company member gets 403, others 404)."""
    agreement = access.access_agreement(request.user, pk)
    require_operator(request.user)
    return agreement


@router.get(
    "/agreements",
    response=list[AgreementOut],
    summary="Agreements (operators: all; companies: their own, once sent)",
)
def agreement_list(request: HttpRequest) -> Any:
    require_user(request.user)
    agreements = selectors.with_parts(access.visible_agreements(request.user)).order_by("pk")
    return [_out(a) for a in agreements]


@router.post(
    "/agreements",
    response={201: AgreementOut},
    summary="Draft the agreement with a selected application (operators)",
)
def agreement_create(request: HttpRequest, payload: AgreementIn) -> Any:
    require_operator(request.user)
    application = Application.objects.filter(pk=payload.application).first()
    if application is None:
        raise NotFound(_("No such application."))
    values = payload.dict(exclude={"application"})
    agreement = services.agreement_draft(actor=request.user, application=application, values=values)
    return Status(201, _fresh(request, agreement.pk))


@router.get("/agreements/{grant_agreement_id}", response=AgreementOut)
def agreement_get(request: HttpRequest, grant_agreement_id: PathId) -> Any:
    return _fresh(request, grant_agreement_id)


@router.patch(
    "/agreements/{grant_agreement_id}",
    response=AgreementOut,
    summary="Change a drafted agreement's terms (operators)",
)
def agreement_patch(
    request: HttpRequest, grant_agreement_id: PathId, payload: AgreementPatch
) -> Any:
    agreement = _managed(request, grant_agreement_id)
    services.agreement_update(
        actor=request.user, agreement=agreement, values=payload.dict(exclude_unset=True)
    )
    return _fresh(request, grant_agreement_id)


@router.delete(
    "/agreements/{grant_agreement_id}",
    response={204: None},
    summary="Delete a drafted agreement (operators; a sent one is cancelled)",
)
def agreement_remove(request: HttpRequest, grant_agreement_id: PathId) -> Any:
    services.agreement_delete(actor=request.user, agreement=_managed(request, grant_agreement_id))
    return Status(204, None)


@router.post(
    "/agreements/{grant_agreement_id}/send",
    response=AgreementOut,
    summary="Send a drafted agreement to the company (operators)",
)
def agreement_send(request: HttpRequest, grant_agreement_id: PathId) -> Any:
    services.agreement_send(actor=request.user, agreement=_managed(request, grant_agreement_id))
    return _fresh(request, grant_agreement_id)


@router.post(
    "/agreements/{grant_agreement_id}/sign",
    response=AgreementOut,
    summary="Mark signed (operators); 422 naming missing signed copies",
)
def agreement_sign(request: HttpRequest, grant_agreement_id: PathId) -> Any:
    services.agreement_sign(actor=request.user, agreement=_managed(request, grant_agreement_id))
    return _fresh(request, grant_agreement_id)


@router.post(
    "/agreements/{grant_agreement_id}/cancel",
    response=AgreementOut,
    summary="Cancel an agreement (operators)",
)
def agreement_cancel(request: HttpRequest, grant_agreement_id: PathId, payload: CancelIn) -> Any:
    services.agreement_cancel(
        actor=request.user, agreement=_managed(request, grant_agreement_id), reason=payload.reason
    )
    return _fresh(request, grant_agreement_id)


@router.post(
    "/agreements/{grant_agreement_id}/documents",
    response={201: DocumentOut},
    summary="Require a document to be uploaded signed (operators)",
)
def document_add(request: HttpRequest, grant_agreement_id: PathId, payload: DocumentIn) -> Any:
    document = services.document_require(
        actor=request.user,
        agreement=_managed(request, grant_agreement_id),
        name_ko=payload.name_ko,
        name_en=payload.name_en,
    )
    return Status(
        201,
        {
            "id": document.pk,
            "name_ko": document.name_ko,
            "name_en": document.name_en,
            "uploaded": False,
            "original_name": "",
            "uploaded_at": None,
        },
    )


@router.post(
    "/documents/{grant_document_id}/upload",
    response=DocumentOut,
    summary="Upload the signed copy (the company; PDF only)",
    description="Multipart field `file`: a PDF of at most 10 MB. Another type answers 422.",
)
def document_upload(
    request: HttpRequest, grant_document_id: PathId, file: File[UploadedFile]
) -> Any:
    document = access.access_document(request.user, grant_document_id)
    document = services.document_upload(actor=request.user, document=document, upload=file)
    return {
        "id": document.pk,
        "name_ko": document.name_ko,
        "name_en": document.name_en,
        "uploaded": True,
        "original_name": document.original_name,
        "uploaded_at": document.uploaded_at,
    }


@router.post(
    "/agreements/{grant_agreement_id}/milestones",
    response={201: MilestoneOut},
    summary="Add a milestone with its planned disbursement (operators)",
)
def milestone_add(request: HttpRequest, grant_agreement_id: PathId, payload: MilestoneIn) -> Any:
    milestone = services.milestone_add(
        actor=request.user, agreement=_managed(request, grant_agreement_id), values=payload.dict()
    )
    return Status(201, _milestone_out(milestone))


@router.post(
    "/milestones/{milestone_id}/report",
    response=MilestoneOut,
    summary="Submit or replace the milestone report (the company)",
    description="Refused with 409 after the agreement's period, before it is signed, once "
    "evaluated or after a stop. Revenue and headcount go to the organisation's figures for "
    "the year, investment to its funding rounds.",
)
def report_submit(request: HttpRequest, milestone_id: PathId, payload: ReportIn) -> Any:
    milestone = access.access_milestone(request.user, milestone_id)
    services.report_submit(actor=request.user, milestone=milestone, values=payload.dict())
    return _milestone_out(Milestone.objects.select_related("report").get(pk=milestone.pk))


@router.post(
    "/reports/{milestone_report_id}/evaluation",
    response=ReportOut,
    summary="Evaluate a report: pass, conditional or stop (operators, evaluators)",
)
def report_evaluate(
    request: HttpRequest, milestone_report_id: PathId, payload: EvaluationIn
) -> Any:
    report = access.access_report(request.user, milestone_report_id)
    report = services.report_evaluate(
        actor=request.user, report=report, verdict=payload.verdict, note=payload.note
    )
    return _milestone_out(report.milestone)["report"]
