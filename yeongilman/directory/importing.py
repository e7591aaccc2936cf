"""Import organisations from CSV or XLSX: upsert by a stable key, report every bad row.

Columns (first row; order free, unknown columns are ignored and reported):
  kind*             startup, corporate, university, research, investor, agency, association,
                    accelerator
  name_ko, name_en  at least one of the two
  description_ko, description_en
  industries        taxonomy codes or names in either language, separated by ';'
  stage             idea, pre_seed, seed, series_a, series_b, series_c, growth, listed (startups)
  city, country     country as a two-letter ISO code (default KR)
  founded_year, employees, website, business_number, tags (';'-separated), published (yes/no),
  source
A row updates the organisation with the same business registration number, else the same website
domain, else the same name; otherwise it creates one. Good rows are saved even when others fail.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator
from yeongilman.core.errors import DomainError, PermissionDenied, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.directory.models import GrowthStage, Industry, Organisation, OrganisationKind
from yeongilman.directory.services import (
    apply_profile_values,
    normalise_business_number,
    organisations_bulk_save,
    website_domain,
)
from yeongilman.jobs.models import Job, JobKind, JobStatus
from yeongilman.jobs.services import JobContext, job_enqueue

COLUMNS = (
    "kind", "name_ko", "name_en", "description_ko", "description_en", "industries", "stage",
    "city", "country", "founded_year", "employees", "website", "business_number", "tags",
    "published", "source",
)  # fmt: skip
PROFILE_FIELDS = (
    "kind", "name_ko", "name_en", "description_ko", "description_en", "stage", "city",
    "country", "founded_year", "employees", "website", "business_number", "tags",
    "is_published", "source",
)  # fmt: skip
REQUIRED = ("kind",)
_TRUE = {"1", "true", "yes", "y", "예", "네", "o", "공개"}
_FALSE = {"0", "false", "no", "n", "아니오", "아니요", "x", "비공개", ""}


log = logging.getLogger(__name__)


class _RolledBack(Exception):
    """Leaves a dry run's savepoint: what it wrote is undone."""


class FileTooLarge(DomainError):
    """The upload is above YV_IMPORT_MAX_BYTES."""

    status_code = 413


class UnsupportedFile(DomainError):
    """Neither CSV nor XLSX."""

    status_code = 415


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class RowChange:
    line: int
    action: str  # "create", "update" or "unchanged"
    name: str
    fields: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did, or would do in a dry run, row by row."""

    dry_run: bool
    rows: int = 0
    changes: list[RowChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        """How many rows had this action."""
        return sum(1 for c in self.changes if c.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def failed_lines(self) -> list[int]:
        return sorted({e.line for e in self.errors})

    def to_dict(self, *, max_errors: int = 1000, max_changes: int = 500) -> dict[str, Any]:
        """The report as a job's result: counts, the first errors and changes."""
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": len(self.failed_lines),
            "ignored_columns": self.ignored_columns,
            "errors": [e.__dict__ for e in self.errors[:max_errors]],
            "errors_total": len(self.errors),
            "changes": [c.__dict__ for c in self.changes[:max_changes]],
        }


def _decode(data: bytes) -> str:
    # Excel's "Unicode text" is UTF-16 with a byte order mark (and tabs between the columns).
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed(
        _("The file is neither UTF-8, UTF-16 nor CP949 text. Save it as UTF-8 CSV.")
    )


def _delimiter(text: str) -> str:
    """A tab when the header line has more tabs than commas (Excel's "Unicode text"), else a
    comma."""
    first = text.split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def _header(names: list[str], required: tuple[str, ...]) -> list[str]:
    """The header's column names; a name twice (which one would count?) or a required column
    missing refuses the whole file, naming the column."""
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            message = _("The column '%(name)s' appears twice; keep one.") % {"name": name}
            raise ValidationFailed(message, field_errors={"file": [message]})
        seen.add(name)
    missing = [name for name in required if name not in seen]
    if missing:
        message = _("The file has no '%(name)s' column; see the column list.") % {
            "name": missing[0]
        }
        raise ValidationFailed(message, field_errors={"file": [message]})
    return names


def unstorable_columns(row: dict[str, str]) -> list[str]:
    """The columns of a row whose text a database cannot store (a NUL character)."""
    return [name for name, value in row.items() if "\x00" in value or "\x00" in name]


