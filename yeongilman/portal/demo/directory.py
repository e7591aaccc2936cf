"""The invented organisations, their people, accounts and opportunities, written through the
directory's, the accounts' and partnering's services."""

from __future__ import annotations

from dataclasses import dataclass

from yeongilman.accounts.models import ConsentPurpose, MembershipRole, User
from yeongilman.accounts.services import membership_add, user_sign_up
from yeongilman.directory.models import Industry, Organisation, Person
from yeongilman.directory.services import (
    apply_profile_values,
    organisations_bulk_save,
    person_create,
    validate_organisation,
)
from yeongilman.partnering.models import Opportunity
from yeongilman.partnering.services import opportunity_create
from yeongilman.portal.demo.world import InventedOrganisation, InventedPerson, World


@dataclass
class Directory:
    """The stored world: organisations by English name, each organisation's first person's
    account (every invented organisation has one member who signs in… in the story: these
    accounts have no password), and the opportunities."""

    organisations: dict[str, Organisation]
    accounts: dict[str, User]  # by the organisation's English name
    opportunities: list[Opportunity]

    def organisation(self, spec: InventedOrganisation) -> Organisation:
        return self.organisations[spec.name_en]

    def account(self, spec: InventedOrganisation) -> User:
        return self.accounts[spec.name_en]


def _full_name(person: InventedPerson) -> str:
    """The account's name as written: Korean people in Hangul (their romanised form goes to
    `name_latin`, which English pages show), foreign people by their English name."""
    return person.name_ko if person.language == "ko" and person.name_ko else person.name_latin


def load_directory(operator: User, world: World) -> Directory:
    """Store the world's organisations (in one bulk save, as imports do), their people, one
    account per organisation (its first person, a member of it) and the opportunities."""
    industries = {i.code: i for i in Industry.objects.all()}
    new: list[tuple[Organisation, list[Industry]]] = []
    for spec in world.organisations:
        organisation = Organisation(is_synthetic=True, created_by=operator)
        apply_profile_values(organisation, spec.profile_values())
        validate_organisation(organisation)
        new.append((organisation, [industries[c] for c in spec.industries]))
    organisations_bulk_save(new=new, changed=[])
    organisations = {o.name_en: o for o, _industries in new}
    accounts: dict[str, User] = {}
    for spec in world.organisations:
        organisation = organisations[spec.name_en]
        for position, invented in enumerate(spec.people):
            user = None
            if position == 0:
                # No password: invented people never sign in (the story needs their accounts:
                # they register, ask for meetings, apply, staff stands).
                user = user_sign_up(
                    email=invented.email, password=None, full_name=_full_name(invented),
                    name_latin=invented.name_latin, language=invented.language,
                    consents={ConsentPurpose.SERVICE, ConsentPurpose.CONTACT},
                )  # fmt: skip
                membership_add(user=user, organisation=organisation, role=MembershipRole.OWNER)
                accounts[spec.name_en] = user
            person_create(
                actor=operator, organisation=organisation, user=user, synthetic=True,
                values={"name_ko": invented.name_ko, "name_latin": invented.name_latin,
                        "title": invented.title, "email": invented.email,
                        "contact_consent": True},
            )  # fmt: skip
    opportunities = []
    for spec in world.organisations:
        if spec.opportunity is None:
            continue
        o = spec.opportunity
        opportunities.append(
            opportunity_create(
                actor=accounts[spec.name_en],
                owner=organisations[spec.name_en],
                values={
                    "type": o.type,
                    "title_ko": o.title_ko,
                    "title_en": o.title_en,
                    "description_ko": o.description_ko,
                    "description_en": o.description_en,
                    "target_countries": list(o.countries),
                },
                industries=o.industries,
                publish=True,
            )  # fmt: skip
        )
    return Directory(organisations, accounts, opportunities)


def stored_directory(world: World) -> Directory:
    """The world as stored by an earlier load."""
    organisations = {
        o.name_en: o
        for o in Organisation.objects.filter(
            is_synthetic=True, name_en__in=[s.name_en for s in world.organisations]
        )
    }
    people = Person.objects.filter(is_synthetic=True, user__isnull=False).select_related("user")
    by_email = {p.user.email: p.user for p in people if p.user is not None}
    accounts = {
        s.name_en: by_email[s.people[0].email]
        for s in world.organisations
        if s.people[0].email in by_email
    }
    opportunities = list(Opportunity.objects.filter(owner__in=organisations.values()))
    return Directory(organisations, accounts, opportunities)
