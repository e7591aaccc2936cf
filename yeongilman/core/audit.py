"""The audit log's one write path: services call `audit_record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from yeongilman.core.models import AuditEntry


def audit_record(
    *, actor: Any, action: str, subject: models.Model, scope: str, **details: Any
) -> AuditEntry:
    """Write who (`actor`, a user or None for the system) did `action` to `subject`; `scope`
    groups entries for reading (e.g. "call:12")."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=user.email if user else "system",
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        scope=scope,
        details=details,
    )