def unstorable_errors(row: dict[str, str]) -> list[tuple[str, str]]:
    """(column, message) for each cell with a NUL character: the row is reported, not saved."""
    return [
        (name, _("This cell contains a NUL character (\\0), which cannot be stored."))
        for name in unstorable_columns(row)
    ]


def read_rows(
    filename: str, data: bytes, *, required: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a CSV or XLSX file; line 1 is the header, whose names
    must be unique and include `required`."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        yield from _read_xlsx(data, required)
        return
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationFailed(_("The file is empty.")) from None
    except csv.Error as exc:
        raise ValidationFailed(_("The file is not valid CSV: %(e)s") % {"e": exc}) from exc
    names = _header([h.strip().lower() for h in header], required)
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ValidationFailed(
                _("Line %(line)d is not valid CSV: %(e)s") % {"line": start, "e": exc}
            ) from exc
        if any(v.strip() for v in values):
            yield start, _row(names, values)
        start = reader.line_num + 1


def _read_xlsx(data: bytes, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationFailed(_("The file is not a readable XLSX workbook.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = next(rows)
    except StopIteration:
        raise ValidationFailed(_("The file is empty.")) from None
    names = _header([str(h or "").strip().lower() for h in header], required)
    for number, values in enumerate(rows, start=2):
        cells = ["" if v is None else _cell(v) for v in values]
        if any(c.strip() for c in cells):
            yield number, _row(names, cells)
    workbook.close()


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row(names: list[str], values: list[str]) -> dict[str, str]:
    row = {name: (values[i] if i < len(values) else "") for i, name in enumerate(names) if name}
    return {k: (v or "").strip() for k, v in row.items()}


class _Lookup:
    """Existing organisations by key, loaded once per import rather than once per row."""

    def __init__(self) -> None:
        self.by_number: dict[str, int] = {}
        self.by_domain: dict[str, int] = {}
        self.by_name: dict[str, int | None] = {}
        for pk, number, domain, name_ko, name_en in Organisation.objects.values_list(
            "pk", "business_number", "website_domain", "name_ko", "name_en"
        ):
            if number:
                self.by_number[number] = pk
            if domain:
                self.by_domain[domain] = pk
            for name in {name_ko.casefold(), name_en.casefold()} - {""}:
                # An ambiguous name is no key at all.
                self.by_name[name] = None if name in self.by_name else pk

    def remember(self, organisation: Organisation) -> None:
        """Know an organisation created by an earlier chunk of the same import."""
        if organisation.business_number:
            self.by_number[organisation.business_number] = organisation.pk
        if organisation.website_domain:
            self.by_domain[organisation.website_domain] = organisation.pk

    def find(self, number: str, domain: str, names: list[str]) -> int | None:
        if number and number in self.by_number:
            return self.by_number[number]
        if domain and domain in self.by_domain:
            return self.by_domain[domain]
        if not number and not domain:
            for name in names:
                if self.by_name.get(name.casefold()):
                    return self.by_name[name.casefold()]
        return None


def _industry_index() -> dict[str, Industry]:
    index: dict[str, Industry] = {}
    for industry in Industry.objects.all():
        for label in (industry.code, industry.name_ko, industry.name_en):
            index[label.casefold()] = industry
    return index


def _parse_bool(raw: str) -> bool | None:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


def _parse_int(raw: str) -> int | None:
    cleaned = raw.replace(",", "").strip()
    if not cleaned:
        return None
    return int(cleaned)


def _parse(row: dict[str, str], industries: dict[str, Industry]) -> tuple[dict, list, list]:
    """Turn one row into profile values and industries, or into (column, message) errors."""
    errors: list[tuple[str, str]] = unstorable_errors(row)
    if errors:
        return {}, None, errors  # type: ignore[return-value]
    values: dict[str, Any] = {}
    kind = row.get("kind", "").lower()
    if kind not in OrganisationKind.values:
        errors.append(
            ("kind", _("Unknown kind '%(v)s'. Use one of: %(all)s")
             % {"v": row.get("kind", ""), "all": ", ".join(OrganisationKind.values)})
        )  # fmt: skip
    values["kind"] = kind
    for name in ("name_ko", "name_en", "description_ko", "description_en", "city", "source"):
        if name in row:
            values[name] = row[name]
    for column, messages in one_language_errors(
        "name", row.get("name_ko"), row.get("name_en")
    ).items():
        errors += [(column, message) for message in messages]
    if "stage" in row:
        stage = row["stage"].lower().replace("-", "_").replace(" ", "_")
        if stage and stage not in GrowthStage.values:
            errors.append(("stage", _("Unknown stage '%(v)s'.") % {"v": row["stage"]}))
        values["stage"] = stage
    if "country" in row or "kind" in row:
        values["country"] = (row.get("country") or "KR").upper()
    for name in ("founded_year", "employees"):
        if name in row:
            try:
                values[name] = _parse_int(row[name])
            except ValueError:
                errors.append((name, _("'%(v)s' is not a whole number.") % {"v": row[name]}))
    for name in ("website", "business_number"):
        if name in row:
            values[name] = row[name]
    if "tags" in row:
        values["tags"] = row["tags"]
    if "published" in row:
        published = _parse_bool(row["published"])
        if published is None:
            errors.append(
                ("published", _("Write yes or no, not '%(v)s'.") % {"v": row["published"]})
            )
        values["is_published"] = bool(published)
    chosen: list[Industry] | None = None
    if "industries" in row:
        chosen = []
        for label in (p.strip() for p in row["industries"].replace(",", ";").split(";")):
            if not label:
                continue
            industry = industries.get(label.casefold())
            if industry is None:
                errors.append(("industries", _("Unknown industry '%(v)s'.") % {"v": label}))
            elif industry not in chosen:
                chosen.append(industry)
    return values, chosen or ([] if chosen is not None else None), errors  # type: ignore[return-value]


def import_organisations(
    *, actor: AnyUser, filename: str, data: bytes, dry_run: bool
) -> ImportReport:
    """Import a CSV or XLSX upload now, in one transaction (operators only); pages and the API
    queue `directory.services.organisation_import_start` instead."""
    if not is_operator(actor):
        raise PermissionDenied(_("Only operators can import organisations."))
    return import_rows(rows=list(read_rows(filename, data, required=REQUIRED)), dry_run=dry_run)


def import_rows(*, rows: list[tuple[int, dict[str, str]]], dry_run: bool) -> ImportReport:
    """Validate every row, then create or update the good ones unless this is a dry run."""
    importer = Importer(dry_run=dry_run)
    importer.add_chunk(rows)
    return importer.report


class Importer:
    """One import's state across chunks: existing keys loaded once, duplicates caught across
    the whole file, one report. Each chunk is validated and saved in its own transaction."""

    def __init__(self, *, dry_run: bool) -> None:
        self.report = ImportReport(dry_run=dry_run)
        self.lookup = _Lookup()
        self.industry_index = _industry_index()
        self.seen_keys: dict[str, int] = {}
        self.line_of: dict[int, int] = {}  # id() of a row's organisation → its line
        self.header_checked = False

    def _check_header(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        if self.header_checked or not rows:
            return
        self.header_checked = True
        self.report.ignored_columns = sorted(set(rows[0][1]) - set(COLUMNS))
        if "kind" not in rows[0][1]:
            raise ValidationFailed(_("The file has no 'kind' column; see the column list."))

    @transaction.atomic
    def add_chunk(self, rows: list[tuple[int, dict[str, str]]]) -> list[int]:
        """Validate and save (unless a dry run) one chunk of rows, all or nothing; returns the
        ids of the organisations it created or changed."""
        self._check_header(rows)
        report, lookup = self.report, self.lookup
        new: list[tuple[Organisation, list[Industry]]] = []
        changed: list[tuple[Organisation, list[Industry] | None]] = []
        update_fields: set[str] = set()
        ids = {
            lookup.find(
                normalise_business_number(r.get("business_number", "")),
                website_domain(r.get("website", "")),
                [r.get("name_ko", ""), r.get("name_en", "")],
            )
            for _line, r in rows
        } - {None}
        existing = {
            o.pk: o for o in Organisation.objects.filter(pk__in=ids).prefetch_related("industries")
        }
        for line, row in rows:
            report.rows += 1
            values, chosen, problems = _parse(row, self.industry_index)
            if problems:
                report.errors += [RowError(line, column, message) for column, message in problems]
                continue
            number = normalise_business_number(values.get("business_number", ""))
            domain = website_domain(values.get("website", ""))
            name_key = (values.get("name_en") or values.get("name_ko", "")).casefold()
            key = number or domain or name_key
            if key in self.seen_keys:
                report.errors.append(
                    RowError(
                        line, "", _("Same organisation as line %(l)d.") % {"l": self.seen_keys[key]}
                    )
                )
                continue
            pk = lookup.find(number, domain, [values.get("name_ko", ""), values.get("name_en", "")])
            organisation = existing.get(pk) if pk else None
            before = _snapshot(organisation) if organisation else None
            target = organisation or Organisation()
            try:
                apply_profile_values(target, values)
                target.full_clean(
                    exclude=["slug", "search_names", "search_body"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except (ValidationError, ValidationFailed) as exc:
                if organisation is not None:  # undo the in-memory edit of an existing profile
                    organisation.refresh_from_db()
                report.errors += _errors_of(line, exc)
                continue
            if target.stage and target.kind != "startup":
                report.errors.append(RowError(line, "stage", _("Only startups have a stage.")))
                continue
            self.seen_keys[key] = line
            self.line_of[id(target)] = line
            name = str(target.name)
            if organisation is None:
                new.append((target, chosen or []))
                report.changes.append(RowChange(line, "create", name))
                continue
            after = _snapshot(target)
            diff = [f for f in PROFILE_FIELDS if before and before[f] != after[f]]
            industries_changed = (
                chosen is not None and {i.pk for i in chosen} != before["industries"]  # type: ignore[index]
            )
            if industries_changed:
                diff.append("industries")
            if diff:
                changed.append((target, chosen if industries_changed else None))
                update_fields |= {f for f in diff if f != "industries"}
                report.changes.append(RowChange(line, "update", name, diff))
            else:
                report.changes.append(RowChange(line, "unchanged", name))
        new, changed = self._save(new, changed, update_fields)
        if self.report.dry_run:
            return []
        for organisation, _industries in new:
            lookup.remember(organisation)
        return [o.pk for o, _i in new] + [o.pk for o, _i in changed]

    def _save(
        self,
        new: list[tuple[Organisation, list[Industry]]],
        changed: list[tuple[Organisation, list[Industry] | None]],
        update_fields: set[str],
    ) -> tuple[list[tuple[Organisation, list[Industry]]], list[tuple[Organisation, Any]]]:
        """Write the chunk's good rows at once; when the database refuses the batch, row by
        row, each refused row becoming a row error (the others land). A dry run writes the
        same way inside a savepoint it rolls back, so it says exactly what the run will do.
        Returns the rows written (or, in a dry run, that would be)."""
        if self._attempt(new, changed, update_fields):
            return new, changed
        kept_new = [row for row in new if self._attempt([row], [], update_fields)]
        kept_changed = [row for row in changed if self._attempt([], [row], update_fields)]
        return kept_new, kept_changed

    def _attempt(
        self,
        new: list[tuple[Organisation, list[Industry]]],
        changed: list[tuple[Organisation, Any]],
        update_fields: set[str],
    ) -> bool:
        """Write these rows in a savepoint (rolled back in a dry run); False when refused."""
        if not new and not changed:
            return True
        try:
            with transaction.atomic():
                organisations_bulk_save(new=new, changed=changed, update_fields=update_fields)
                if self.report.dry_run:
                    raise _RolledBack
        except _RolledBack:
            _forget_ids(new)
        except DatabaseError:
            log.warning("import: the database refused %d rows", len(new) + len(changed))
            _forget_ids(new)
            if len(new) + len(changed) == 1:
                self._refused(self.line_of[id((new or changed)[0][0])])
            return False
        return True

    def _refused(self, line: int) -> None:
        report = self.report
        report.changes = [c for c in report.changes if c.line != line]
        report.errors.append(
            RowError(line, "", _("The database could not store this row; check its text."))
        )


def _forget_ids(new: list[tuple[Organisation, list[Industry]]]) -> None:
    # Rows rolled back keep the ids their insert gave them: a later insert must not reuse them.
    for organisation, _industries in new:
        organisation.pk = None
        organisation._state.adding = True


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    data = {f: getattr(organisation, f) for f in PROFILE_FIELDS}
    data["tags"] = list(organisation.tags)
    data["industries"] = {i.pk for i in organisation.industries.all()} if organisation.pk else set()
    return data


def _errors_of(line: int, exc: Exception) -> list[RowError]:
    if isinstance(exc, ValidationError):
        return [
            RowError(line, column, " ".join(str(m) for m in messages))
            for column, messages in exc.message_dict.items()
        ]
    assert isinstance(exc, ValidationFailed)
    if exc.field_errors:
        return [RowError(line, c, " ".join(m)) for c, m in exc.field_errors.items()]
    return [RowError(line, "", exc.message)]


# --- as a background job ----------------------------------------------------------------------

CHUNK_ROWS = 500
IMPORT_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def check_upload(filename: str, size: int) -> None:
    """Refuse at once what can be known at once: the file's type and size."""
    if not filename.lower().endswith(IMPORT_SUFFIXES):
        raise UnsupportedFile(
            _("Upload a .csv or .xlsx file."),
            field_errors={"file": [_("Upload a .csv or .xlsx file.")]},
        )
    if size > settings.YV_IMPORT_MAX_BYTES:
        message = _("The file is too large (at most %(mb)d MB).") % {
            "mb": settings.YV_IMPORT_MAX_BYTES // (1024 * 1024)
        }
        raise FileTooLarge(message, field_errors={"file": [message]})
    if size == 0:
        raise ValidationFailed(
            _("The file is empty."), field_errors={"file": [_("The file is empty.")]}
        )


def import_start(*, actor: AnyUser, filename: str, data: bytes, dry_run: bool) -> Job:
    """Queue an import of a CSV/XLSX upload (operators only); the job's result is the report."""
    from yeongilman.directory.tasks import import_organisations_job

    if not is_operator(actor):
        raise PermissionDenied(_("Only operators can import organisations."))
    check_upload(filename, len(data))
    return job_enqueue(
        kind=JobKind.ORGANISATION_IMPORT,
        task=import_organisations_job,
        actor=actor,  # type: ignore[arg-type]
        args={"filename": filename[:200], "dry_run": bool(dry_run), "chunk_rows": CHUNK_ROWS},
        files={"upload": data},
    )


DRY_RUN_UPLOAD = "upload-after-dry-run"


def import_start_after_dry_run(*, actor: AnyUser, dry_run_job: Job) -> Job:
    """Queue the real import of the file a finished dry run read (operators only): the dry run
    keeps its upload so the operator need not choose the file again."""
    if not is_operator(actor):
        raise PermissionDenied(_("Only operators can import organisations."))
    kept = dry_run_job.files.filter(name=DRY_RUN_UPLOAD).first()
    if (
        dry_run_job.kind != JobKind.ORGANISATION_IMPORT
        or not dry_run_job.args.get("dry_run")
        or dry_run_job.status != JobStatus.DONE
        or kept is None
    ):
        raise ValidationFailed(
            _("This dry run's file is no longer kept: upload the file again to import it.")
        )
    return import_start(
        actor=actor,
        filename=dry_run_job.args["filename"],
        data=bytes(kept.content),
        dry_run=False,
    )


def import_execute(ctx: JobContext) -> dict[str, Any]:
    """Run a queued import chunk by chunk. Each chunk of rows is saved all or nothing in its
    own transaction; the report (kept on the job after every chunk) says which chunks landed,
    so a job that stops half-way tells exactly what is in the database."""
    filename, dry_run = ctx.args["filename"], ctx.args["dry_run"]
    size = int(ctx.args.get("chunk_rows", CHUNK_ROWS))
    upload = ctx.file("upload")
    if dry_run:  # kept for "import these rows now" (pruned with the other job files)
        ctx.save_output(DRY_RUN_UPLOAD, upload)
    rows = list(read_rows(filename, upload, required=REQUIRED))
    importer = Importer(dry_run=dry_run)
    chunks: list[dict[str, Any]] = []
    ctx.progress(0, len(rows))
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        importer.add_chunk(chunk)  # the match index hears of the saved rows from the signal
        chunks.append({"first_line": chunk[0][0], "last_line": chunk[-1][0], "saved": not dry_run})
        ctx.progress(start + len(chunk), result={**importer.report.to_dict(), "chunks": chunks})
    return {**importer.report.to_dict(), "chunks": chunks}
