"""Exhibitor endpoints: a stand's public profile and products; for its organisation's owners
and editors (and operators) the profile, products, team and leads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from yeongilman.core.errors import NotFound
from yeongilman.core.images import thumbnail_url
from yeongilman.core.schemas import NAME_LENGTH, TEXT_LENGTH, Day, NameTextOut, PathId, StrictIn
from yeongilman.events import access
from yeongilman.events import selectors as event_selectors
from yeongilman.events.models import Exhibitor
from yeongilman.exhibitors import selectors, services
from yeongilman.exhibitors.models import ExhibitorProduct, Lead

router = Router(tags=["exhibitors"])


class ProductOut(NameTextOut):
    id: int
    image: str = Field(description="The 480 px picture's address; empty without one.")


class ExhibitorOut(Schema):
    id: int
    event: int
    organisation: int
    organisation_name: str
    booth: str
    hall: str
    zone: str
    description_ko: str
    description_en: str
    products: list[ProductOut]
    missing: list[str] = Field(
        description="What the stand still lacks: booth, products, korean, english."
    )


class ExhibitorPatch(StrictIn):
    """The stand's fields to change; a field left out stays as it is."""

    booth: str | None = Field(None, max_length=40)
    hall: str | None = Field(None, max_length=60)
    zone: str | None = Field(None, max_length=60)
    description_ko: str | None = Field(None, max_length=TEXT_LENGTH)
    description_en: str | None = Field(None, max_length=TEXT_LENGTH)


class ProductIn(StrictIn):
    """A product: a name in Korean and/or English (pictures are uploaded on the stand's page)."""

    name_ko: str = Field("", max_length=NAME_LENGTH)
    name_en: str = Field("", max_length=NAME_LENGTH)
    description_ko: str = Field("", max_length=TEXT_LENGTH)
    description_en: str = Field("", max_length=TEXT_LENGTH)


class ProductPatch(StrictIn):
    name_ko: str | None = Field(None, max_length=NAME_LENGTH)
    name_en: str | None = Field(None, max_length=NAME_LENGTH)
    description_ko: str | None = Field(None, max_length=TEXT_LENGTH)
    description_en: str | None = Field(None, max_length=TEXT_LENGTH)


class TeamMemberOut(Schema):
    id: int
    name: str


class TeamIn(StrictIn):
    users: list[int] = Field(max_length=200, description="Ids of the organisation's members.")


class LeadOut(Schema):
    id: int
    registration: int
    name: str
    organisation: str
    email: str = Field(description="Only while the visitor shares their contact details.")
    phone: str = Field(description="Only from a directory entry that agreed to show it.")
    rating: int | None
    tags: list[str]
    note: str
    follow_up_on: date | None
    captured_by: str
    updated_at: datetime


class LeadIn(StrictIn):
    """A visitor by their badge `code` or their `registration` id, with the stand's notes."""

    code: str = Field("", max_length=200)
    registration: int | None = Field(None, ge=1)
    rating: int | None = Field(None, ge=1, le=5)
    tags: list[str] = Field(default_factory=list, max_length=10)
    note: str = Field("", max_length=5000)
    follow_up_on: Day | None = None


class LeadPatch(StrictIn):
    rating: int | None = Field(None, ge=1, le=5)
    tags: list[str] | None = Field(None, max_length=10)
    note: str | None = Field(None, max_length=5000)
    follow_up_on: Day | None = None


def _product_out(product: ExhibitorProduct) -> dict[str, Any]:
    return {
        "id": product.pk, "name_ko": product.name_ko, "name_en": product.name_en,
        "description_ko": product.description_ko, "description_en": product.description_en,
        "image": thumbnail_url(product.image, 480),
    }  # fmt: skip


def _exhibitor_out(exhibitor: Exhibitor) -> dict[str, Any]:
    return {
        "id": exhibitor.pk, "event": exhibitor.event_id, "organisation": exhibitor.organisation_id,
        "organisation_name": str(exhibitor.organisation.name.primary), "booth": exhibitor.booth,
        "hall": exhibitor.hall, "zone": exhibitor.zone,
        "description_ko": exhibitor.description_ko, "description_en": exhibitor.description_en,
        "products": [_product_out(p) for p in exhibitor.items.all()],
        "missing": selectors.completeness(exhibitor),
    }  # fmt: skip


def _visible(request: HttpRequest, exhibitor_id: int) -> Exhibitor:
    """A stand at an event the caller may see (anyone, for published events)."""
    exhibitor = (
        Exhibitor.objects.select_related("organisation")
        .prefetch_related("items")
        .filter(pk=exhibitor_id, event__in=event_selectors.events_for(request.user))
        .first()
    )
    if exhibitor is None:
        raise NotFound(_("No such exhibitor."))
    return exhibitor


def _product(exhibitor: Exhibitor, product_id: int) -> ExhibitorProduct:
    product = exhibitor.items.filter(pk=product_id).first()
    if product is None:
        raise NotFound(_("No such product."))
    return product


def _lead(exhibitor: Exhibitor, lead_id: int) -> Lead:
    lead = selectors.leads_of(exhibitor).filter(pk=lead_id).first()
    if lead is None:
        raise NotFound(_("No such lead."))
    return lead


def _leads_out(leads: list[Lead]) -> list[dict[str, Any]]:
    contacts = selectors.shared_contacts(leads)
    return [
        {
            "id": lead.pk, "registration": lead.registration_id,
            "name": lead.registration.user.full_name,
            "organisation": str(lead.registration.organisation.name.primary)
            if lead.registration.organisation else "",
            "email": contacts[lead.pk].email, "phone": contacts[lead.pk].phone,
            "rating": lead.rating, "tags": lead.tags, "note": lead.note,
            "follow_up_on": lead.follow_up_on,
            "captured_by": str(lead.captured_by) if lead.captured_by else "",
            "updated_at": lead.updated_at,
        }
        for lead in leads
    ]  # fmt: skip


