"""A person's rights over their data (PIPA, GDPR-style): consents given and withdrawn, a copy
of everything the platform holds about them, deletion of the account, and retention.

What deletion keeps, and why: programme applications, reviews and conflicts of interest stay
(public funding rules require the selection to be reconstructable), as do the audit log's
entries (append-only evidence) and consent records (proof of what was agreed): all of them
then name a pseudonym ("deleted user #id") instead of the person. Everything else that
identifies the person is erased: name, e-mail, password, tokens, memberships, registrations
for events still to come, suggestion feedback, mail sent to them, invitations to their address,
their directory entries (name, e-mail, phone, photo; linked to the account or carrying its
address), the leads stands recorded about them, and their address in every audit entry. Check-ins
at past events stay as attendance, pointing at the pseudonym. A copy includes the photo itself.

What identifies a person is defined once (`identifying_records`): the download walks it, and
a test deletes an account holding data in every app and walks it again to find nothing.
"""

from __future__ import annotations

import base64
import io
import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yeongilman.accounts.models import Invitation, User
from yeongilman.accounts.services import account_forget
from yeongilman.core.audit import audit_pseudonymise, audit_record, export_recorded
from yeongilman.core.errors import ValidationFailed
from yeongilman.core.hooks import Hook
from yeongilman.core.images import FORMATS, image_bytes
from yeongilman.core.models import AuditEntry
from yeongilman.core.spreadsheets import xlsx_row
from yeongilman.core.zones import person_zone
from yeongilman.directory.models import Person
from yeongilman.directory.services import people_forget, people_of
from yeongilman.events.models import Registration
from yeongilman.events.services import registrations_forget
from yeongilman.exhibitors.services import leads_forget
from yeongilman.jobs.models import JobFile
from yeongilman.matchmaking.services import feedback_forget
from yeongilman.outbox.models import Mail, MailStatus
from yeongilman.outbox.services import mail_forget
from yeongilman.privacy import document
from yeongilman.programs.models import ApplicationFile, ApplicationStatus, Outcome

# Apps above privacy join the download and the erasure here (connected in their
# AppConfig.ready): each receiver adds its records to the copy, or forgets what it holds.
personal_data_collecting: Hook[[User, dict[str, list[dict[str, Any]]]]] = Hook(
    "privacy.personal_data_collecting"
)
account_forgetting: Hook[[User]] = Hook("privacy.account_forgetting")

# Never part of a copy: secrets, and what only the platform needs.
SECRET_FIELDS = frozenset({"password", "digest", "calendar_token", "token", "claimed_at"})


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, models.Model):
        return str(value)
    return value


