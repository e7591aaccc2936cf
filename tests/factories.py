"""Test data made through the services, so search tokens and memberships are real."""

from __future__ import annotations

from typing import Any

from yeongilman.accounts.consents import consents_give
from yeongilman.accounts.models import Membership, MembershipRole, User
from yeongilman.directory.models import Organisation, Person
from yeongilman.directory.services import organisation_create, person_create

PASSWORD = "a-long-test-password-42"


def make_user(email: str, consents: tuple[str, ...] = ("service", "contact"), **extra: Any) -> User:
    """A user with the test password, who gave the consents of the sign-up page."""
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    consents_give(user=user, purposes=set(consents))
    return user


def make_organisation(
    actor: User,
    *,
    industries: tuple[str, ...] = (),
    members: tuple[User, ...] = (),
    **values: Any,
) -> Organisation:
    """An organisation created by an operator (or member) through the real service."""
    values.setdefault("kind", "startup")
    values.setdefault("is_published", True)
    if not values.get("name_ko") and not values.get("name_en"):
        values["name_en"] = "Test Organisation"
    organisation = organisation_create(actor=actor, values=values, industry_codes=industries)
    for member in members:
        Membership.objects.get_or_create(
            user=member, organisation=organisation, defaults={"role": MembershipRole.EDITOR}
        )
    return organisation


def make_person(actor: User, organisation: Organisation, **values: Any) -> Person:
    """A person of an organisation, added through the service."""
    values.setdefault("name_latin", "Test Person")
    return person_create(actor=actor, organisation=organisation, values=values)


def register_while_open(
    *, actor: User, event: Any, organisation: Organisation | None = None
) -> Any:
    """A place at an event that is over by now, taken through the real service the day before
    it began (the service refuses places at events that have ended)."""
    from datetime import timedelta
    from unittest import mock

    from yeongilman.events.services import registration_create

    with mock.patch("django.utils.timezone.now", return_value=event.starts_at - timedelta(days=1)):
        return registration_create(actor=actor, event=event, organisation=organisation)


def cancel_while_open(*, actor: User, registration: Any) -> None:
    """Cancel a place at an event that is over by now, through the real service the day before
    it began (the service refuses to cancel once an event has ended)."""
    from datetime import timedelta
    from unittest import mock

    from yeongilman.events.services import registration_cancel

    the_day_before = registration.event.starts_at - timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=the_day_before):
        registration_cancel(actor=actor, registration=registration)
