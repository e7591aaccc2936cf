"""What every API input shares: bounded ids, pages and dates, no unknown fields, text that is
valid Unicode. A value outside its bound is a 422 that names the field, never a 500."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from ninja import Path, Query, Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
    field_validator,
    model_validator,
)

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


def _written(value: Any) -> Any:
    # A number is no date: Python's lax reading would take 0 as 1970-01-01 (the epoch).
    if isinstance(value, bool | int | float):
        raise ValueError("must be written as text (2026-05-12, 2026-05-12T09:30:00+09:00)")
    return value


# The bound is in the published document too, so a client (and schemathesis) knows it.
_YEARS_PATTERN = r"^(19[0-9]{2}|20[0-9]{2}|2100)-"
_YEARS_TEXT = f"Years {EARLIEST_YEAR} to {LATEST_YEAR}."
Moment = Annotated[
    datetime,
    BeforeValidator(_written),
    AfterValidator(_within_years),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "pattern": _YEARS_PATTERN,
         "description": _YEARS_TEXT}
    ),
]  # fmt: skip
Day = Annotated[
    date,
    BeforeValidator(_written),
    AfterValidator(_within_years),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": _YEARS_PATTERN, "description": _YEARS_TEXT}
    ),
]
# true or false, nothing else (Python's lax reading would take 0, 1 and "yes").
Flag = Annotated[bool, Strict()]


def _without_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def Omittable(**constraints: Any) -> Any:  # noqa: N802 - reads like pydantic's Field
    """A body field a request may leave out (a PATCH then keeps the value as it is) but never
    send as null: a null is a 422 that names the field, and the document shows no null."""
    return Field(None, json_schema_extra=_without_default, **constraints)


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


def _null_is_empty(value: Any) -> Any:
    return "" if value is None else value


class TitleTextPatch(StrictIn):
    """A title and a description to change; a side left out stays as it is, a null empties it
    (text columns are never NULL)."""

    _texts_null_is_empty = field_validator(
        "title_ko", "title_en", "description_ko", "description_en", mode="before"
    )(_null_is_empty)

    title_ko: str | None = Field(None, max_length=TITLE_LENGTH)
    title_en: str | None = Field(None, max_length=TITLE_LENGTH)
    description_ko: str | None = Field(None, max_length=TEXT_LENGTH)
    description_en: str | None = Field(None, max_length=TEXT_LENGTH)


class NameTextPatch(StrictIn):
    """A name and a description to change; a side left out stays as it is, a null empties it
    (text columns are never NULL)."""

    _texts_null_is_empty = field_validator(
        "name_ko", "name_en", "description_ko", "description_en", mode="before"
    )(_null_is_empty)

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
