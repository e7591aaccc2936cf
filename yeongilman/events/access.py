"""Who may use which part of an event: every page and endpoint of events asks here."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yeongilman.accounts.access import (
    AnyUser,
    is_operator,
    member_organisation_ids,
    require_operator,
    require_user,
)
from yeongilman.accounts.models import Membership, MembershipRole
from yeongilman.core.errors import NotFound, PermissionDenied
from yeongilman.events import selectors
from yeongilman.events.models import Event, Exhibitor, Registration, RegistrationStatus


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


def exhibitor_editable_organisations(user: AnyUser, event: Event) -> set[int]:
    """Organisations whose exhibitor entry at the event the user may change (their product
    image): every one for operators, their own for members."""
    if is_operator(user):
        return {x.organisation_id for x in event.exhibitors.all()}
    return member_organisation_ids(user)


def access_exhibitor_for_edit(user: AnyUser, event: Event, exhibitor_id: int) -> Exhibitor:
    """An exhibitor entry of a visible event, for operators and the exhibiting organisation's
    members; others are refused (an entry of another event does not exist here)."""
    exhibitor = (
        Exhibitor.objects.select_related("organisation")
        .filter(event=event, pk=exhibitor_id)
        .first()
    )
    if exhibitor is None:
        raise NotFound(_("No such exhibitor."))
    if not is_operator(user) and exhibitor.organisation_id not in member_organisation_ids(user):
        raise PermissionDenied(_("Only the exhibiting organisation's members can change this."))
    return exhibitor


def can_manage_exhibitor(user: AnyUser, exhibitor: Exhibitor) -> bool:
    """Operators and the exhibiting organisation's owners and editors (its stand team are
    among them) manage the stand and its leads."""
    return is_operator(user) or exhibitor.organisation_id in member_organisation_ids(user)


def access_exhibitor(user: AnyUser, exhibitor_id: int) -> Exhibitor:
    """An exhibitor entry at an event the user may see, for managing it (portal, leads);
    NotAuthenticated for a visitor, PermissionDenied for another organisation."""
    require_user(user)
    exhibitor = (
        Exhibitor.objects.select_related("organisation", "event")
        .filter(pk=exhibitor_id, event__in=selectors.events_for(user))
        .first()
    )
    if exhibitor is None:
        raise NotFound(_("No such exhibitor."))
    if not can_manage_exhibitor(user, exhibitor):
        raise PermissionDenied(_("Only the exhibiting organisation's members can change this."))
    return exhibitor


def access_event(user: AnyUser, event_id: int) -> Event:
    """An event the viewer may see (drafts: operators only); others do not exist here."""
    event = selectors.events_for(user).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event."))
    return event


def event_role(user: AnyUser, event: Event) -> str:
    """'operator' (runs every tool), 'organiser' (an owner or editor of an organising
    organisation: reads the control room) or '' (neither)."""
    if is_operator(user):
        return "operator"
    if not user.is_authenticated:
        return ""
    editors = Membership.objects.filter(
        user=user, role__in=[MembershipRole.OWNER, MembershipRole.EDITOR]
    ).values_list("organisation_id", flat=True)
    return "organiser" if event.organisers.filter(pk__in=editors).exists() else ""


def require_event_staff(user: AnyUser, event: Event) -> str:
    """The control room is for the event's operators and organisers; others are refused."""
    require_user(user)
    role = event_role(user, event)
    if not role:
        raise PermissionDenied(_("Only the event's organisers and operators can open this page."))
    return role
