"""Demo outcomes: a made-up past B2B day in Pittsburgh whose meetings were rated and
followed up, so the funnel, the no-show list and the drafts have something to show; and the
real 2023 delegation's visit to the Pittsburgh Regional Alliance linked to its MOU."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation
from yeongilman.events.models import Event, Registration, RegistrationStatus, Visit
from yeongilman.events.services import event_create
from yeongilman.insights.models import Agreement
from yeongilman.meetings.models import MeetingRequest
from yeongilman.meetings.services import slots_define
from yeongilman.outcomes import services

NEW_YORK = ZoneInfo("America/New_York")
SLUG = "pittsburgh-b2b-day-2025-demo"
DAY = datetime(2025, 10, 14, 9, 0, tzinfo=NEW_YORK)

# (e-mail, language, organisation): made-up participants without a password (not accounts
# anyone signs in to), beside the member and the partner demo accounts.
PARTICIPANTS = [
    ("b2b-onesoftdigm@demo.yeongilman.kr", "ko", "OneSoftDigm"),
    ("b2b-mangoslab@demo.yeongilman.kr", "ko", "Mangoslab"),
    ("b2b-midbar@demo.yeongilman.kr", "ko", "Midbar"),
    ("b2b-cmu@demo.yeongilman.kr", "en", "Carnegie Mellon University (CMU)"),
    ("b2b-plsg@demo.yeongilman.kr", "en", "Pittsburgh Life Sciences Greenhouse (PLSG)"),
    ("b2b-ucsd@demo.yeongilman.kr", "en", "University of California San Diego"),
]

# (requester, recipient, status, slot, requester's verdict, recipient's verdict, follow-up of
# the requester: (status, kind) or None); "member" and "partner" are the demo accounts.
MEETINGS = [
    ("member", "partner", "accepted", 0, "cooperation", "cooperation", ("agreement", "investment")),
    ("member", "b2b-ucsd", "accepted", 2, "", "", None),
    ("b2b-onesoftdigm", "b2b-cmu", "accepted", 1, "informative", "held", ("negotiation", "")),
    ("b2b-mangoslab", "b2b-plsg", "accepted", 1, "not_held", "", None),
    ("b2b-midbar", "b2b-ucsd", "accepted", 3, "cooperation", "informative", ("agreement", "mou")),
    ("b2b-midbar", "b2b-cmu", "accepted", 4, "", "", None),
    ("partner", "b2b-mangoslab", "declined", None, "", "", None),
    ("b2b-onesoftdigm", "b2b-ucsd", "requested", None, "", "", None),
]  # fmt: skip


def _registrations(day: Event, member: User | None, partner: User | None) -> dict[str, Any]:
    people: dict[str, User | None] = {"member": member, "partner": partner}
    for email, language, org in PARTICIPANTS:
        people[email.split("@")[0]] = User.objects.filter(
            email=email
        ).first() or User.objects.create_user(
            email=email, password=None, full_name=f"{org.split(' (')[0]} (demo)", language=language
        )
    organisations = {email.split("@")[0]: org for email, _l, org in PARTICIPANTS}
    registrations = {}
    for key, person in people.items():
        if person is None:
            continue
        if key in organisations:
            organisation = Organisation.objects.filter(name_en=organisations[key]).first()
        else:
            membership = person.memberships.select_related("organisation").first()
            organisation = membership.organisation if membership else None
        registrations[key], _created = Registration.objects.get_or_create(
            event=day, user=person,
            defaults={"status": RegistrationStatus.CONFIRMED, "organisation": organisation},
        )  # fmt: skip
    return registrations


def load_demo_outcomes(operator: User) -> int:
    """Create the demo B2B day with its outcomes once (matched by slug); returns 1 if made."""
    if Event.objects.filter(slug=SLUG).exists():
        return 0
    day = event_create(
        actor=operator, kind="b2b", title_en="Pittsburgh B2B day 2025 (demo)",
        title_ko="피츠버그 B2B 상담회 2025 (데모)", venue="Pittsburgh", city="Pittsburgh",
        time_zone="America/New_York", is_published=True, starts_at=DAY,
        ends_at=DAY + timedelta(hours=4),
        description_en="Made-up meetings that show outcomes: how each went, no-shows, "
        "follow-ups and the agreements they led to.",
        description_ko="상담 결과(진행 여부, 불참, 후속 조치, 협약)를 보여 주는 가상의 상담입니다.",
    )  # fmt: skip
    slots_define(actor=operator, event=day, first_start=DAY, minutes=25, count=6,
                         gap_minutes=5, tables=16)  # fmt: skip
    slots = list(day.slots.order_by("starts_at"))
    registrations = _registrations(
        day,
        User.objects.filter(email="member@demo.yeongilman.kr").first(),
        User.objects.filter(email="partner@demo.yeongilman.kr").first(),
    )
    answered = DAY + timedelta(hours=5)
    followed = services.add_months(DAY, 7)
    tables_taken: dict[int, int] = {}  # slot index -> tables given out (one meeting per table)
    for requester, recipient, status, slot, verdict_a, verdict_b, follow_up in MEETINGS:
        a, b = registrations.get(requester), registrations.get(recipient)
        if a is None or b is None:
            continue
        table = None
        if slot is not None:
            table = tables_taken[slot] = tables_taken.get(slot, 0) + 1
        meeting = MeetingRequest.objects.create(
            event=day, requester=a, recipient=b, status=status,
            slot=slots[slot] if slot is not None else None,
            table=table, confirmed=slot is not None,
        )  # fmt: skip
        for side, verdict in ((a, verdict_a), (b, verdict_b)):
            if verdict:
                services.feedback_record(actor=side.user, meeting=meeting, side=side,
                                         verdict=verdict, now=answered)  # fmt: skip
        if follow_up:
            status_, kind = follow_up
            services.follow_up_record(actor=a.user, meeting=meeting, side=a, status=status_,
                                      kind=kind, now=followed)  # fmt: skip
            if kind == "mou":
                link = meeting.outcome_links.get()
                services.link_confirm(actor=operator, link=link)
    _link_delegation_visit(operator)
    return 1


def _link_delegation_visit(operator: User) -> None:
    visit = Visit.objects.filter(organisation__name_en__startswith="Pittsburgh Regional").first()
    agreement = Agreement.objects.filter(title_en__icontains="Pittsburgh Regional").first()
    if visit is not None and agreement is not None:
        services.link_create(actor=operator, visit=visit, agreement=agreement)
