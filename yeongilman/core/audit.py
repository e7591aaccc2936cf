"""The audit log's one write path: services call `audit_record` inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.functions import Cast

from yeongilman.core.models import AuditEntry

SYSTEM_ACTOR = "system"  # actor_label of what the platform does on its own


def audit_record(
    *, actor: Any, action: str, subject: models.Model | None, scope: str, **details: Any
) -> AuditEntry:
    """Write who (`actor`, a user or None for the system) did `action` to `subject` (None when
    there is no object, e.g. a failed log-in for an unknown address); `scope` groups entries
    for reading (e.g. "call:12", "accounts")."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=user.email if user else SYSTEM_ACTOR,
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else 0,
        scope=scope,
        details=details,
    )


def audit_record_many(
    *, actor: Any, scope: str, entries: Iterable[tuple[str, models.Model, dict[str, Any]]]
) -> int:
    """`audit_record` for many subjects at once (one insert per 500, not one per subject):
    each entry is (action, subject, details); returns how many were written."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    rows = [
        AuditEntry(
            actor=user,
            actor_label=user.email if user else SYSTEM_ACTOR,
            action=action,
            subject_type=subject._meta.label_lower,
            subject_id=subject.pk,
            scope=scope,
            details=details,
        )
        for action, subject, details in entries
    ]
    AuditEntry.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def export_recorded(*, actor: Any, what: str, **details: Any) -> AuditEntry:
    """Record a download of data (an export, a report, a person's own data)."""
    return audit_record(actor=actor, action="data_exported", subject=None, scope="exports",
                        what=what, **details)  # fmt: skip


def _without(value: Any, address: str, pseudonym: str) -> Any:
    """`value` (JSON) with every string naming the address replaced by the pseudonym."""
    if isinstance(value, str):
        return pseudonym if address in value.lower() else value
    if isinstance(value, list):
        return [_without(v, address, pseudonym) for v in value]
    if isinstance(value, dict):
        return {k: _without(v, address, pseudonym) for k, v in value.items()}
    return value


def audit_pseudonymise(*, user: Any, address: str, pseudonym: str) -> int:
    """The one change the append-only log allows (a deleted account, the right to erasure):
    entries the person made name the pseudonym, and their address leaves every entry's details
    whatever the key. Returns how many entries changed."""
    changed = AuditEntry.objects.filter(actor=user).update(actor_label=pseudonym)
    address = address.strip().lower()
    if not address:
        return changed
    naming = AuditEntry.objects.annotate(text=Cast("details", models.TextField())).filter(
        text__icontains=address
    )
    for entry in naming.only("pk", "details").iterator():
        details = _without(entry.details, address, pseudonym)
        changed += AuditEntry.objects.filter(pk=entry.pk).update(details=details)
    return changed
