"""Partnering endpoints: opportunities, expressions of interest, suggestions with reasons,
feedback and introductions, with the same rules as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from yeongilman.accounts.access import is_operator, require_user
from yeongilman.core.errors import NotFound, PermissionDenied
from yeongilman.core.schemas import (
    Flag,
    Id,
    Moment,
    Omittable,
    PathId,
    QueryPage,
    QueryPageSize,
    StrictIn,
    TitleTextIn,
    TitleTextOut,
    TitleTextPatch,
)
from yeongilman.directory.access import access_organisation
from yeongilman.directory.models import Organisation
from yeongilman.partnering import access, selectors, services
from yeongilman.partnering.models import Interest, Introduction, Opportunity, OpportunityType

router = Router(tags=["partnering"])


class OpportunityOut(TitleTextOut):
    id: int
    type: str
    industries: list[str]
    target_countries: list[str]
    status: str
    published_at: datetime | None
    expires_at: datetime | None
    is_anonymous: bool
    owner: int | None  # hidden (null) for anonymous ones until an interest is accepted


Code = Annotated[str, Field(max_length=40)]


class OpportunityIn(TitleTextIn):
    owner: Id
    type: OpportunityType
    industries: list[Code] = Field([], max_length=30)
    target_countries: list[Code] = Field([], max_length=60)
    expires_at: Moment | None = None
    is_anonymous: Flag = False
    publish: Flag = False


class OpportunityPatch(TitleTextPatch):
    type: OpportunityType = Omittable()
    industries: list[Code] = Omittable(max_length=30)
    target_countries: list[Code] = Omittable(max_length=60)
    expires_at: Moment | None = Field(None, description="null: no expiry.")
    is_anonymous: Flag = Omittable()
    status: str = Omittable(max_length=20)


class OpportunityPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[OpportunityOut]


class InterestIn(StrictIn):
    organisation: Id
    message: str = Field(..., max_length=3000)


class InterestOut(Schema):
    id: int
    opportunity: int
    organisation: int
    message: str
    status: str
    created_at: datetime


class AnswerIn(StrictIn):
    accept: Flag


class IntroductionIn(StrictIn):
    first: Id
    second: Id
    note: str = Field("", max_length=5000)


class IntroductionPatch(StrictIn):
    status: str = Field(..., max_length=20)
    outcome: str | None = Field(None, max_length=5000)


class IntroductionOut(Schema):
    id: int
    first: int
    second: int
    note: str
    status: str
    outcome: str


def _out(request: HttpRequest, o: Opportunity) -> dict[str, Any]:
    return {
        **{f: getattr(o, f) for f in OpportunityOut.model_fields if hasattr(o, f)},
        "industries": [i.code for i in o.industries.all()],
        "owner": o.owner_id if access.owner_revealed(request.user, o) else None,
    }


def _interest_out(i: Interest) -> dict[str, Any]:
    return {
        "id": i.pk, "opportunity": i.opportunity_id, "organisation": i.organisation_id,
        "message": i.message, "status": i.status, "created_at": i.created_at,
    }  # fmt: skip


def _organisation(request: HttpRequest, pk: int) -> Organisation:
    return access_organisation(request.user, Organisation.objects.filter(pk=pk).first())


@router.get("/opportunities", response=OpportunityPage, summary="Open opportunities")
def list_opportunities(
    request: HttpRequest, q: str = "", type: str = "", industry: str = "", country: str = "",
    page: QueryPage = 1, page_size: QueryPageSize = 20,
) -> Any:  # fmt: skip
    qs = selectors.opportunity_list(
        request.user, q=q[:100], type=type[:30], industry=industry[:40], country=country[:2]
    )
    start = (page - 1) * page_size
    return {
        "count": qs.count(),
        "page": page,
        "page_size": page_size,
        "results": [_out(request, o) for o in qs[start : start + page_size]],
    }


@router.post("/opportunities", response={201: OpportunityOut}, summary="Post an opportunity")
def create_opportunity(request: HttpRequest, payload: OpportunityIn) -> Any:
    values = payload.model_dump()
    owner = _organisation(request, values.pop("owner"))
    industries = values.pop("industries")
    publish = values.pop("publish")
    opportunity = services.opportunity_create(
        actor=request.user, owner=owner, values=values, industries=industries, publish=publish
    )
    return Status(201, _out(request, opportunity))


@router.get("/opportunities/{opportunity_id}", response=OpportunityOut)
def get_opportunity(request: HttpRequest, opportunity_id: PathId) -> Any:
    return _out(request, access.access_opportunity(request.user, opportunity_id))


@router.patch("/opportunities/{opportunity_id}", response=OpportunityOut)
def update_opportunity(
    request: HttpRequest, opportunity_id: PathId, payload: OpportunityPatch
) -> Any:
    opportunity = access.access_opportunity_for_edit(request.user, opportunity_id)
    values = payload.model_dump(exclude_unset=True)
    status = values.pop("status", None)
    industries = values.pop("industries", None)
    services.opportunity_update(
        actor=request.user, opportunity=opportunity, values=values, industries=industries
    )
    if status:
        services.opportunity_set_status(actor=request.user, opportunity=opportunity, status=status)
    return _out(request, opportunity)


@router.post(
    "/opportunities/{opportunity_id}/interests",
    response={201: InterestOut},
    summary="Express interest on behalf of your organisation",
)
def send_interest(request: HttpRequest, opportunity_id: PathId, payload: InterestIn) -> Any:
    opportunity = access.access_opportunity(request.user, opportunity_id)
    interest = services.interest_send(
        actor=request.user, opportunity=opportunity,
        organisation=_organisation(request, payload.organisation), message=payload.message,
    )  # fmt: skip
    return Status(201, _interest_out(interest))


@router.get("/interests", response=list[InterestOut], summary="Interests sent and received")
def list_interests(request: HttpRequest) -> Any:
    require_user(request.user)
    mine = list(selectors.interests_received(request.user)) + list(
        selectors.interests_sent(request.user)
    )
    return [_interest_out(i) for i in sorted(mine, key=lambda i: i.created_at, reverse=True)]


@router.post("/interests/{interest_id}/answer", response=InterestOut)
def answer_interest(request: HttpRequest, interest_id: PathId, payload: AnswerIn) -> Any:
    interest = access.access_interest(request.user, interest_id)
    services.interest_answer(actor=request.user, interest=interest, accept=payload.accept)
    return _interest_out(interest)


def _intro_out(i: Introduction) -> dict[str, Any]:
    return {
        "id": i.pk, "first": i.first_id, "second": i.second_id, "note": i.note,
        "status": i.status, "outcome": i.outcome,
    }  # fmt: skip


@router.get("/introductions", response=list[IntroductionOut], summary="Introductions (operators)")
def list_introductions(request: HttpRequest) -> Any:
    if not is_operator(request.user):
        raise PermissionDenied(_("Only operators can do this."))
    return [_intro_out(i) for i in Introduction.objects.all()[:500]]


@router.post("/introductions", response={201: IntroductionOut})
def create_introduction(request: HttpRequest, payload: IntroductionIn) -> Any:
    if not is_operator(request.user):
        raise PermissionDenied(_("Only operators can do this."))
    introduction = services.introduction_create(
        actor=request.user, first=_organisation(request, payload.first),
        second=_organisation(request, payload.second), note=payload.note,
    )  # fmt: skip
    return Status(201, _intro_out(introduction))


@router.patch("/introductions/{introduction_id}", response=IntroductionOut)
def update_introduction(
    request: HttpRequest, introduction_id: PathId, payload: IntroductionPatch
) -> Any:
    if not is_operator(request.user):
        raise PermissionDenied(_("Only operators can do this."))
    introduction = Introduction.objects.filter(pk=introduction_id).first()
    if introduction is None:
        raise NotFound(_("No such introduction."))
    services.introduction_update(
        actor=request.user, introduction=introduction, status=payload.status,
        outcome=payload.outcome,
    )  # fmt: skip
    return _intro_out(introduction)
