"""What every API input shares: bounded ids, pages and dates, no unknown fields, text that is
valid Unicode. A value outside its bound is a 422 that names the field, never a 500."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Path, Query, Schema
from pydantic import AfterValidator, ConfigDict, Field, model_validator

# Ids are positive and fit a JavaScript number (the databases take 2**63 - 1).
MAX_ID = 2**53 - 1
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
QueryId = Annotated[int, Query(ge=1, le=MAX_ID)]
QueryPage = Annotated[int, Query(ge=1, le=10_000)]
QueryPageSize = Annotated[int, Query(ge=1, le=100)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Page = Annotated[int, Field(ge=1, le=10_000)]
PageSize = Annotated[int, Field(ge=1, le=100)]


def _within_years(moment: datetime) -> datetime:
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    return moment


Moment = Annotated[datetime, AfterValidator(_within_years)]


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
