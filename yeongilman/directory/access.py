"""Who may see and change which organisation or person: every page and endpoint asks here."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from yeongilman.accounts.access import (  # noqa: F401 - re-exported for the directory's callers
    AnyUser,
    is_operator,
    member_organisation_ids,
    require_operator,
    require_user,
)
from yeongilman.accounts.models import Membership
from yeongilman.core.errors import NotFound, PermissionDenied
from yeongilman.directory.models import Organisation, Person


def visible_organisations_q(user: AnyUser) -> Q:
    """A filter for organisations the user may see: published ones plus their own."""
    if is_operator(user):
        return Q()
    if user.is_authenticated:
        return Q(is_published=True) | Q(memberships__user=user)
    return Q(is_published=True)


def can_edit_organisation(user: AnyUser, organisation: Organisation) -> bool:
    """Operators edit everything; owners and editors edit their own organisations."""
    if is_operator(user):
        return True
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def can_view_organisation(user: AnyUser, organisation: Organisation) -> bool:
    """Published profiles are public; unpublished ones only for their members and operators."""
    return organisation.is_published or can_edit_organisation(user, organisation)


def access_organisation(user: AnyUser, organisation: Organisation | None) -> Organisation:
    """Return the organisation if the user may see it, else raise NotFound (no hint it exists)."""
    if organisation is None or not can_view_organisation(user, organisation):
        raise NotFound(_("No such organisation."))
    return organisation


def access_organisation_for_edit(user: AnyUser, organisation: Organisation) -> Organisation:
    """Return the organisation if the user may edit it, else raise PermissionDenied."""
    access_organisation(user, organisation)
    if not can_edit_organisation(user, organisation):
        raise PermissionDenied(_("You can only edit organisations you are a member of."))
    return organisation


def can_see_contacts(user: AnyUser, person: Person) -> bool:
    """Contact details go only to signed-in users, and only when the person consented."""
    if not user.is_authenticated:
        return False
    if is_operator(user) or (person.user_id is not None and person.user_id == user.pk):
        return True
    return person.contact_consent


def access_person_for_edit(user: AnyUser, person: Person) -> Person:
    """Operators and members of one of the person's organisations may edit a person."""
    if is_operator(user) or (user.is_authenticated and person.user_id == user.pk):
        return person
    own = member_organisation_ids(user)
    if own and person.organisations.filter(id__in=own).exists():
        return person
    raise PermissionDenied(_("You can only edit people of your own organisations."))
