"""Subjects' own pages lead to their conversation: the opportunity page (both organisations),
"My partnering", the B2B page's requests, the programme agreement and the stand's leads;
people on no side of a subject are offered nothing."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.conversations.conftest import start
from tests.factories import register_while_open
from tests.grants.conftest import agreement, period, selected, sent  # noqa: F401
from tests.programs.conftest import ces_call, program, submitted  # noqa: F401
from yeongilman.conversations import selectors, services
from yeongilman.core.talk import talk_links
from yeongilman.meetings.services import meeting_request_send


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_the_interested_side_asks_a_question_from_the_opportunity_page(
    client, member, interest, offer
):
    login(client, member)
    page = client.get(_url("partnering:detail", offer.pk)).content.decode()
    compose = _url("conversations:compose", "interest", interest.pk)
    assert f'<a class="talk-link" href="{compose}">Ask a question</a>' in page


def test_once_started_both_sides_open_the_conversation_with_their_unread_count(
    client, member, other_member, interest, offer
):
    conversation = start(member, interest)
    services.message_post(actor=member, conversation=conversation, body="하나 더")
    detail = _url("conversations:detail", conversation.pk)
    login(client, other_member)  # the owner's side: the interest in their list
    page = client.get(_url("partnering:detail", offer.pk)).content.decode()
    assert f'<a class="talk-link" href="{detail}">Open the conversation <span class=' in page
    assert '"unread-count">2<span' in page
    mine = client.get(_url("partnering:mine")).content.decode()
    assert f'href="{detail}"' in mine
    login(client, member)  # the writer has read everything
    page = client.get(_url("partnering:detail", offer.pk)).content.decode()
    assert f'<a class="talk-link" href="{detail}">Open the conversation</a>' in page


def test_people_on_no_side_are_offered_no_conversation(client, third_user, operator, interest,
                                                       offer):  # fmt: skip
    start(interest.sender, interest)
    assert talk_links(third_user, "interest", [interest.pk]) == {}
    assert talk_links(operator, "interest", [interest.pk]) == {}  # may edit, takes no part
    assert talk_links(third_user, "no-such-kind", [interest.pk]) == {}
    login(client, operator)
    assert "talk-link" not in client.get(_url("partnering:detail", offer.pk)).content.decode()


def test_b2b_requests_lead_to_their_conversation(
    client, member, other_member, b2b_day, battery_startup, pittsburgh_lab
):
    register_while_open(actor=member, event=b2b_day, organisation=battery_startup)
    theirs = register_while_open(actor=other_member, event=b2b_day, organisation=pittsburgh_lab)
    request = meeting_request_send(actor=member, event=b2b_day, recipient=theirs)
    login(client, other_member)
    page = client.get(_url("meetings:b2b", b2b_day.slug)).content.decode()
    assert f'href="{_url("conversations:compose", "meeting", request.pk)}"' in page
    links = selectors.talk_links_for(member, "meeting", [request.pk])
    assert links[request.pk].started is False


def test_the_company_writes_to_the_grant_manager_from_the_agreement(client, member, sent):  # noqa: F811
    login(client, member)
    page = client.get(_url("grants:agreement", sent.pk)).content.decode()
    compose = _url("conversations:compose", "agreement", sent.pk)
    assert f'<a class="talk-link" href="{compose}">Ask a question</a>' in page


def test_the_stand_team_writes_to_a_visitor_from_the_leads_page(
    client, b2b_day, member, other_member, battery_startup
):
    from yeongilman.events.models import Exhibitor
    from yeongilman.exhibitors.models import Lead

    visitor = register_while_open(actor=other_member, event=b2b_day)
    exhibitor = Exhibitor.objects.create(event=b2b_day, organisation=battery_startup)
    lead = Lead.objects.create(exhibitor=exhibitor, registration=visitor, captured_by=member)
    conversation = start(member, lead, kind="lead", body="Thank you for visiting our stand!")
    login(client, member)
    page = client.get(_url("exhibitors:leads", b2b_day.slug, exhibitor.pk)).content.decode()
    detail = _url("conversations:detail", conversation.pk)
    assert f'<a class="talk-link" href="{detail}">Open the conversation</a>' in page
