"""Creating and editing profiles: who may, and what is rejected with which message."""

import pytest
from django.utils import translation

from tests.factories import make_organisation, make_person
from yeongilman.accounts.models import Membership
from yeongilman.core.errors import NotAuthenticated, PermissionDenied, ValidationFailed
from yeongilman.directory.models import Organisation
from yeongilman.directory.services import (
    organisation_create,
    organisation_update,
    person_update,
    website_domain,
)


def test_member_who_creates_an_organisation_becomes_its_owner(member):
    org = organisation_create(
        actor=member, values={"kind": "startup", "name_ko": "새스타트업"}, industry_codes=["ai"]
    )
    assert Membership.objects.get(user=member, organisation=org).role == "owner"
    assert [i.code for i in org.industries.all()] == ["ai"]
    assert org.slug


def test_visitor_cannot_create_an_organisation(db):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAuthenticated):
        organisation_create(actor=AnonymousUser(), values={"kind": "startup", "name_en": "X"})
    assert not Organisation.objects.exists()


def test_a_name_in_one_language_is_required(member):
    with pytest.raises(ValidationFailed) as exc:
        organisation_create(actor=member, values={"kind": "startup", "name_ko": "", "name_en": ""})
    assert "name_ko" in exc.value.field_errors


def test_only_startups_have_a_stage(member):
    with translation.override("en"), pytest.raises(ValidationFailed) as exc:
        organisation_create(
            actor=member, values={"kind": "university", "name_en": "U", "stage": "seed"}
        )
    assert exc.value.field_errors["stage"] == ["Only startups have a stage."]


def test_unknown_industry_is_rejected_by_code(member):
    with pytest.raises(ValidationFailed) as exc:
        organisation_create(
            actor=member, values={"kind": "startup", "name_en": "X"}, industry_codes=["nope"]
        )
    assert "nope" in exc.value.message


def test_two_organisations_cannot_share_a_website(operator, battery_startup):
    with pytest.raises(ValidationFailed) as exc:
        make_organisation(
            operator, name_en="Copy", website="http://www.yeongilman-battery.example.kr/about"
        )
    assert "website" in exc.value.field_errors


def test_business_number_is_normalised_and_unique(operator):
    org = make_organisation(operator, name_en="A", business_number="1234567890")
    assert org.business_number == "123-45-67890"
    with pytest.raises(ValidationFailed):
        make_organisation(operator, name_en="B", business_number="123-45-67890")
    with pytest.raises(ValidationFailed) as exc:
        make_organisation(operator, name_en="C", business_number="12-34")
    assert "business_number" in exc.value.field_errors


def test_member_edits_own_organisation(member, battery_startup):
    organisation_update(
        actor=member, organisation=battery_startup, values={"description_ko": "새 설명"}
    )
    battery_startup.refresh_from_db()
    assert battery_startup.description_ko == "새 설명"


def test_member_cannot_edit_other_organisation(member, pittsburgh_lab):
    before = pittsburgh_lab.description_en
    with pytest.raises(PermissionDenied):
        organisation_update(
            actor=member, organisation=pittsburgh_lab, values={"description_en": "hacked"}
        )
    pittsburgh_lab.refresh_from_db()
    assert pittsburgh_lab.description_en == before


def test_city_and_country_are_normalised(operator):
    org = make_organisation(operator, name_en="X", city="포항", country="kr")
    assert (org.city, org.country) == ("Pohang", "KR")


def test_website_domain_is_the_upsert_key():
    assert website_domain("https://www.POSTECH.ac.kr/eng/") == "postech.ac.kr"
    assert website_domain("cmu.edu") == "cmu.edu"
    assert website_domain("") == ""


def test_person_edit_needs_membership(member, other_member, battery_startup):
    person = make_person(member, battery_startup, name_ko="홍길동")
    person_update(actor=member, person=person, values={"title": "대표"})
    with pytest.raises(PermissionDenied):
        person_update(actor=other_member, person=person, values={"title": "x"})
    person.refresh_from_db()
    assert person.title == "대표"
