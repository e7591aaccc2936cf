"""Who may see and change which opportunity, interest and introduction."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator, member_organisation_ids
from yeongilman.core.errors import PermissionDenied
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.partnering.models import Opportunity


def can_see_suggestions(user: AnyUser, organisation_id: int) -> bool:
    """Suggestions are a member's workspace: its members and operators see them."""
    return is_operator(user) or organisation_id in member_organisation_ids(user)


def subject_owner_id(subject: str) -> int | None:
    """The organisation behind a suggestion subject key ("org:12" or "opp:3"), if any."""
    key = ItemKey.parse(subject)
    if key is None:
        return None
    if key.is_organisation:
        return key.pk
    return Opportunity.objects.filter(pk=key.pk).values_list("owner_id", flat=True).first()


def require_suggestions_access(user: AnyUser, organisation_id: int) -> None:
    """Raise PermissionDenied unless the user may see the organisation's suggestions."""
    if not can_see_suggestions(user, organisation_id):
        raise PermissionDenied(_("Suggestions are shown to the organisation's members."))


def require_feedback_access(user: AnyUser, subject: str) -> None:
    """Raise PermissionDenied unless the user may see the suggestions of this subject."""
    owner = subject_owner_id(subject)
    if owner is None:
        raise PermissionDenied(_("Suggestions are shown to the organisation's members."))
    require_suggestions_access(user, owner)
