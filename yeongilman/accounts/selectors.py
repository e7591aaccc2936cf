"""Reads for accounts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from yeongilman.accounts.models import ApiToken, Membership, User


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's organisations and roles."""
    return Membership.objects.filter(user=user).select_related("organisation")


def api_tokens() -> QuerySet[ApiToken]:
    """All tokens, newest first, for the operators' page."""
    return ApiToken.objects.select_related("user", "issued_by").order_by("-created_at")


def locked_logins() -> list[Any]:
    """Log-in attempts that have reached the failure limit and are still within the lock."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return list(
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
        ).order_by("-attempt_time")[:200]
    )
