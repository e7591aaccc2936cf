"""Reads of the outbox for operators."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from yeongilman.outbox.models import Mail


def outbox_summary(days: int = 7) -> dict[str, int]:
    """Mails of the last `days` days by delivery status."""
    since = timezone.now() - timedelta(days=days)
    rows = Mail.objects.filter(created_at__gte=since).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows.order_by()}