@router.get(
    "/events/{event_id}/exhibitors",
    response=list[ExhibitorOut],
    summary="An event's exhibitors with their booths and products",
)
def list_exhibitors(request: HttpRequest, event_id: PathId) -> Any:
    event = event_selectors.events_for(request.user).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event."))
    return [_exhibitor_out(x) for x in selectors.exhibitors_of(event)]


@router.get("/exhibitors/{exhibitor_id}", response=ExhibitorOut, summary="A stand's profile")
def get_exhibitor(request: HttpRequest, exhibitor_id: PathId) -> Any:
    return _exhibitor_out(_visible(request, exhibitor_id))


@router.patch(
    "/exhibitors/{exhibitor_id}",
    response=ExhibitorOut,
    summary="Change a stand's booth, hall, zone or description (its organisation, operators)",
)
def update_exhibitor(request: HttpRequest, exhibitor_id: PathId, payload: ExhibitorPatch) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    services.exhibitor_profile_update(
        actor=request.user, exhibitor=exhibitor, values=payload.model_dump(exclude_unset=True)
    )
    return _exhibitor_out(_visible(request, exhibitor_id))


@router.get(
    "/exhibitors/{exhibitor_id}/products", response=list[ProductOut], summary="A stand's products"
)
def list_products(request: HttpRequest, exhibitor_id: PathId) -> Any:
    return [_product_out(p) for p in _visible(request, exhibitor_id).items.all()]


@router.post(
    "/exhibitors/{exhibitor_id}/products",
    response={201: ProductOut},
    summary="Add a product to a stand (its organisation, operators)",
)
def create_product(request: HttpRequest, exhibitor_id: PathId, payload: ProductIn) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    product = services.product_create(
        actor=request.user, exhibitor=exhibitor, values=payload.model_dump()
    )
    return Status(201, _product_out(product))


@router.patch(
    "/exhibitors/{exhibitor_id}/products/{product_id}",
    response=ProductOut,
    summary="Change a product's name or description",
)
def update_product(
    request: HttpRequest, exhibitor_id: PathId, product_id: PathId, payload: ProductPatch
) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    product = services.product_update(
        actor=request.user, product=_product(exhibitor, product_id),
        values=payload.model_dump(exclude_unset=True),
    )  # fmt: skip
    return _product_out(product)


@router.delete(
    "/exhibitors/{exhibitor_id}/products/{product_id}",
    response={204: None},
    summary="Remove a product",
)
def delete_product(request: HttpRequest, exhibitor_id: PathId, product_id: PathId) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    services.product_delete(actor=request.user, product=_product(exhibitor, product_id))
    return Status(204, None)


@router.get(
    "/exhibitors/{exhibitor_id}/team",
    response=list[TeamMemberOut],
    summary="Who staffs the stand (its organisation, operators)",
)
def get_team(request: HttpRequest, exhibitor_id: PathId) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    return [{"id": u.pk, "name": str(u)} for u in exhibitor.team.order_by("full_name", "id")]


@router.put(
    "/exhibitors/{exhibitor_id}/team",
    response=list[TeamMemberOut],
    summary="Name who staffs the stand: members of the exhibiting organisation only (422)",
)
def set_team(request: HttpRequest, exhibitor_id: PathId, payload: TeamIn) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    team = services.team_set(actor=request.user, exhibitor=exhibitor, user_ids=set(payload.users))
    return [{"id": u.pk, "name": str(u)} for u in team]


@router.get(
    "/exhibitors/{exhibitor_id}/leads",
    response=list[LeadOut],
    summary="A stand's leads (its organisation, operators)",
)
def list_leads(request: HttpRequest, exhibitor_id: PathId) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    return _leads_out(list(selectors.leads_of(exhibitor)))


@router.post(
    "/exhibitors/{exhibitor_id}/leads",
    response={200: LeadOut, 201: LeadOut},
    summary="Capture a visitor by badge code or registration",
    description="201 for a new lead; 200 when the visitor was captured before (the lead is "
    "updated). A tampered or foreign code, or a registration of another event, answers 422.",
)
def capture_lead(request: HttpRequest, exhibitor_id: PathId, payload: LeadIn) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    lead, created = services.lead_capture(
        actor=request.user, exhibitor=exhibitor, code=payload.code,
        registration_id=payload.registration, rating=payload.rating, tags=payload.tags,
        note=payload.note, follow_up_on=payload.follow_up_on,
    )  # fmt: skip
    return Status(201 if created else 200, _leads_out([_lead(exhibitor, lead.pk)])[0])


@router.patch(
    "/exhibitors/{exhibitor_id}/leads/{stand_lead_id}",
    response=LeadOut,
    summary="Change a lead's rating, tags, note or follow-up date",
)
def update_lead(
    request: HttpRequest, exhibitor_id: PathId, stand_lead_id: PathId, payload: LeadPatch
) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    services.lead_update(
        actor=request.user, lead=_lead(exhibitor, stand_lead_id),
        values=payload.model_dump(exclude_unset=True),
    )  # fmt: skip
    return _leads_out([_lead(exhibitor, stand_lead_id)])[0]


@router.delete(
    "/exhibitors/{exhibitor_id}/leads/{stand_lead_id}",
    response={204: None},
    summary="Remove a lead",
)
def delete_lead(request: HttpRequest, exhibitor_id: PathId, stand_lead_id: PathId) -> Any:
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    services.lead_delete(actor=request.user, lead=_lead(exhibitor, stand_lead_id))
    return Status(204, None)
