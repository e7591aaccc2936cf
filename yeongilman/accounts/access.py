"""Who the actor is: the role helpers every app's access rules build on."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from yeongilman.accounts.models import Membership, User
from yeongilman.core.errors import NotAuthenticated, PermissionDenied

AnyUser = User | AnonymousUser


def is_operator(user: AnyUser) -> bool:
    """True for signed-in city or agency staff."""
    return bool(user.is_authenticated and getattr(user, "is_operator", False))


def is_privileged(user: AnyUser) -> bool:
    """Operators, Django staff and superusers, and reviewers: accounts whose powers a
    provider's word about an e-mail address must never open."""
    return bool(
        getattr(user, "is_operator", False)
        or getattr(user, "is_staff", False)
        or getattr(user, "is_superuser", False)
        or getattr(user, "is_reviewer", False)
    )


def require_user(actor: AnyUser) -> User:
    """The signed-in user, or NotAuthenticated."""
    if not actor.is_authenticated:
        raise NotAuthenticated(_("Sign in first."))
    assert isinstance(actor, User)
    return actor


def require_operator(actor: AnyUser) -> User:
    """The signed-in operator; NotAuthenticated for a visitor, PermissionDenied for others."""
    user = require_user(actor)
    if not is_operator(user):
        raise PermissionDenied(_("Only operators can do this."))
    return user


def member_organisation_ids(user: AnyUser) -> set[int]:
    """Ids of the organisations the user is an owner or editor of."""
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
