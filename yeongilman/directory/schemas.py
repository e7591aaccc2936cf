"""API input and output shapes for the directory."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, HttpUrl

from yeongilman.core.images import COVER, LOGO, PHOTO, Shape, thumbnail_url
from yeongilman.core.schemas import (
    Flag,
    Id,
    NamePairOut,
    NameTextOut,
    NameTextPatch,
    Omittable,
    StrictIn,
)
from yeongilman.directory.access import can_see_contacts
from yeongilman.directory.models import Organisation, Person


class IndustryOut(NamePairOut):
    code: str


class PictureOut(Schema):
    """A stored picture: the cleaned original and its thumbnails by width (site-relative)."""

    url: str
    thumbnails: dict[str, str] = Field(description="Width in pixels → address.")


def picture_out(file: Any, shape: Shape) -> dict[str, Any] | None:
    """The picture's addresses, or None without one."""
    if not file:
        return None
    return {
        "url": file.url,
        "thumbnails": {str(width): thumbnail_url(file, width) for width, _h in shape.boxes},
    }


class OrganisationOut(NameTextOut):
    id: int
    slug: str
    kind: str
    industries: list[str]
    stage: str
    city: str
    country: str
    founded_year: int | None
    employees: int | None
    website: str
    tags: list[str]
    is_published: bool
    is_synthetic: bool
    version: int
    updated_at: datetime
    logo: PictureOut | None = None
    cover: PictureOut | None = None
    cover_alt_ko: str = ""
    cover_alt_en: str = ""

    @staticmethod
    def resolve_industries(obj: object) -> list[str]:
        return [i.code for i in obj.industries.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_logo(obj: Organisation) -> dict[str, Any] | None:
        return picture_out(obj.logo, LOGO)

    @staticmethod
    def resolve_cover(obj: Organisation) -> dict[str, Any] | None:
        return picture_out(obj.cover, COVER)


class PersonOut(Schema):
    id: int
    name_ko: str
    name_latin: str
    title: str
    organisations: list[int]
    email: str
    phone: str
    photo: PictureOut | None = Field(None, description="Only while the person's consent stands.")


class OrganisationDetailOut(OrganisationOut):
    people: list[PersonOut]

    @staticmethod
    def resolve_people(obj: Organisation, context: dict[str, Any]) -> list[dict[str, Any]]:
        user = context["request"].user
        return [person_out(user, p) for p in obj.people.all()]


def person_out(user: Any, person: Person) -> dict[str, Any]:
    """A person as this user may see them: contacts only with consent and sign-in."""
    show = can_see_contacts(user, person)
    return {
        "id": person.pk,
        "name_ko": person.name_ko,
        "name_latin": person.name_latin,
        "title": person.title,
        "organisations": [o.pk for o in person.organisations.all()],
        "email": person.email if show else "",
        "phone": person.phone if show else "",
        "photo": picture_out(person.photo, PHOTO),
    }


class OrganisationPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[OrganisationOut]


class PersonPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PersonOut]


_KINDS = "^(startup|corporate|university|research|investor|agency|association|accelerator)$"
_STAGES = "^(|idea|pre_seed|seed|series_a|series_b|series_c|growth|listed)$"


class OrganisationPatch(NameTextPatch):
    """Fields to change; anything left out stays as it is."""

    kind: str = Omittable(pattern=_KINDS)
    industries: list[Annotated[str, Field(max_length=100)]] = Omittable(max_length=30)
    stage: str | None = Field(None, pattern=_STAGES)
    city: str | None = Field(None, max_length=100)
    country: str | None = Field(None, pattern="^[A-Za-z]{2}$")
    founded_year: int | None = Field(None, ge=1800, le=2100)
    employees: int | None = Field(None, ge=0, le=10_000_000)
    website: HttpUrl | None = None
    business_number: str | None = Field(None, max_length=20)
    tags: list[Annotated[str, Field(max_length=50)]] | None = Field(None, max_length=30)
    is_published: Flag = Omittable()


class OrganisationIn(OrganisationPatch):
    kind: str = Field(..., pattern=_KINDS)


class PersonPatch(StrictIn):
    name_ko: str | None = Field(None, max_length=100)
    name_latin: str | None = Field(None, max_length=100)
    title: str | None = Field(None, max_length=150)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    contact_consent: Flag = Omittable()


class PersonIn(PersonPatch):
    organisation: Id
