"""The demo world at real size: the same invented world on every load, loaded once, and what it
holds (a full B2B day run by the scheduler, a past day with check-ins and outcomes, a pavilion,
calls, agreements, figures for every public chart), with every invented thing marked Demo."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from tests.programs.demo_checks import assert_two_stage_call_run_to_a_signed_agreement
from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation, Person
from yeongilman.events.models import Event
from yeongilman.exhibitors.models import Lead
from yeongilman.grants.models import Agreement, AgreementStatus
from yeongilman.insights.models import Award, PolicyRequest
from yeongilman.insights.reports import briefing
from yeongilman.insights.selectors import Filters, dashboard
from yeongilman.jobs.models import Job, JobKind
from yeongilman.meetings.models import MeetingRequest, SlotUnavailability
from yeongilman.onsite.models import CheckIn
from yeongilman.outbox.models import Mail, MailStatus
from yeongilman.outcomes.demo import PARTICIPANTS
from yeongilman.outcomes.models import Feedback, FollowUp
from yeongilman.portal.demo.b2b import PAST_DAY, UPCOMING_DAY
from yeongilman.portal.demo.exhibition import EXHIBITORS, PAVILION
from yeongilman.portal.demo.programs import BIO_CALL, GROWTH_CALL, REVIEWERS
from yeongilman.portal.demo.world import SEED, build_world
from yeongilman.portal.demo_events import DAY_SLOTS
from yeongilman.programs.eligibility import ineligibility_reasons
from yeongilman.programs.models import Application, Call, Review

MEMBER, PARTNER = "member@demo.yeongilman.kr", "partner@demo.yeongilman.kr"


class _Undo(Exception):
    """Raised to roll a load back, so the next one starts from an empty database again."""


QUEUE_BOOKKEEPING = frozenset(
    {"django_tasks_db.DBTaskResult", "matchmaking.PendingRefresh", "jobs.WorkerBeat"}
)


def _snapshot() -> dict[str, Any]:
    """What makes the world the same world: every name, every request and its answer, and the
    number of rows of every model."""
    return {
        "organisations": sorted(
            Organisation.objects.values_list(
                "name_ko",
                "name_en",
                "kind",
                "city",
                "country",
                "founded_year",
                "stage",
                "is_synthetic",
            )
        ),  # fmt: skip
        "people": sorted(Person.objects.values_list("name_ko", "name_latin", "title", "email")),
        "accounts": sorted(User.objects.values_list("email", "full_name")),
        "requests": sorted(
            MeetingRequest.objects.values_list(
                "event__slug",
                "requester__user__email",
                "recipient__user__email",
                "status",
                "mode",
                "needs_interpreter",
            )
        ),  # fmt: skip
        "scheduled": MeetingRequest.objects.filter(confirmed=True).count(),
        # Queue bookkeeping (tasks' results, pending index refreshes, workers' heartbeats)
        # follows the clock, not the world.
        "rows": {
            m._meta.label: m._default_manager.count()
            for m in apps.get_models()
            if m._meta.label not in QUEUE_BOOKKEEPING
        },
    }


def test_the_generator_gives_the_same_world_for_the_same_seed():
    make = build_world.__wrapped__  # past the cache: two separate runs of the generator
    first, second = make(SEED), make(SEED)
    assert first == second
    assert [o.name_en for o in make(SEED + 1).organisations] != [
        o.name_en for o in first.organisations
    ]
    names = [o.name_en for o in first.organisations]
    assert len(names) == len(set(names)) and 150 <= len(names) <= 300
    emails = [p.email for p in first.people]
    assert len(emails) == len(set(emails))
    assert all(e.endswith(".example") for e in emails)  # a domain that never receives mail


def test_the_world_has_the_makers_and_investors_a_graphene_heater_maker_looks_for():
    world = build_world()
    us = world.of("maker", country="US")
    for sector in ("heaters", "seating", "wearables", "appliances"):
        makers = [o for o in us if o.sector == sector]
        assert makers and all("heat" in o.description_en for o in makers), sector
    investors = world.of("investor", "cvc", country="US")
    assert any("graphene" in o.description_en and "materials" in o.description_en
               for o in investors)  # fmt: skip
    startups = world.of("startup")
    assert all(o.founded_year and o.stage and o.city for o in startups)
    for person in world.people:
        assert person.name_ko and person.name_latin
        if person.language == "en":  # a foreign person: an English name, also in Hangul
            assert "-" not in person.name_latin


def test_two_loads_give_the_same_world_a_full_one_and_a_second_run_changes_nothing(db):
    try:
        with transaction.atomic():
            call_command("load_demo", verbosity=0)
            first = _snapshot()
            raise _Undo
    except _Undo:
        pass
    assert not Organisation.objects.exists()
    call_command("load_demo", verbosity=0)
    second = _snapshot()
    # The same world: every name, request and answer. (Row counts of what follows from the
    # scheduler's time-limited search, such as schedule-change mails, may differ between two
    # loads on a busy machine; a second run over a loaded world must change none of them.)
    assert {k: v for k, v in second.items() if k != "rows"} == {
        k: v for k, v in first.items() if k != "rows"
    }
    _the_world_is_full()
    _the_real_ecosystem_and_one_account_per_role()
    assert_two_stage_call_run_to_a_signed_agreement()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == second


def _the_real_ecosystem_and_one_account_per_role() -> None:
    # The 54 real organisations, and the invented demo world around them (marked synthetic).
    world = build_world()
    assert Organisation.objects.filter(is_synthetic=False).count() == 54
    assert Organisation.objects.filter(is_synthetic=False, is_published=True).count() == 54
    assert Organisation.objects.filter(is_synthetic=True).count() == len(world.organisations)
    cities = set(Organisation.objects.values_list("city", flat=True))
    assert {"Pohang", "Pittsburgh", "San Diego"} <= cities
    postech = Organisation.objects.get(name_en__startswith="POSTECH (")
    assert postech.description_ko and postech.description_en and postech.source
    roles = {u.email.split("@")[0]: u for u in User.objects.all()}
    assert roles["operator"].is_operator and roles["reviewer"].is_reviewer
    assert roles["member"].memberships.get().organisation.name_en == "Graphene Square"
    assert roles["partner"].language == "en"
    member_org = roles["member"].memberships.get().organisation
    ces, bio = (Call.objects.get(slug=s) for s in ("ces-2027-pohang-pavilion",
                                                   "san-diego-bio-exchange-2027"))  # fmt: skip
    assert ces.is_open() and not ineligibility_reasons(ces, member_org)
    assert ineligibility_reasons(bio, member_org)  # a materials start-up, not bio
    # The four demo accounts, the outcomes demo's participants, one account per invented
    # organisation and the invented reviewers (none of them with a password: no sign-in).
    assert Organisation.objects.count() == 54 + len(world.organisations)
    assert User.objects.count() == 4 + len(PARTICIPANTS) + len(world.organisations) + len(REVIEWERS)
    invented = User.objects.exclude(email__endswith="@demo.yeongilman.kr")
    assert not any(u.has_usable_password() for u in invented)
    # CES, bio, the two-stage call run to the end, and the invented world's growth package.
    assert Call.objects.count() == 4
    assert PolicyRequest.objects.filter(status="granted").count() == 4
    assert Award.objects.filter(organisation__name_en="Graphene Square").count() == 2
    # Real events (with their sources) and the demo's B2B days.
    events = {e.slug: e for e in Event.objects.all()}
    assert set(events) == {
        "ces-2024-pohang-pavilion",
        "technology-and-the-future-of-cities-forum",
        "us-delegation-january-2023",
        "ces-2027-pohang-pavilion-b2b-day-demo",
        "pittsburgh-b2b-day-2025-demo",
        "ces-2027-pohang-pavilion-demo",  # the invented world's pavilion
    }
    awards = dict(
        events["ces-2024-pohang-pavilion"].exhibitors.values_list("organisation__name_en", "award")
    )
    assert awards["Midbar"] == "CES 2024 Best of Innovation"
    assert events["ces-2027-pohang-pavilion-b2b-day-demo"].slots.count() == DAY_SLOTS == 12
    assert events["us-delegation-january-2023"].visits.count() == 5


def _the_world_is_full() -> None:
    # The upcoming B2B day: about 120 participants, about 400 requests in every state, every
    # accepted meeting placed by the scheduler's run under the day's rules.
    day = Event.objects.get(slug=UPCOMING_DAY)
    assert 115 <= day.registrations.filter(status="confirmed").count() <= 130
    statuses = Counter(day.meeting_requests.values_list("status", flat=True))
    assert 350 <= sum(statuses.values()) <= 450, statuses
    assert min(statuses["accepted"], statuses["requested"], statuses["declined"]) >= 50
    accepted = day.meeting_requests.filter(status="accepted")
    assert accepted.filter(confirmed=True, slot__isnull=False).count() == accepted.count()
    assert Job.objects.filter(kind=JobKind.SCHEDULE_RUN, scope=f"event:{day.pk}",
                              status="done").count() == 1  # fmt: skip
    placed = list(accepted)
    tables = Counter((m.slot_id, m.table) for m in placed if m.table)
    people = Counter((m.slot_id, r) for m in placed for r in (m.requester_id, m.recipient_id))
    assert max(tables.values()) == 1 and max(people.values()) == 1
    busy = set(SlotUnavailability.objects.filter(slot__event=day).values_list(
        "registration_id", "slot_id"))  # fmt: skip
    assert busy and not busy & {(r, m.slot_id) for m in placed
                                for r in (m.requester_id, m.recipient_id)}  # fmt: skip
    assert accepted.filter(mode="online").exists() and accepted.exclude(interpreter=None).exists()
    # The demo accounts are there, with requests waiting for them and none between them.
    assert day.registrations.filter(user__email__in=[MEMBER, PARTNER]).count() == 2
    assert not day.meeting_requests.filter(requester__user__email__in=[MEMBER, PARTNER]).exists()
    assert (
        day.meeting_requests.filter(recipient__user__email=MEMBER, status="requested").count() >= 3
    )
    # Invented people's mail is written and kept, never sent (they live at .example).
    invented_mail = Mail.objects.filter(to_address__endswith=".example")
    assert invented_mail.exists() and not invented_mail.exclude(status=MailStatus.KEPT).exists()

    # The past day: the desk's check-ins, how meetings went, what came of them.
    past = Event.objects.get(slug=PAST_DAY)
    assert CheckIn.objects.filter(event=past).count() >= 30
    assert Feedback.objects.filter(meeting__event=past).count() >= 40
    assert FollowUp.objects.filter(meeting__event=past, status="agreement").exists()

    # The upcoming pavilion: stands with products, a team and leads.
    pavilion = Event.objects.get(slug=PAVILION)
    assert pavilion.starts_at > timezone.now() or pavilion.ends_at < timezone.now()
    stands = pavilion.exhibitors.all()
    assert stands.count() == EXHIBITORS
    assert all(s.items.exists() and s.team.exists() and s.booth for s in stands)
    assert Lead.objects.filter(exhibitor__event=pavilion).count() >= 20

    # The open bio call: drafts, submissions, reviews in and reviews still to do.
    bio = Call.objects.get(slug=BIO_CALL)
    assert bio.is_open()
    states = Counter(bio.applications.values_list("status", flat=True))
    assert states["draft"] >= 1 and states["submitted"] >= 8
    reviews = Review.objects.filter(application__call=bio)
    assert reviews.filter(submitted_at__isnull=False).exists()
    assert reviews.filter(submitted_at__isnull=True, reviewer__email="reviewer@demo.yeongilman.kr")
    # Last year's growth package: published, its selected start-ups under agreements.
    growth = Call.objects.get(slug=GROWTH_CALL)
    assert growth.results_published_at
    selected = Application.objects.filter(call=growth, outcome="selected")
    agreements = Agreement.objects.filter(call=growth)
    assert agreements.count() == selected.count() == 5
    assert agreements.filter(status=AgreementStatus.SIGNED).count() == 4
    assert all(a.milestones.count() == 3 for a in agreements)

    # Every public chart has something to show, and the Korean briefing has its figures.
    for chart in dashboard(Filters()):
        assert not chart.is_empty, chart.key
    this_year = timezone.localdate().year
    with translation.override("ko"):
        report = briefing(this_year - 3, this_year, "ko")
    zeros = [label for label, value in report.headlines if value in ("0", "0.0")]
    assert not zeros, zeros
