"""Meeting outcomes: asking each side once, answers, no-shows, follow-ups and drafts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import make_user
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.insights.models import Agreement, AgreementStage, InvestmentLead, LeadStage
from yeongilman.outbox.models import Mail
from yeongilman.outcomes import selectors, services
from yeongilman.outcomes.models import Feedback, FollowUp, NoShow, OutcomeLink


def test_each_side_is_asked_once_after_the_slot_ends(
    meeting, sides, after_meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.outcomes_ask_due(now=after_meeting - timedelta(hours=2)) == 0
        assert services.outcomes_ask_due(now=after_meeting) == 2
        assert services.outcomes_ask_due(now=after_meeting + timedelta(hours=1)) == 0
    assert set(Feedback.objects.values_list("registration_id", flat=True)) == {s.pk for s in sides}
    mails = Mail.objects.filter(tag="outcomes_ask")
    assert sorted(m.to_address for m in mails) == sorted(s.user.email for s in sides)
    for mail in mails:
        # Each in the recipient's language, with the page's address in that language.
        assert f"/{mail.language}/outcomes/#meeting-{meeting.pk}" in mail.body


def test_meetings_that_ended_long_ago_are_not_asked(meeting, after_meeting):
    assert services.outcomes_ask_due(now=after_meeting + timedelta(days=30)) == 0
    assert not Feedback.objects.exists()


def test_both_sides_answer_and_a_second_answer_replaces_the_first(
    meeting, sides, member, other_member, after_meeting
):
    startup, lab = sides
    services.feedback_record(actor=member, meeting=meeting, side=startup, verdict="informative",
                             comment="Good talk", now=after_meeting)  # fmt: skip
    services.feedback_record(actor=other_member, meeting=meeting, side=lab, verdict="held",
                             now=after_meeting)  # fmt: skip
    services.feedback_record(actor=member, meeting=meeting, side=startup, verdict="cooperation",
                             now=after_meeting)  # fmt: skip
    assert dict(Feedback.objects.values_list("registration_id", "verdict")) == {
        startup.pk: "cooperation", lab.pk: "held",
    }  # fmt: skip
    summary = selectors.attendance(meeting.event, now=after_meeting)
    assert (summary.ended, summary.held, summary.not_held, summary.attendance_rate) == (1, 1, 0, 1)


def test_a_meeting_cannot_be_rated_before_it_ends(meeting, sides, member, after_meeting):
    with pytest.raises(Conflict):
        services.feedback_record(actor=member, meeting=meeting, side=sides[0], verdict="held",
                                 now=after_meeting - timedelta(hours=2))  # fmt: skip
    assert not Feedback.objects.exists()


def test_nobody_answers_for_the_other_side(meeting, sides, member, after_meeting):
    with pytest.raises(ValidationFailed):
        services.feedback_record(actor=member, meeting=meeting, side=sides[1], verdict="not_held",
                                 now=after_meeting)  # fmt: skip
    assert not Feedback.objects.exists()


def test_did_not_take_place_makes_the_other_side_a_no_show_candidate(
    meeting, sides, member, operator, after_meeting
):
    startup, lab = sides
    services.feedback_record(actor=member, meeting=meeting, side=startup, verdict="not_held",
                             now=after_meeting)  # fmt: skip
    summary = selectors.attendance(meeting.event, now=after_meeting)
    assert [(c.registration.pk, c.decision) for c in summary.candidates] == [(lab.pk, "")]
    assert summary.no_show_rate == 0
    services.no_show_decide(actor=operator, meeting=meeting, registration=lab, confirm=True)
    summary = selectors.attendance(meeting.event, now=after_meeting)
    assert [(c.registration.pk, c.decision) for c in summary.candidates] == [(lab.pk, "confirmed")]
    assert (summary.no_show_meetings, summary.no_show_rate, summary.attendance_rate) == (1, 1, 0)
    rates = {p.registration.pk: (p.meetings, p.no_shows) for p in summary.participants}
    assert rates == {lab.pk: (1, 1), startup.pk: (1, 0)}


def test_only_operators_confirm_no_shows_and_only_of_candidates(
    meeting, sides, member, other_member, operator, after_meeting
):
    startup, lab = sides
    services.feedback_record(actor=member, meeting=meeting, side=startup, verdict="not_held",
                             now=after_meeting)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.no_show_decide(actor=member, meeting=meeting, registration=lab, confirm=True)
    with pytest.raises(ValidationFailed):
        services.no_show_decide(actor=operator, meeting=meeting, registration=startup, confirm=True)
    assert not NoShow.objects.exists()


def test_follow_up_is_asked_after_the_events_period(
    meeting, sides, operator, after_follow_up_period, django_capture_on_commit_callbacks
):
    services.follow_up_months_set(actor=operator, event=meeting.event, months=3)
    three_months = services.add_months(meeting.slot.ends_at, 3)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_ups_ask_due(now=three_months - timedelta(minutes=1)) == 0
        assert services.follow_ups_ask_due(now=three_months + timedelta(hours=1)) == 2
        assert services.follow_ups_ask_due(now=three_months + timedelta(days=2)) == 0
    assert FollowUp.objects.count() == 2
    assert Mail.objects.filter(tag="outcomes_follow_up").count() == 2


def test_follow_up_cannot_be_answered_before_the_period(meeting, sides, member, after_meeting):
    with pytest.raises(Conflict):
        services.follow_up_record(actor=member, meeting=meeting, side=sides[0],
                                  status="negotiation", now=after_meeting)  # fmt: skip
    assert not FollowUp.objects.exists()


def test_agreement_reached_drafts_an_agreement_linked_to_the_meeting(
    meeting, sides, member, other_member, operator, after_follow_up_period
):
    startup, lab = sides
    services.follow_up_record(actor=member, meeting=meeting, side=startup, status="agreement",
                              kind="mou", note="In May", now=after_follow_up_period)  # fmt: skip
    services.follow_up_record(actor=other_member, meeting=meeting, side=lab, status="agreement",
                              kind="mou", now=after_follow_up_period)  # fmt: skip
    link = OutcomeLink.objects.get()
    assert (link.meeting_id, link.confirmed, link.lead_id) == (meeting.pk, False, None)
    agreement = link.agreement
    assert agreement is not None
    assert (agreement.kind, agreement.stage) == ("mou", AgreementStage.NEGOTIATION)
    assert set(agreement.parties.all()) == {startup.organisation, lab.organisation}
    assert list(selectors.links_to_confirm()) == [link]
    services.link_confirm(actor=operator, link=link)
    agreement.refresh_from_db()
    link.refresh_from_db()
    assert (agreement.stage, link.confirmed, link.confirmed_by) == ("signed", True, operator)
    assert agreement.signed_on is not None
    assert list(selectors.links_to_confirm()) == []


def test_investment_reached_drafts_a_lead_with_the_foreign_company(
    meeting, sides, member, after_follow_up_period
):
    services.follow_up_record(actor=member, meeting=meeting, side=sides[0], status="agreement",
                              kind="investment", now=after_follow_up_period)  # fmt: skip
    lead = InvestmentLead.objects.get()
    assert (lead.company, lead.stage) == (sides[1].organisation, LeadStage.NEGOTIATION)
    assert OutcomeLink.objects.get().lead == lead
    assert not Agreement.objects.exists()


def test_agreement_needs_a_kind(meeting, sides, member, after_follow_up_period):
    with pytest.raises(ValidationFailed) as error:
        services.follow_up_record(actor=member, meeting=meeting, side=sides[0],
                                  status="agreement", now=after_follow_up_period)  # fmt: skip
    assert "kind" in error.value.field_errors
    assert not Agreement.objects.exists()


def test_participants_cannot_confirm_drafts(meeting, sides, member, after_follow_up_period):
    services.follow_up_record(actor=member, meeting=meeting, side=sides[0], status="agreement",
                              kind="mou", now=after_follow_up_period)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.link_confirm(actor=member, link=OutcomeLink.objects.get())
    assert not OutcomeLink.objects.get().confirmed


def test_operator_links_a_delegation_visit_and_an_introduction(
    operator, battery_startup, pittsburgh_lab, past_day
):
    from yeongilman.events.models import Visit
    from yeongilman.insights import services as insights
    from yeongilman.partnering import services as partnering

    agreement = insights.agreement_save(
        actor=operator, values={"title_en": "MOU", "kind": "mou"}, parties=[pittsburgh_lab]
    )
    visit = Visit.objects.create(event=past_day, place="Pittsburgh", starts_at=past_day.starts_at)
    intro = partnering.introduction_create(actor=operator, first=battery_startup,
                                           second=pittsburgh_lab)  # fmt: skip
    services.link_create(actor=operator, visit=visit, agreement=agreement)
    services.link_create(actor=operator, introduction=intro, agreement=agreement)
    services.link_create(actor=operator, introduction=intro, agreement=agreement)  # again: kept
    assert OutcomeLink.objects.filter(confirmed=True).count() == 2
    with pytest.raises(ValidationFailed):
        services.link_create(actor=operator, visit=visit)


def test_funnel_counts_and_rates_on_a_small_event(
    past_day, operator, member, other_member, battery_startup, pittsburgh_lab,
    after_follow_up_period,
):  # fmt: skip
    from yeongilman.events.models import Registration
    from yeongilman.meetings.models import MeetingRequest

    slots = list(past_day.slots.all())
    people = [make_user(f"p{i}@example.org") for i in range(4)]
    regs = [Registration.objects.create(event=past_day, user=u, status="confirmed") for u in people]
    # Four requests: one declined, three accepted and held by both sides' word or not.
    make = MeetingRequest.objects.create
    declined = make(event=past_day, requester=regs[0], recipient=regs[1], status="declined")
    held_a = make(event=past_day, requester=regs[0], recipient=regs[2], status="accepted",
                  slot=slots[0], table=1)  # fmt: skip
    held_b = make(event=past_day, requester=regs[1], recipient=regs[3], status="accepted",
                  slot=slots[1], table=1)  # fmt: skip
    missed = make(event=past_day, requester=regs[2], recipient=regs[3], status="accepted",
                  slot=slots[2], table=1)  # fmt: skip
    now = after_follow_up_period
    services.feedback_record(actor=people[0], meeting=held_a, side=regs[0], verdict="cooperation",
                             now=now)  # fmt: skip
    services.feedback_record(actor=people[3], meeting=held_b, side=regs[3], verdict="informative",
                             now=now)  # fmt: skip
    services.feedback_record(actor=people[2], meeting=missed, side=regs[2], verdict="not_held",
                             now=now)  # fmt: skip
    services.follow_up_record(actor=people[1], meeting=held_b, side=regs[1],
                              status="negotiation", now=now)  # fmt: skip
    services.follow_up_record(actor=people[0], meeting=held_a, side=regs[0], status="agreement",
                              kind="branch_office", now=now)  # fmt: skip
    services.link_confirm(actor=operator, link=OutcomeLink.objects.get())
    assert declined.status == "declined"
    (row,) = selectors.funnel("event", event=past_day)
    assert row.counts == {"requested": 4, "talked": 0, "accepted": 3, "held": 2,
                          "negotiation": 2, "agreement": 1}  # fmt: skip
    assert row.rates == {"talked": 0.0, "accepted": 0.75, "held": 2 / 3, "negotiation": 1.0,
                         "agreement": 0.5}  # fmt: skip
    assert row.overall == 0.25
    (by_year,) = selectors.funnel("year", event=past_day)
    assert (by_year.label, by_year.counts["requested"]) == ("2025", 4)
    (by_country,) = selectors.funnel("country", event=past_day)
    assert by_country.key == ""  # nobody here registered for an organisation


def test_candidates_say_whether_they_checked_in(meeting, sides, member, after_meeting):
    from yeongilman.onsite.models import CheckIn

    startup, lab = sides
    services.feedback_record(actor=member, meeting=meeting, side=startup, verdict="not_held",
                             now=after_meeting)  # fmt: skip
    (candidate,) = selectors.attendance(meeting.event, now=after_meeting).candidates
    assert candidate.checked_in is None  # nobody checked in: the desk was not used
    CheckIn.objects.create(event=meeting.event, registration=startup, method="scan",
                           checked_in_at=after_meeting)  # fmt: skip
    (candidate,) = selectors.attendance(meeting.event, now=after_meeting).candidates
    assert (candidate.registration, candidate.checked_in) == (lab, False)
    CheckIn.objects.create(event=meeting.event, registration=lab, method="scan",
                           checked_in_at=after_meeting)  # fmt: skip
    (candidate,) = selectors.attendance(meeting.event, now=after_meeting).candidates
    assert candidate.checked_in is True
