"""Directory endpoints: organisations and people, with the same rules as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import Page, PageSize, PathId, QueryId, QueryPage, QueryPageSize
from yeongilman.directory import access, importing, selectors, services
from yeongilman.directory.models import Organisation, Person
from yeongilman.directory.schemas import (
    IndustryOut,
    OrganisationDetailOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPage,
    OrganisationPatch,
    PersonIn,
    PersonOut,
    PersonPage,
    PersonPatch,
    person_out,
)
from yeongilman.jobs.schemas import JobQueued

router = Router(tags=["directory"])


class OrganisationQuery(Schema):
    q: str = ""
    kind: list[str] = []
    industry: list[str] = []
    country: list[str] = []
    city: list[str] = []
    stage: list[str] = []
    mine: bool = False
    page: Page = 1
    page_size: PageSize = 20


def _visible(request: HttpRequest, organisation_id: int) -> Organisation:
    organisation = (
        Organisation.objects.prefetch_related("industries", "people__organisations")
        .filter(pk=organisation_id)
        .first()
    )
    return access.access_organisation(request.user, organisation)


# Text columns are never NULL: an explicit null in a body means "empty".
_TEXTS = (
    "name_ko", "name_en", "description_ko", "description_en", "city", "business_number", "stage",
)  # fmt: skip


def _split(values: dict[str, Any]) -> tuple[dict[str, Any], list[str] | None]:
    industries = values.pop("industries", None)
    if "website" in values:
        values["website"] = str(values["website"] or "")
    for name in _TEXTS:
        if name in values and values[name] is None:
            values[name] = ""
    return values, industries


@router.get("/industries", response=list[IndustryOut], summary="The industry taxonomy")
def list_industries(request: HttpRequest) -> Any:
    return selectors.industries()


@router.get("/organisations", response=OrganisationPage, summary="Search organisations")
def list_organisations(request: HttpRequest, filters: Query[OrganisationQuery]) -> Any:
    page_size = max(1, min(filters.page_size, 100))
    result = selectors.search_directory(
        request.user,
        selectors.DirectoryFilters(
            q=filters.q[:200],
            kind=filters.kind,
            industry=filters.industry,
            country=filters.country,
            city=filters.city,
            stage=filters.stage,
            include_unpublished=filters.mine,
        ),
        page=max(1, filters.page),
        page_size=page_size,
        with_facets=False,
    )
    return {
        "count": result.total,
        "page": result.page,
        "page_size": page_size,
        "pages": result.pages,
        "results": result.results,
    }


@router.post("/organisations", response={201: OrganisationOut}, summary="Add an organisation")
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Any:
    values, industries = _split(payload.model_dump(exclude_unset=True))
    organisation = services.organisation_create(
        actor=request.user, values=values, industry_codes=industries or []
    )
    return Status(201, _visible(request, organisation.pk))


def _etag(organisation: Organisation) -> str:
    return f'"{organisation.pk}-{organisation.version}"'


def _if_match(request: HttpRequest, organisation: Organisation) -> int | None:
    """The version named by If-Match (None when absent); a value naming no version at all
    is a 412 as well: the caller meant to guard its write."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    prefix = f'"{organisation.pk}-'
    value = header.removeprefix("W/")
    if value.startswith(prefix) and value.endswith('"') and value[len(prefix) : -1].isdigit():
        return int(value[len(prefix) : -1])
    return 0


@router.get(
    "/organisations/{organisation_id}",
    response=OrganisationDetailOut,
    description="The answer's ETag names the profile's version: send it back as If-Match on "
    "PATCH so that an edit over somebody else's newer one is refused (412).",
)
def get_organisation(request: HttpRequest, organisation_id: PathId, response: HttpResponse) -> Any:
    organisation = _visible(request, organisation_id)
    response["ETag"] = _etag(organisation)
    return organisation


@router.patch(
    "/organisations/{organisation_id}",
    response=OrganisationOut,
    description="Only the fields sent change. With If-Match (the ETag of GET), a profile changed "
    "by somebody else since is not overwritten: 412 with the current `version`.",
)
def update_organisation(
    request: HttpRequest,
    organisation_id: PathId,
    payload: OrganisationPatch,
    response: HttpResponse,
) -> Any:
    organisation = _visible(request, organisation_id)
    values, industries = _split(payload.model_dump(exclude_unset=True))
    services.organisation_update(
        actor=request.user, organisation=organisation, values=values, industry_codes=industries,
        expected_version=_if_match(request, organisation),
    )  # fmt: skip
    updated = _visible(request, organisation_id)
    response["ETag"] = _etag(updated)
    return updated


@router.get("/people", response=PersonPage, summary="People of visible organisations")
def list_people(
    request: HttpRequest,
    organisation: QueryId | None = None,
    page: QueryPage = 1,
    page_size: QueryPageSize = 20,
) -> Any:
    qs = selectors.people_for(request.user)
    if organisation is not None:
        qs = qs.filter(organisations=organisation)
    qs = qs.order_by("name_latin", "name_ko", "id")
    start = (page - 1) * page_size
    return {
        "count": qs.count(),
        "page": page,
        "page_size": page_size,
        "results": [person_out(request.user, p) for p in qs[start : start + page_size]],
    }


@router.post("/people", response={201: PersonOut}, summary="Add a person to an organisation")
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    values = payload.model_dump(exclude_unset=True)
    organisation = _visible(request, values.pop("organisation"))
    values = {k: ("" if v is None else v) for k, v in values.items()}
    person = services.person_create(actor=request.user, organisation=organisation, values=values)
    return Status(201, person_out(request.user, person))


def _person(request: HttpRequest, person_id: int) -> Person:
    person = selectors.people_for(request.user).filter(pk=person_id).first()
    if person is None:
        raise NotFound(_("No such person."))
    return person


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: PathId) -> Any:
    return person_out(request.user, _person(request, person_id))


@router.patch("/people/{person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: PathId, payload: PersonPatch) -> Any:
    person = _person(request, person_id)
    values = {
        k: ("" if v is None else v) for k, v in payload.model_dump(exclude_unset=True).items()
    }
    services.person_update(actor=request.user, person=person, values=values)
    return person_out(request.user, _person(request, person_id))


@router.post(
    "/imports/organisations",
    response={202: JobQueued},
    summary="Import organisations from CSV/XLSX as a background job (operators)",
    description="Multipart field `file` (CSV in UTF-8 or CP949, or XLSX) and optional form field "
    "`dry_run=true`. Answers 202 with the job's id at once; follow it at `/jobs/{id}` (its "
    "result is the import report). A wrong type answers 415, a file above the size limit 413.",
)
def import_organisations(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False
) -> Any:
    access.require_operator(request.user)
    importing.check_upload(file.name or "", file.size or 0)
    job = importing.import_start(
        actor=request.user, filename=file.name or "", data=file.read(), dry_run=dry_run
    )
    return Status(202, {"job": job.pk})
