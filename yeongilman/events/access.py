"""Who may use which part of an event: every page and endpoint of events asks here."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator, require_operator
from yeongilman.core.errors import PermissionDenied
from yeongilman.events import selectors
from yeongilman.events.models import Event, Registration, RegistrationStatus


def confirmed_registration(user: AnyUser, event: Event) -> Registration | None:
    """The user's confirmed place at the event, if any."""
    mine = selectors.registration_of(user, event)
    return mine if mine is not None and mine.status == RegistrationStatus.CONFIRMED else None


def require_participant(user: AnyUser, event: Event) -> Registration | None:
    """A confirmed participant's registration; operators pass with None; others are refused."""
    mine = confirmed_registration(user, event)
    if mine is None and not is_operator(user):
        raise PermissionDenied(_("Only confirmed participants of this event can do this."))
    return mine


def require_own_registration(user: AnyUser, event: Event) -> Registration:
    """The user's own registration (to change their availability)."""
    mine = selectors.registration_of(user, event)
    if mine is None:
        raise PermissionDenied(_("Only confirmed participants of this event can do this."))
    return mine


def require_event_operator(user: AnyUser, event: Event) -> None:
    """Managing a B2B day (slots, runs, moves) is for operators."""
    require_operator(user)
