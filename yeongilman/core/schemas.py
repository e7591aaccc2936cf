"""What every API input shares: bounded ids, pages and dates, no unknown fields, text that is
valid Unicode. A value outside its bound is a 422 that names the field, never a 500."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from ninja import Path, Query, Schema
from pydantic import AfterValidator, ConfigDict, Field, model_validator

# Ids are positive and fit a JavaScript number (the databases take 2**63 - 1).
MAX_ID = 2**53 - 1
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
DateOrTime = TypeVar("DateOrTime", date, datetime)

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
QueryId = Annotated[int, Query(ge=1, le=MAX_ID)]
QueryPage = Annotated[int, Query(ge=1, le=10_000)]
QueryPageSize = Annotated[int, Query(ge=1, le=100)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Page = Annotated[int, Field(ge=1, le=10_000)]
PageSize = Annotated[int, Field(ge=1, le=100)]


def _within_years(moment: DateOrTime) -> DateOrTime:
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    return moment


# The bound is in the published document too, so a client (and schemathesis) knows it.
_YEARS = Field(
    json_schema_extra={"pattern": r"^(19[0-9]{2}|20[0-9]{2}|2100)-"},
    description=f"Years {EARLIEST_YEAR} to {LATEST_YEAR}.",
)
Moment = Annotated[datetime, AfterValidator(_within_years), _YEARS]
Day = Annotated[date, AfterValidator(_within_years), _YEARS]


def has_lone_surrogate(value: Any) -> bool:
    """True when a string anywhere in the value cannot be written as UTF-8 (JSON can spell
    "\\ud800"; a database or a page cannot store or show it)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_lone_surrogate(v) for v in value)
    return False


class StrictIn(Schema):
    """An input body: unknown fields are refused (422 naming them), text must be valid."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _valid_text(cls, data: Any) -> Any:
        if isinstance(data, dict):
            bad = [k for k, v in data.items() if has_lone_surrogate(v)]
            if bad:
                raise ValueError(f"{', '.join(map(str, bad))}: not valid Unicode text")
        return data


# Korean/English column pairs, as the API has always named them (`title_ko`, `title_en`, …):
# one place for their shapes and limits; the schemas that carry them inherit these.
TITLE_LENGTH, NAME_LENGTH, TEXT_LENGTH = 200, 200, 20_000


class NamePairOut(Schema):
    name_ko: str
    name_en: str


class NameTextOut(NamePairOut):
    description_ko: str
    description_en: str


class TitleTextOut(Schema):
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str


class TitleTextIn(StrictIn):
    """A title and a description in Korean and/or English (either side may stay empty)."""

    title_ko: str = Field("", max_length=TITLE_LENGTH)
    title_en: str = Field("", max_length=TITLE_LENGTH)
    description_ko: str = Field("", max_length=TEXT_LENGTH)
    description_en: str = Field("", max_length=TEXT_LENGTH)


class TitleTextPatch(StrictIn):
    """A title and a description to change; a side left out stays as it is."""

    title_ko: str | None = Field(None, max_length=TITLE_LENGTH)
    title_en: str | None = Field(None, max_length=TITLE_LENGTH)
    description_ko: str | None = Field(None, max_length=TEXT_LENGTH)
    description_en: str | None = Field(None, max_length=TEXT_LENGTH)


class NameTextPatch(StrictIn):
    """A name and a description to change; a side left out stays as it is."""

    name_ko: str | None = Field(None, max_length=NAME_LENGTH)
    name_en: str | None = Field(None, max_length=NAME_LENGTH)
    description_ko: str | None = Field(None, max_length=TEXT_LENGTH)
    description_en: str | None = Field(None, max_length=TEXT_LENGTH)


def page_of(rows: Any, page: int, page_size: int, out: Any = None) -> dict[str, Any]:
    """One page of a list (queryset or list): its count, the page asked for and its rows,
    each through `out` when given."""
    start = (page - 1) * page_size
    chunk = list(rows[start : start + page_size])
    return {
        "count": len(rows) if isinstance(rows, list) else rows.count(),
        "page": page,
        "page_size": page_size,
        "results": [out(row) for row in chunk] if out else chunk,
    }
