"""Import yearly (or quarterly) figures from CSV or XLSX: good rows land, every bad row is
reported with its line, column and reason (the directory import's reader and report)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError
from yeongilman.directory.importing import (
    ImportReport,
    RowChange,
    RowError,
    check_upload,
    read_rows,
    unstorable_errors,
)
from yeongilman.directory.models import Organisation
from yeongilman.insights.services import figure_record
from yeongilman.jobs.models import Job, JobKind
from yeongilman.jobs.services import JobContext, job_enqueue

IMPORT_COLUMNS = [
    ("organisation*", gettext_lazy("name (Korean or English), address (slug) or business number")),
    ("year*", gettext_lazy("e.g. 2025")),
    ("quarter", gettext_lazy("1-4; empty for the whole year")),
    ("currency", gettext_lazy("KRW (default), USD, EUR, JPY, CNY")),
    ("revenue, exports", gettext_lazy("amounts in that currency")),
    ("employees, patents", gettext_lazy("whole numbers")),
    ("source, source_date", gettext_lazy("where the figures come from; date as YYYY-MM-DD")),
    ("published", gettext_lazy("yes/no: shown on the public summary")),
]


REQUIRED = ("organisation", "year")


def _organisation(key: str) -> Organisation | None:
    key = key.strip()
    if not key:
        return None
    found = Organisation.objects.filter(
        Q(slug=key) | Q(name_ko=key) | Q(name_en__iexact=key) | Q(business_number=key)
    )[:2]
    return found[0] if len(found) == 1 else None


def _parse(row: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    values: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for name in ("revenue", "exports"):
        raw = row.get(name, "").replace(",", "").strip()
        try:
            values[name] = Decimal(raw) if raw else None
        except InvalidOperation:
            errors.append((name, _("Not a number: %(value)s") % {"value": raw}))
    for name in ("year", "quarter", "employees", "patents"):
        raw = row.get(name, "").replace(",", "").strip()
        number = id_from(raw)
        if raw and number is None:
            errors.append((name, _("Not a whole number: %(value)s") % {"value": raw}))
        values[name] = number
    if values["year"] is None and not any(c == "year" for c, _m in errors):
        errors.append(("year", _("The year is required.")))
    raw_date = row.get("source_date", "").strip()
    try:
        values["source_date"] = dt.date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        errors.append(
            ("source_date", _("Not a date (YYYY-MM-DD): %(value)s") % {"value": raw_date})
        )
    values["currency"] = row.get("currency", "").strip().upper() or "KRW"
    values["source"] = row.get("source", "").strip()[:300]
    values["is_published"] = row.get("published", "").strip().lower() in (
        "yes",
        "y",
        "true",
        "1",
        "예",
    )
    return values, errors


def import_figures(*, actor: AnyUser, filename: str, data: bytes) -> ImportReport:
    """Record every good row's figures now; report the others (nothing half-written). Pages
    and the API queue `figures_import_start` instead."""
    return _import_rows(actor=actor, rows=list(read_rows(filename, data, required=REQUIRED)))


def figures_import_start(*, actor: AnyUser, filename: str, data: bytes) -> Job:
    """Queue an import of figures (operators); the job's result is the report."""
    from yeongilman.insights.tasks import import_figures_job

    require_operator(actor)
    check_upload(filename, len(data))
    return job_enqueue(
        kind=JobKind.FIGURES_IMPORT,
        task=import_figures_job,
        actor=actor,  # type: ignore[arg-type]
        args={"filename": filename[:200]},
        files={"upload": data},
    )


def figures_import_execute(ctx: JobContext) -> dict[str, Any]:
    """Run a queued figures import; each row is recorded whole or not at all, and the report
    so far is kept on the job every few hundred rows."""
    rows = list(read_rows(ctx.args["filename"], ctx.file("upload"), required=REQUIRED))
    actor = ctx.started_by
    report = ImportReport(dry_run=False)
    ctx.progress(0, len(rows))
    for start in range(0, len(rows), PROGRESS_ROWS):
        _import_rows(actor=actor, rows=rows[start : start + PROGRESS_ROWS], report=report)
        ctx.progress(min(start + PROGRESS_ROWS, len(rows)), result=report.to_dict())
    return report.to_dict()


PROGRESS_ROWS = 200


def _import_rows(
    *, actor: Any, rows: list[tuple[int, dict[str, str]]], report: ImportReport | None = None
) -> ImportReport:
    report = report or ImportReport(dry_run=False)
    for line, row in rows:
        report.rows += 1
        unstorable = unstorable_errors(row)
        if unstorable:  # never sent to the database (PostgreSQL refuses a NUL in text)
            report.errors.extend(RowError(line, column, message) for column, message in unstorable)
            continue
        organisation = _organisation(row.get("organisation", ""))
        values, errors = _parse(row)
        if organisation is None:
            errors.insert(0, ("organisation", _("No single organisation matches %(value)s.")
                              % {"value": row.get("organisation", "")}))  # fmt: skip
        if errors:
            report.errors.extend(RowError(line, column, message) for column, message in errors)
            continue
        assert organisation is not None
        try:
            with transaction.atomic():
                figure_record(
                    actor=actor, organisation=organisation, year=values.pop("year"),
                    quarter=values.pop("quarter") or 0, values=values,
                )  # fmt: skip
        except DomainError as exc:
            fields = exc.field_errors or {"": [exc.message]}
            for column, messages in fields.items():
                report.errors.extend(RowError(line, column, m) for m in messages)
            continue
        except DatabaseError:
            report.errors.append(
                RowError(line, "", _("The database could not store this row; check its text."))
            )
            continue
        report.changes.append(RowChange(line, "create", str(organisation.name)))
    return report
