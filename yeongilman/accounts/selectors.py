"""Reads for accounts."""

from __future__ import annotations

from django.db.models import QuerySet

from yeongilman.accounts.models import ApiToken, Membership, User


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's organisations and roles."""
    return Membership.objects.filter(user=user).select_related("organisation")


def api_tokens() -> QuerySet[ApiToken]:
    """All tokens, newest first, for the operators' page."""
    return ApiToken.objects.select_related("user", "issued_by").order_by("-created_at")
