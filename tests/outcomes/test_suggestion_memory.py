"""Suggestions remember meetings held: no-fit pairs never return, cooperation shows as an open
follow-up, similar organisations' good meetings lift a candidate (with a minimum count), and
operators see suggestion → meeting → outcome per event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import make_organisation, make_user, register_while_open
from tests.matchmaking.conftest import ecosystem  # noqa: F401 - the indexed world
from yeongilman.accounts.services import membership_add
from yeongilman.matching.explain import suggest
from yeongilman.matchmaking import adapter, memory, selectors
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.memory import FOLLOW_UP, NO_FIT, peers_who_met_well
from yeongilman.meetings.services import (
    meeting_move,
    meeting_request_respond,
    meeting_request_send,
)
from yeongilman.outcomes import selectors as outcome_selectors
from yeongilman.outcomes.services import feedback_record, follow_up_record

pytestmark = pytest.mark.usefixtures("ecosystem")


def _url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _partners(user, organisation) -> list:
    return [i.organisation for i in selectors.suggestions(user, organisation=organisation).items]


def _report(meeting, side, user, verdict, when):
    feedback_record(actor=user, meeting=meeting, side=side, verdict=verdict, now=when)


def test_a_pair_that_reported_no_fit_is_not_suggested_again_and_says_why(
    member, battery_startup, pittsburgh_lab, meeting, sides, after_meeting
):
    assert pittsburgh_lab in _partners(member, battery_startup)
    _report(meeting, sides[0], member, "no_interest", after_meeting)

    found = selectors.suggestions(member, organisation=battery_startup)
    assert pittsburgh_lab not in [i.organisation for i in found.items]
    assert [(m.organisation, m.met.state) for m in found.not_again] == [(pittsburgh_lab, NO_FIT)]
    assert found.follow_ups == []
    with translation.override("en"):
        [looked] = selectors.look_up(member, found, "allegheny")
        from yeongilman.matchmaking.explanations import met_line

        assert looked.met is not None
        line = met_line(looked.met)
    assert looked.organisation == pittsburgh_lab and looked.rank is None
    assert line == "Met at Past B2B day on 2025-03-04: no fit. Not suggested again."


def test_the_other_side_forgets_the_pair_too(
    other_member, battery_startup, pittsburgh_lab, meeting, sides, member, after_meeting
):
    _report(meeting, sides[0], member, "no_interest", after_meeting)
    assert battery_startup not in _partners(other_member, pittsburgh_lab)


def test_cooperation_possible_is_an_open_follow_up_not_a_new_suggestion(
    member, battery_startup, pittsburgh_lab, meeting, sides, other_member, after_meeting
):
    _report(meeting, sides[1], other_member, "cooperation", after_meeting)
    found = selectors.suggestions(member, organisation=battery_startup)
    assert pittsburgh_lab not in [i.organisation for i in found.items]
    assert [(m.organisation, m.met.state) for m in found.follow_ups] == [
        (pittsburgh_lab, FOLLOW_UP)
    ]
    assert found.not_again == []


def test_cooperation_wins_over_the_other_sides_no_interest(
    member, battery_startup, pittsburgh_lab, meeting, sides, other_member, after_meeting
):
    _report(meeting, sides[0], member, "no_interest", after_meeting)
    _report(meeting, sides[1], other_member, "cooperation", after_meeting)
    found = selectors.suggestions(member, organisation=battery_startup)
    assert [m.organisation for m in found.follow_ups] == [pittsburgh_lab]
    assert found.not_again == []


def test_a_follow_up_in_negotiation_is_an_open_follow_up(
    member, battery_startup, pittsburgh_lab, meeting, sides, after_meeting,
    after_follow_up_period,
):  # fmt: skip
    _report(meeting, sides[0], member, "informative", after_meeting)
    follow_up_record(
        actor=member, meeting=meeting, side=sides[0], status="negotiation",
        now=after_follow_up_period,
    )  # fmt: skip
    found = selectors.suggestions(member, organisation=battery_startup)
    assert [m.organisation for m in found.follow_ups] == [pittsburgh_lab]


def test_an_informative_meeting_leaves_the_suggestions_as_they_were(
    member, battery_startup, pittsburgh_lab, meeting, sides, after_meeting
):
    before = _partners(member, battery_startup)
    _report(meeting, sides[0], member, "informative", after_meeting)
    assert _partners(member, battery_startup) == before


def test_the_profile_and_the_look_up_say_met_no_fit(
    client, member, other_member, battery_startup, pittsburgh_lab, meeting, sides, after_meeting
):
    _report(meeting, sides[0], member, "no_interest", after_meeting)
    login(client, member)
    profile = client.get(_url("directory:detail", pittsburgh_lab.slug)).content.decode()
    assert "Met at Past B2B day on 2025-03-04: no fit. Not suggested again." in profile
    page = client.get(_url("matchmaking:suggestions", battery_startup.slug) + "?q=Allegheny")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Looked up: “Allegheny”" in html
    assert html.count("no fit. Not suggested again.") == 2  # the look-up and the list below
    # Someone else, who never met them, sees no such note.
    client.logout()
    login(client, other_member)
    profile = client.get(_url("directory:detail", battery_startup.slug)).content.decode()
    assert "no fit" in profile  # the lab's member took part in the same meeting
    client.logout()
    assert (
        "no fit" not in client.get(_url("directory:detail", pittsburgh_lab.slug)).content.decode()
    )


def test_one_similar_organisation_never_decides_two_do():
    def similar(pk: int) -> bool:
        return pk in {11, 12, 13}

    one = [(11, 50), (50, 11)]
    assert peers_who_met_well(1, similar, one) == {}
    two = [*one, (12, 50), (50, 12), (99, 60), (60, 99)]
    assert peers_who_met_well(1, similar, two) == {50: 2}
    # A dissimilar organisation, the subject's own meetings and skipped partners do not count.
    assert peers_who_met_well(1, similar, [*two, (99, 50)]) == {50: 2}
    assert peers_who_met_well(1, similar, [*two, (1, 50), (13, 1)]) == {50: 2}
    assert peers_who_met_well(1, similar, two, skip={50}) == {}


def test_good_meetings_of_similar_organisations_move_a_candidate_up_with_a_reason(
    operator,
    battery_startup,
    ecosystem,  # noqa: F811
):
    index = adapter.current().index
    subject = ItemKey.organisation(battery_startup.pk)
    query = index.query_from_items([subject], frozenset())
    plain = [s.id for s in suggest(index, query, k=9)]
    last = plain[-1]
    lifted = suggest(index, query, k=9, peers={last: 3})
    assert [s.id for s in lifted].index(last) < plain.index(last)
    assert next(s for s in lifted if s.id == last).reasons.met_by_peers == 3
    assert all(s.reasons.met_by_peers == 0 for s in lifted if s.id != last)


def test_similar_peers_are_read_from_good_meetings(
    operator, member, battery_startup, ecosystem, past_day, meeting, sides, other_member,  # noqa: F811
    after_meeting,
):  # fmt: skip
    """Two battery start-ups met the buyer with cooperation possible; the subject has not."""
    buyer = ecosystem["buyer"]
    buyer_user = make_user("buyer@example.org")
    peer_users = [make_user(f"peer{n}@example.org") for n in (1, 2)]
    peers = [
        make_organisation(
            operator,
            members=(user,),
            name_ko=f"배터리스타트업{n}",
            kind="startup",
            country="KR",
            industries=("battery",),
            description_ko="포항의 배터리 소재 스타트업입니다.",
        )  # fmt: skip
        for n, user in enumerate(peer_users)
    ]
    membership_add(organisation=buyer, user=buyer_user, role="owner")
    adapter.forget()
    adapter.rebuild()
    buyer_side = register_while_open(actor=buyer_user, event=past_day, organisation=buyer)
    for n, (peer, user) in enumerate(zip(peers, peer_users, strict=True)):
        side = register_while_open(actor=user, event=past_day, organisation=peer)
        request = meeting_request_send(actor=user, event=past_day, recipient=buyer_side)
        meeting_request_respond(actor=buyer_user, request=request, accept=True)
        request.refresh_from_db()
        met = meeting_move(actor=operator, request=request, slot=past_day.slots.all()[n + 1])
        _report(met, side, user, "cooperation", after_meeting + timedelta(hours=1))
    remembered = selectors.remembered_for(adapter.current(), battery_startup.pk)
    assert remembered.peers == {ItemKey.organisation(buyer.pk): 2}
    assert remembered.met == {}
    # Only one peer's meeting counts for the peers themselves (each is the other's only peer).
    assert selectors.remembered_for(adapter.current(), peers[0].pk).peers == {}


def test_operators_see_suggested_pairs_that_met_and_their_outcomes(
    client, operator, member, battery_startup, pittsburgh_lab, past_day, meeting, sides,
    after_meeting,
):  # fmt: skip
    rate = outcome_selectors.suggestion_rate(past_day)
    assert (rate.suggested, rate.met, rate.good, rate.held) == (1, 0, 0, 0)
    _report(meeting, sides[0], member, "cooperation", after_meeting)
    rate = outcome_selectors.suggestion_rate(past_day)
    assert (rate.suggested, rate.met, rate.good, rate.held) == (1, 1, 1, 1)
    assert rate.met_rate == 1.0 and rate.good_rate == 1.0
    login(client, operator)
    html = client.get(_url("outcomes:event", past_day.slug)).content.decode()
    assert "From suggestion to meeting to outcome" in html


def test_without_the_outcomes_reader_suggestions_remember_nothing(
    monkeypatch, member, battery_startup, pittsburgh_lab, meeting, sides, after_meeting
):
    _report(meeting, sides[0], member, "no_interest", after_meeting)
    monkeypatch.setattr(memory, "_history", None)
    monkeypatch.setattr(memory, "_good_pairs", None)
    assert pittsburgh_lab in _partners(member, battery_startup)
