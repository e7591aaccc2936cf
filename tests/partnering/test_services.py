"""Opportunities, expressions of interest and introductions through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.partnering import access, services
from yeongilman.partnering.models import InterestStatus, OpportunityStatus


def test_draft_keeps_its_fields_and_normalises_countries(korean_draft):
    assert korean_draft.status == OpportunityStatus.DRAFT
    assert korean_draft.target_countries == ["US"]
    assert [i.code for i in korean_draft.industries.all()] == ["battery"]
    assert korean_draft.published_at is None and not korean_draft.is_live


def test_publishing_sets_a_default_expiry(member, korean_draft):
    services.opportunity_set_status(actor=member, opportunity=korean_draft, status="published")
    assert korean_draft.is_live
    left = korean_draft.expires_at - timezone.now()
    assert timedelta(days=179) < left <= timedelta(days=180)


def test_an_opportunity_needs_a_title_and_text_in_one_language(member, battery_startup):
    with pytest.raises(ValidationFailed) as caught:
        services.opportunity_create(
            actor=member, owner=battery_startup,
            values={"type": "business_offer", "target_countries": ["Korea"]},
        )  # fmt: skip
    assert set(caught.value.field_errors) == {"title_ko", "description_ko", "target_countries"}


def test_only_members_post_for_an_organisation(other_member, battery_startup):
    with pytest.raises(PermissionDenied):
        services.opportunity_create(
            actor=other_member, owner=battery_startup,
            values={"type": "business_offer", "title_en": "x", "description_en": "y"},
        )  # fmt: skip


def test_interest_accepted_shares_contacts_both_ways_in_each_language(
    member, other_member, battery_startup, pittsburgh_offer, committed
):
    with committed():
        interest = services.interest_send(
            actor=member, opportunity=pittsburgh_offer, organisation=battery_startup,
            message="로봇 실증을 함께 하고 싶습니다.",
        )  # fmt: skip
    assert [m.to for m in mail.outbox] == [[other_member.email]]
    mail.outbox.clear()
    with committed():
        services.interest_answer(actor=other_member, interest=interest, accept=True)
    assert interest.status == InterestStatus.ACCEPTED
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert other_member.email in by_recipient[member.email].body
    assert member.email in by_recipient[other_member.email].body
    assert "수락" in by_recipient[member.email].subject  # Korean member, Korean mail
    assert by_recipient[other_member.email].subject == "Contact details of your new partner"


def test_interest_rules(member, other_member, battery_startup, pittsburgh_lab, pittsburgh_offer):
    with pytest.raises(PermissionDenied):  # not a member of the sending organisation
        services.interest_send(
            actor=member, opportunity=pittsburgh_offer, organisation=pittsburgh_lab, message="x"
        )
    with pytest.raises(ValidationFailed):  # own opportunity
        services.interest_send(
            actor=other_member, opportunity=pittsburgh_offer, organisation=pittsburgh_lab,
            message="x",
        )  # fmt: skip
    services.interest_send(
        actor=member, opportunity=pittsburgh_offer, organisation=battery_startup, message="hi"
    )
    with pytest.raises(ValidationFailed) as caught:  # one per organisation
        services.interest_send(
            actor=member, opportunity=pittsburgh_offer, organisation=battery_startup,
            message="again",
        )  # fmt: skip
    assert "organisation" in caught.value.field_errors
    interest = pittsburgh_offer.interests.get()
    with pytest.raises(PermissionDenied):  # the sender cannot accept its own interest
        services.interest_answer(actor=member, interest=interest, accept=True)


def test_closed_or_expired_opportunities_take_no_interest(
    member, other_member, battery_startup, pittsburgh_offer
):
    pittsburgh_offer.expires_at = timezone.now() - timedelta(minutes=1)
    pittsburgh_offer.save()
    with pytest.raises(ValidationFailed):
        services.interest_send(
            actor=member, opportunity=pittsburgh_offer, organisation=battery_startup, message="x"
        )


def test_anonymous_owner_is_revealed_only_after_acceptance(
    member, other_member, battery_startup, pittsburgh_offer
):
    pittsburgh_offer.is_anonymous = True
    pittsburgh_offer.save()
    assert not access.owner_revealed(member, pittsburgh_offer)
    assert access.owner_revealed(other_member, pittsburgh_offer)
    interest = services.interest_send(
        actor=member, opportunity=pittsburgh_offer, organisation=battery_startup, message="hi"
    )
    assert not access.owner_revealed(member, pittsburgh_offer)
    services.interest_answer(actor=other_member, interest=interest, accept=True)
    assert access.owner_revealed(member, pittsburgh_offer)


def test_renewal_reminders_go_once(other_member, pittsburgh_offer, committed):
    pittsburgh_offer.expires_at = timezone.now() + timedelta(days=5)
    pittsburgh_offer.save()
    with committed():
        assert services.remind_expiring() == 1
        assert services.remind_expiring() == 0
    assert [m.to for m in mail.outbox] == [[other_member.email]]
    services.opportunity_renew(actor=other_member, opportunity=pittsburgh_offer)
    assert pittsburgh_offer.expires_at > timezone.now() + timedelta(days=170)


def test_introductions_are_for_operators(operator, member, battery_startup, pittsburgh_lab):
    with pytest.raises(PermissionDenied):
        services.introduction_create(actor=member, first=battery_startup, second=pittsburgh_lab)
    intro = services.introduction_create(
        actor=operator, first=battery_startup, second=pittsburgh_lab, note="CES 2027"
    )
    services.introduction_update(actor=operator, introduction=intro, status="met", outcome="MOU")
    intro.refresh_from_db()
    assert (intro.status, intro.outcome) == ("met", "MOU")
    with pytest.raises(ValidationFailed):
        services.introduction_update(actor=operator, introduction=intro, status="married")
