"""The outcome pages: a side rates on its page; operators decide, confirm and link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import login
from yeongilman.events.models import Visit
from yeongilman.insights import services as insights
from yeongilman.matchmaking import adapter
from yeongilman.meetings.models import MeetingSlot
from yeongilman.outcomes import services
from yeongilman.outcomes.models import Feedback, NoShow, OutcomeLink


def _url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def ended(meeting):
    now = timezone.now()
    MeetingSlot.objects.filter(pk=meeting.slot_id).update(
        starts_at=now - timedelta(minutes=90), ends_at=now - timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting


def test_a_side_rates_the_meeting_on_its_page(client, ended, member):
    login(client, member)
    page = client.get(_url("outcomes:mine"))
    assert page.status_code == 200
    assert f'id="meeting-{ended.pk}"' in page.content.decode()
    answer = {"verdict": "cooperation", "comment": "Next: a pilot"}
    response = client.post(_url("outcomes:rate", ended.pk), answer)
    assert response.status_code == 302
    assert Feedback.objects.get().verdict == "cooperation"
    assert "Next: a pilot" in client.get(_url("outcomes:mine")).content.decode()


def test_an_empty_answer_changes_nothing(client, ended, member):
    login(client, member)
    assert client.post(_url("outcomes:rate", ended.pk), {}).status_code == 302
    assert not Feedback.objects.exists()


def test_another_participant_cannot_rate(client, ended, reviewer):
    login(client, reviewer)
    assert client.post(_url("outcomes:rate", ended.pk), {"verdict": "held"}).status_code == 404
    assert not Feedback.objects.exists()


def test_operator_sees_the_candidate_and_confirms(
    client, ended, sides, member, operator, django_assert_max_num_queries, settings
):
    services.feedback_record(actor=member, meeting=ended, side=sides[0], verdict="not_held",
                             comment="They never came")  # fmt: skip
    login(client, operator)
    url = _url("outcomes:event", ended.event.slug)
    # A worker loads the match index once (read by the suggestion → outcome rate), not per page.
    settings.YV_MATCHING_INLINE = False
    adapter.forget()
    adapter.current()
    with django_assert_max_num_queries(25):
        page = client.get(url).content.decode()
    assert "They never came" in page
    assert "Confirm no-show" in page
    client.post(_url("outcomes:no_show", ended.event.slug, ended.pk),
                {"registration": sides[1].pk, "decision": "confirmed"})  # fmt: skip
    assert NoShow.objects.get().decision == "confirmed"
    adapter.forget()


def test_the_event_outcomes_count_check_ins_and_stand_leads(client, ended, sides, operator):
    from yeongilman.events.codes import code_for
    from yeongilman.events.models import Exhibitor
    from yeongilman.exhibitors.services import lead_capture
    from yeongilman.onsite.services import Scan, check_in_scan

    startup, lab = sides
    check_in_scan(actor=operator, event=ended.event, scan=Scan(code_for(startup), "s1"))
    stand = Exhibitor.objects.create(event=ended.event, organisation=lab.organisation)
    lead_capture(actor=operator, exhibitor=stand, code=code_for(startup))
    login(client, operator)
    page = client.get(_url("outcomes:event", ended.event.slug)).content.decode()
    section = page[page.index('id="on-site"') :]
    figures = [int(n) for n in re.findall(r"<strong>(\d+)</strong>", section)[:5]]
    assert figures == [2, 1, 1, 1, 1]  # registered, checked in, never came, leads, stands


def test_without_the_check_in_desk_nobody_is_counted_as_never_come(client, ended, operator):
    login(client, operator)
    page = client.get(_url("outcomes:event", ended.event.slug)).content.decode()
    section = page[page.index('id="on-site"') :]
    assert "</strong> never came" not in section and "Nobody was checked in" in section


def test_members_cannot_open_the_event_outcomes(client, ended, member):
    login(client, member)
    assert client.get(_url("outcomes:event", ended.event.slug)).status_code == 403


def test_operator_sets_the_follow_up_period(client, past_day, operator):
    login(client, operator)
    client.post(_url("outcomes:settings", past_day.slug), {"follow_up_months": "9"})
    assert services.follow_up_months(past_day) == 9
    client.post(_url("outcomes:settings", past_day.slug), {"follow_up_months": "99"})
    assert services.follow_up_months(past_day) == 9


def test_operator_confirms_a_draft_and_links_a_visit(
    client, meeting, sides, member, operator, past_day, pittsburgh_lab, after_follow_up_period
):
    services.follow_up_record(actor=member, meeting=meeting, side=sides[0], status="agreement",
                              kind="mou", now=after_follow_up_period)  # fmt: skip
    draft = OutcomeLink.objects.get()
    assert draft.agreement is not None
    agreement = insights.agreement_save(
        actor=operator, values={"title_en": "Branch", "kind": "branch_office"},
        parties=[pittsburgh_lab],
    )  # fmt: skip
    visit = Visit.objects.create(event=past_day, place="Pittsburgh", starts_at=past_day.starts_at)
    login(client, operator)
    page = client.get(_url("outcomes:links")).content.decode()
    assert draft.agreement.title_en in page
    client.post(_url("outcomes:confirm", draft.pk))
    draft.refresh_from_db()
    assert draft.confirmed
    client.post(_url("outcomes:link_visit", visit.pk), {"agreement": agreement.pk})
    assert OutcomeLink.objects.filter(visit=visit, agreement=agreement, confirmed=True).exists()
