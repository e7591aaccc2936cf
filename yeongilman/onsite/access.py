"""Who may work an event's check-in desk: operators and the staff they named for that event."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator, require_user
from yeongilman.core.errors import NotFound, PermissionDenied
from yeongilman.events.models import Event, Registration
from yeongilman.onsite.models import CheckInStaff


def is_check_in_staff(user: AnyUser, event: Event) -> bool:
    """True for operators and for the users named as check-in staff of this event."""
    if not user.is_authenticated:
        return False
    return is_operator(user) or CheckInStaff.objects.filter(event=event, user=user).exists()


def can_see_event(user: AnyUser, event: Event) -> bool:
    """Whether a message may name the event to this user: published, or theirs to work."""
    return event.is_published or is_check_in_staff(user, event)


def access_check_in_event(user: AnyUser, event_id: int | None = None, slug: str = "") -> Event:
    """The event whose desk the user may work; NotFound for an unknown id or slug (drafts are
    unknown to all but operators and their staff), PermissionDenied for everyone else."""
    require_user(user)
    found = (
        Event.objects.filter(pk=event_id)
        if event_id is not None
        else Event.objects.filter(slug=slug)
    )
    event = found.first()
    if event is None:
        raise NotFound(_("No such event."))
    if not is_check_in_staff(user, event):
        if not event.is_published:
            raise NotFound(_("No such event."))
        raise PermissionDenied(_("Only operators and this event's check-in staff can do this."))
    return event


def access_desk_registration(user: AnyUser, slug: str, registration_id: int) -> Registration:
    """A registration of the event whose desk the user works (to check in or re-print a
    badge); NotFound for an id of another event."""
    event = access_check_in_event(user, slug=slug)
    registration = (
        event.registrations.select_related("user", "user__person", "organisation", "event")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        raise NotFound(_("No such registration at this event."))
    return registration