def _row(instance: models.Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS or isinstance(field, models.BinaryField):
            continue
        if isinstance(field, models.FileField):
            out[field.name] = getattr(instance, field.name).name or ""
            continue
        value = getattr(instance, field.attname)
        out[field.name] = _plain(value)
    return out


def _relations(target: type[models.Model]) -> list[models.ForeignKey]:
    """Every foreign key to `target`, in every app (a new one joins by itself)."""
    return [
        f.remote_field
        for f in target._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and getattr(f, "remote_field", None) is not None
        and isinstance(f.remote_field, models.ForeignKey)
    ]  # fmt: skip


# An e-mail address anywhere in a text (a copy names no one else's).
ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
SOMEONE_ELSE = "(another person's address)"


def _only_own_address(value: Any, own: str) -> Any:
    """`value` (plain data) with every e-mail address but the person's own replaced."""
    if isinstance(value, str):
        return ADDRESS.sub(lambda m: m[0] if m[0].lower() == own else SOMEONE_ELSE, value)
    if isinstance(value, list):
        return [_only_own_address(v, own) for v in value]
    if isinstance(value, dict):
        return {k: _only_own_address(v, own) for k, v in value.items()}
    return value


def identifying_records(user: User) -> dict[str, models.QuerySet[Any]]:
    """What identifies a person, defined once for the download and for the deletion: every row
    pointing at their account; their directory entries (linked, or with their address) and every
    row pointing at those; every row pointing at their registrations (check-ins, leads stands
    recorded about them, sign-ups, meeting requests); audit entries naming their address;
    invitations to it. Labelled "app.model.field"."""
    address = user.email.strip().lower()
    found: dict[str, models.QuerySet[Any]] = {}
    subjects: list[tuple[type[models.Model], Any]] = [
        (User, [user.pk]),
        (Person, people_of(user, address).values("pk")),
        (Registration, Registration.objects.filter(user=user).values("pk")),
    ]
    for target, keys in subjects:
        for relation in _relations(target):
            rows = relation.model._default_manager.filter(**{f"{relation.name}__in": keys})
            found[f"{relation.model._meta.label_lower}.{relation.name}"] = rows
    unlinked = people_of(user, address).exclude(user=user)
    found["directory.person.email"] = unlinked
    found["accounts.invitation.email"] = Invitation.objects.filter(email__iexact=address)
    if address:
        found["core.auditentry.details"] = _audit_naming(address).exclude(actor=user)
    return found


def _audit_naming(address: str) -> models.QuerySet[AuditEntry]:
    """Audit entries whose details name the address, under any key (as erasure finds them)."""
    return AuditEntry.objects.annotate(text=Cast("details", models.TextField())).filter(
        text__icontains=address
    )


def personal_data(user: User) -> dict[str, Any]:
    """Everything the platform holds that names the user, as plain data: `sections` to read
    (by what the person did, names instead of ids, headings in the active language) and the
    complete technical record beside them (`account`, `records`, `photos`); e-mail addresses of
    other people (walk-ins a staff member registered, invitations they sent) are left out."""
    own = user.email.strip().lower()
    records: dict[str, list[dict[str, Any]]] = {}
    for label, rows in identifying_records(user).items():
        if rows.exists():
            records[label] = [_only_own_address(_row(r), own) for r in rows.order_by("pk")[:10_000]]
    personal_data_collecting(user, records)
    records = {label: _only_own_address(rows, own) for label, rows in records.items()}
    parts = document.sections(user, records)
    return {
        "format_version": 2,
        "generated_at": timezone.now().isoformat(),
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "time_zone": person_zone(user),
        "policy_version": settings.YV_PRIVACY_POLICY_VERSION,
        "sections": {
            part.key: {
                "title": part.title,
                "columns": dict(part.columns),
                "rows": part.rows,
            }
            for part in parts
        },
        "account": _row(user),
        "records": records,
        "photos": _photos(user),
    }


def _photos(user: User) -> list[dict[str, Any]]:
    """The person's directory photos themselves (not only their names), base64-encoded."""

    types = dict(FORMATS.values())
    photos = []
    for person in Person.objects.filter(user=user).exclude(photo="").order_by("pk"):
        data = image_bytes(person.photo)
        if data is None:
            continue
        photos.append({
            "person": person.pk,
            "file": person.photo.name,
            "content_type": types.get(person.photo.name.rsplit(".", 1)[-1], ""),
            "consent_given_at": _plain(person.photo_consent_at),
            "base64": base64.b64encode(data).decode("ascii"),
        })  # fmt: skip
    return photos


def personal_data_export(*, user: User, file_format: str) -> tuple[bytes, str, str]:
    """The user's data as JSON or XLSX: (content, content type, file name). Audited."""
    data = personal_data(user)
    export_recorded(actor=user, what="personal_data", format=file_format)
    stamp = timezone.localdate().isoformat()
    if file_format == "xlsx":
        return (
            _workbook(user, data),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"my-data-{stamp}.xlsx",
        )
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return content, "application/json", f"my-data-{stamp}.json"


def _workbook(user: User, data: dict[str, Any]) -> bytes:
    """The copy as a spreadsheet to read: a cover sheet, one sheet per section with headings
    in the reader's language, and the other kinds of record counted (the JSON holds them)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    cover = book.active
    cover.title = _("About this file")[: document.SHEET_NAME_LIMIT]
    bold = Font(bold=True)
    cover.append([_("Your data on Yeongilman Valley")])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([_("Person"), str(user)])
    cover.append([_("Made on"), data["generated_at"][:16].replace("T", " ") + " UTC"])
    cover.append([_("Times in"), data["time_zone"]])
    cover.append([])
    cover.append([_("Sheet"), _("Entries")])
    for cell in cover[6]:
        cell.font = bold
    for part in data["sections"].values():
        cover.append([part["title"], len(part["rows"])])
    cover.column_dimensions["A"].width = 34
    cover.column_dimensions["B"].width = 40
    for part in data["sections"].values():
        sheet = book.create_sheet(part["title"][: document.SHEET_NAME_LIMIT])
        columns = list(part["columns"])
        sheet.append(xlsx_row(sheet, list(part["columns"].values())))
        for cell in sheet[1]:
            cell.font = bold
        if not part["rows"]:
            sheet.append([_("Nothing recorded.")])
        for row in part["rows"]:
            sheet.append(xlsx_row(sheet, [_cell(row.get(c, "")) for c in columns]))
        for index, key in enumerate(columns):
            longest = max([len(str(r.get(key, ""))) for r in part["rows"]] + [12])
            letter = sheet.cell(row=1, column=index + 1).column_letter
            sheet.column_dimensions[letter].width = min(longest + 2, 60)
    others = book.create_sheet(_("Other records")[: document.SHEET_NAME_LIMIT])
    others.append([_("Kind of record"), _("Entries")])
    for cell in others[1]:
        cell.font = bold
    for label, rows in data["records"].items():
        others.append([_record_kind(label), len(rows)])
    others.append([])
    others.append([_("The JSON download holds every one of these records in full.")])
    others.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _record_kind(label: str) -> str:
    """'events.registration.user' → the model's name in the reader's language."""
    from django.apps import apps

    app_label, _sep, rest = label.partition(".")
    model_name = rest.partition(".")[0]
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return label
    return str(model._meta.verbose_name_plural).capitalize()


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def pseudonym(user: User) -> str:
    """What records that must be kept call a deleted account."""
    return f"deleted user #{user.pk}"


@transaction.atomic
def account_delete(*, user: User, confirm_email: str) -> None:
    """Erase or pseudonymise everything that identifies the user (see the module docstring);
    the person must type their e-mail address to confirm. Audited."""
    if confirm_email.strip().lower() != user.email.lower():
        raise ValidationFailed(
            _("Type your e-mail address to confirm."),
            field_errors={"confirm_email": [_("This is not your e-mail address.")]},
        )
    email, name = user.email, pseudonym(user)

    # Each app forgets what it owns; the audit log keeps its entries under the pseudonym.
    people_forget(user=user, address=email)  # directory entries: name, e-mail, phone, photo
    feedback_forget(user=user)
    leads_forget(user=user)  # what stands recorded about them
    registrations_forget(user=user)
    account_forgetting(user)  # apps above privacy: conversations' messages
    mail_forget(user=user, address=email)
    audit_pseudonymise(user=user, address=email, pseudonym=name)
    account_forget(user=user, pseudonym=name)
    audit_record(actor=None, action="account_deleted", subject=user, scope="privacy",
                 pseudonym=name)  # fmt: skip


def retention_apply(now: datetime | None = None) -> dict[str, int]:
    """Erase what is past its retention period; returns how many of each were erased.
    Files of applications not selected (or withdrawn) go N years after their call closed;
    delivered or failed mail after N days; finished jobs' files after N days."""

    now = now or timezone.now()
    years = settings.YV_RETENTION_APPLICATION_FILES_YEARS
    closed_before = now - timedelta(days=365 * years)
    files = ApplicationFile.objects.filter(
        models.Q(application__outcome=Outcome.NOT_SELECTED)
        | models.Q(application__status=ApplicationStatus.WITHDRAWN),
        application__call__closes_at__lt=closed_before,
    )
    erased_files = 0
    for stored in files.iterator():
        stored.file.delete(save=False)
        stored.delete()
        erased_files += 1
    mail_cutoff = now - timedelta(days=settings.YV_RETENTION_MAIL_DAYS)
    mails, _n = Mail.objects.filter(
        created_at__lt=mail_cutoff, status__in=[MailStatus.SENT, MailStatus.FAILED, MailStatus.KEPT]
    ).delete()
    job_cutoff = now - timedelta(days=settings.YV_RETENTION_JOB_DAYS)
    job_files, _n = JobFile.objects.filter(job__finished_at__lt=job_cutoff).delete()
    counts = {"application_files": erased_files, "mails": mails, "job_files": job_files}
    if any(counts.values()):
        audit_record(actor=None, action="retention_applied", subject=None, scope="privacy",
                     **counts)  # fmt: skip
    return counts
