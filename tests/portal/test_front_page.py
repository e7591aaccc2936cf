"""The front page: public sections without drafts, a member's own next steps, the operators'
view, bounded queries, and a cache that never carries one person's things to another."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tests.conftest import login
from tests.factories import make_organisation, make_user
from yeongilman.directory.models import Organisation
from yeongilman.events.models import Event, Exhibitor, Registration
from yeongilman.insights.headlines import headline_figures
from yeongilman.insights.models import Award, FundingRound
from yeongilman.meetings.models import MeetingRequest
from yeongilman.partnering.models import Interest, Opportunity
from yeongilman.portal.selectors import front_page, next_steps
from yeongilman.portal.templatetags.front_page import time_left, won
from yeongilman.programs.models import Application, Call, Program


def _event(slug: str, *, days: int, published: bool = True, kind: str = "forum") -> Event:
    start = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        slug=slug, kind=kind, title_en=slug.replace("-", " ").title(), is_published=published,
        starts_at=start, ends_at=start + timedelta(hours=6), city="Pohang",
    )  # fmt: skip


def _call(program: Program, slug: str, *, opens: int, closes: int, published: bool = True) -> Call:
    now = timezone.now()
    return Call.objects.create(
        program=program, slug=slug, title_en=slug.replace("-", " ").title(),
        opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes),
        is_published=published,
    )  # fmt: skip


def _opportunity(owner, title: str, *, status: str = "published", **extra) -> Opportunity:
    return Opportunity.objects.create(
        owner=owner, type="technology_offer", title_en=title, status=status,
        published_at=timezone.now() if status == "published" else None, **extra,
    )  # fmt: skip


@pytest.fixture
def world(operator, member, other_member, battery_startup, pittsburgh_lab, hidden_org):
    """Public and hidden things of every kind; `member` (battery_startup) has one of each next
    step waiting, sent by `other_member` (pittsburgh_lab)."""
    _event("hydrogen-forum", days=10)
    _event("secret-draft-summit", days=12, published=False)
    _event("old-forum", days=-400)
    program = Program.objects.create(slug="support", title_en="Export support")
    open_call = _call(program, "open-battery-call", opens=-3, closes=5)
    _call(program, "hidden-call", opens=-3, closes=5, published=False)
    _call(program, "closed-call", opens=-30, closes=-1)
    offer = _opportunity(battery_startup, "Cathode supply offer")
    _opportunity(battery_startup, "Draft cathode idea", status="draft")
    _opportunity(hidden_org, "Hidden org offer")
    _opportunity(pittsburgh_lab, "Expired offer", expires_at=timezone.now() - timedelta(days=1))
    Interest.objects.create(opportunity=offer, organisation=pittsburgh_lab, sender=other_member,
                            message="Let us talk")  # fmt: skip
    day = _event("b2b-day", days=20, kind="b2b")
    mine = Registration.objects.create(event=day, user=member, organisation=battery_startup,
                                       status="confirmed")  # fmt: skip
    theirs = Registration.objects.create(
        event=day, user=other_member, organisation=pittsburgh_lab, status="confirmed"
    )
    MeetingRequest.objects.create(event=day, requester=theirs, recipient=mine)
    Application.objects.create(call=open_call, organisation=battery_startup, created_by=member)
    return SimpleNamespace(day=day, program=program, open_call=open_call, offer=offer)


def _main(client, url: str = "/en/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_visitor_sees_public_events_calls_and_opportunities(client, world):
    html = _main(client)
    assert "Hydrogen Forum" in html and "B2B Day" in html
    assert "Open Battery Call" in html and "4 days left" in html  # 5 days less a moment
    assert "Cathode supply offer" in html
    assert html.count("<h1") == 1


def test_visitor_never_sees_drafts_hidden_or_past_things(client, world):
    html = _main(client)
    for hidden in ("Secret Draft Summit", "Old Forum", "Hidden Call", "Closed Call",
                   "Draft cathode idea", "Hidden org offer", "Expired offer"):  # fmt: skip
        assert hidden not in html, hidden
    assert 'id="front-steps-title"' not in html
    assert "Allegheny Robotics Lab" not in html  # the interest's sender is the member's business


def test_member_sees_own_pending_interests_meeting_requests_and_drafts(client, member, world):
    login(client, member)
    html = _main(client)
    assert 'id="front-steps-title"' in html
    assert 'id="step-interests"' in html and "Allegheny Robotics Lab" in html
    assert 'id="step-meetings"' in html and f"/events/{world.day.slug}/b2b/" in html
    assert 'id="step-drafts"' in html and "Draft cathode idea" in html
    assert f"/programs/applications/{Application.objects.get().pk}/" in html
    assert "/partnering/suggestions/" in html  # suggestions are a link, not ranked here
    assert "Secret Draft Summit" not in html and "Hidden Call" not in html


def test_member_does_not_see_another_members_next_steps(client, other_member, world):
    login(client, other_member)
    steps = next_steps(other_member)
    assert steps is not None
    assert steps.interests_received.count == 0 and steps.interests_sent == 1
    assert steps.meeting_requests.count == 0 and steps.draft_opportunities.count == 0
    html = _main(client)
    assert "Draft cathode idea" not in html and 'id="step-meetings"' not in html


def test_operator_sees_unpublished_events_and_calls_and_approvals(client, operator, world):
    Registration.objects.create(event=world.day, user=make_user("wait@example.org"),
                                status="pending")  # fmt: skip
    login(client, operator)
    html = _main(client)
    assert "Secret Draft Summit" in html and "Hidden Call" in html
    assert html.count(">unpublished</span>") == 2
    assert 'id="step-approvals"' in html and "wait@example.org" in html
    assert "Draft cathode idea" not in html  # a member's draft is not front-page material


def test_member_with_nothing_waiting_gets_a_helpful_sentence(client, world):
    newcomer = make_user("new@example.org")
    login(client, newcomer)
    html = _main(client)
    assert "Nothing is waiting for you." in html


def test_empty_sections_say_so(client, db):
    html = _main(client)
    assert "No events are planned at the moment." in html
    assert "No call is open right now." in html
    assert 'id="front-pavilion"' not in html and 'id="front-figures"' not in html


def test_pavilion_shows_award_winners_of_published_organisations_only(
    client, operator, world, battery_startup, hidden_org, pittsburgh_lab
):
    pavilion = _event("ces-pavilion", days=30, kind="exhibition")
    Exhibitor.objects.create(event=pavilion, organisation=battery_startup, award="Best of CES")
    Exhibitor.objects.create(event=pavilion, organisation=hidden_org, award="Hidden award")
    Exhibitor.objects.create(event=pavilion, organisation=pittsburgh_lab)
    html = _main(client)
    assert 'id="front-pavilion"' in html and "Best of CES" in html and "2 exhibitors" in html
    assert "Hidden award" not in html


def test_headline_figures_count_published_records_with_their_year(
    operator, battery_startup, hidden_org
):
    import datetime as dt

    FundingRound.objects.create(organisation=battery_startup, date=dt.date(2025, 3, 1),
                                round="seed", amount=1, amount_krw=3_000_000_000,
                                is_published=True)  # fmt: skip
    FundingRound.objects.create(organisation=battery_startup, date=dt.date(2025, 6, 1),
                                round="seed", amount=1, amount_krw=5_000_000_000)  # fmt: skip
    FundingRound.objects.create(organisation=hidden_org, date=dt.date(2025, 7, 1), round="seed",
                                amount=1, amount_krw=7_000_000_000, is_published=True)  # fmt: skip
    FundingRound.objects.create(organisation=battery_startup, date=dt.date(2024, 1, 1),
                                round="seed", amount=1, amount_krw=1,
                                is_published=True)  # fmt: skip
    Award.objects.create(organisation=battery_startup, year=2024, name="CES", is_published=True)
    by_key = {h.key: h for h in headline_figures()}
    funding = by_key["funding"]
    assert (funding.value, funding.year, funding.count) == (3_000_000_000, 2025, 1)
    assert funding.as_of == dt.date(2025, 3, 1)
    assert by_key["awards"].value == 1 and by_key["awards"].year == 2024
    assert "jobs" not in by_key


def _queries(client, url: str = "/en/") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(operator, world, n: int, start: int) -> None:
    """More of everything the page lists, and more next steps for `member`."""
    mine = Registration.objects.get(event=world.day, user__email="member@example.org")
    ours = Organisation.objects.get(registrations=mine)
    for i in range(start, start + n):
        org = make_organisation(operator, name_en=f"Grower {i}")
        user = make_user(f"grower{i}@example.org")
        _event(f"event-{i}", days=5 + i % 7)
        _call(world.program, f"call-{i}", opens=-1, closes=3 + i % 5)
        opp = _opportunity(org, f"Offer {i}")
        _opportunity(ours, f"Draft {i}", status="draft")
        Interest.objects.create(opportunity=world.offer, organisation=org, sender=user,
                                message="hi")  # fmt: skip
        Interest.objects.create(opportunity=opp, organisation=ours, message="hi")
        theirs = Registration.objects.create(event=world.day, user=user, organisation=org,
                                             status="confirmed")  # fmt: skip
        MeetingRequest.objects.create(event=world.day, requester=theirs, recipient=mine)


@pytest.mark.parametrize("who", ["visitor", "member", "operator"])
def test_front_page_queries_do_not_grow_with_content(client, who, operator, member, world):
    if who != "visitor":
        login(client, operator if who == "operator" else member)
    _grow(operator, world, 3, 0)  # every short list full: its count is read too
    few = _queries(client)
    _grow(operator, world, 8, 100)
    many = _queries(client)
    # Fewer at most (once enough calls are open, the ones about to open are not read).
    assert many <= few <= 30


def test_cache_never_carries_one_members_next_steps_to_another(
    client, settings, member, other_member, world
):
    settings.YV_PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    login(client, member)
    assert "Draft cathode idea" in _main(client)
    login(client, other_member)
    seen = _main(client)
    assert "Draft cathode idea" not in seen and 'id="step-meetings"' not in seen
    client.logout()
    anonymous = _main(client)
    assert 'id="front-steps-title"' not in anonymous and "Draft cathode idea" not in anonymous


def test_cache_never_carries_operators_drafts_to_visitors(client, settings, operator, world):
    settings.YV_PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    login(client, operator)
    assert "Secret Draft Summit" in _main(client)
    client.logout()
    assert "Secret Draft Summit" not in _main(client)


def test_visitors_public_part_is_cached_per_language(client, settings, world):
    settings.YV_PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    assert "Open Battery Call" in _main(client, "/en/")
    Call.objects.filter(pk=world.open_call.pk).update(title_en="Renamed call")
    assert "Open Battery Call" in _main(client, "/en/")  # a minute old at most
    assert "Renamed call" in _main(client, "/ko/")  # each language has its own copy


def test_cached_copy_drops_what_closed_or_ended_since(settings, world):
    settings.YV_PUBLIC_CACHE_SECONDS = 60
    page = front_page(AnonymousUser())
    assert world.open_call.pk in [c.pk for c in page.calls]
    assert "hydrogen-forum" in [e.slug for e in page.events]
    later = front_page(AnonymousUser()).current(timezone.now() + timedelta(days=11))
    assert world.open_call.pk not in [c.pk for c in later.calls]
    assert "hydrogen-forum" not in [e.slug for e in later.events]


def test_deadline_words_and_sums_of_money():
    now = timezone.now()
    with translation.override("en"):
        assert time_left(now + timedelta(days=3, hours=2), now) == "3 days left"
        assert time_left(now + timedelta(hours=5, minutes=3), now) == "5 hours left"
        assert time_left(now + timedelta(minutes=20), now) == "Less than an hour left"
        assert time_left(now - timedelta(minutes=1), now) == "Closed"
        assert won(12_345_000_000) == "12.3 billion won"


def test_latest_opportunities_skip_many_newer_ones_of_unpublished_organisations(
    client, battery_startup, hidden_org
):
    _opportunity(battery_startup, "Older public offer")
    for i in range(30):
        _opportunity(hidden_org, f"Newer hidden offer {i}")
    html = _main(client)
    assert "Older public offer" in html and "Newer hidden offer" not in html
