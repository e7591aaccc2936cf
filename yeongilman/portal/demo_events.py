"""Demo events built from the real record (shared/data/facts.md), plus one demo B2B day.

Dates and places are real; exact hours were not recorded and are marked as approximate.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation
from yeongilman.events.models import Event, Exhibitor, Registration, RegistrationStatus, Visit
from yeongilman.events.services import event_create
from yeongilman.meetings.models import Interpreter
from yeongilman.meetings.services import slots_define

SEOUL, LA, NEW_YORK = (
    ZoneInfo("Asia/Seoul"),
    ZoneInfo("America/Los_Angeles"),
    ZoneInfo("America/New_York"),
)

CES_2024_HONOREES = [
    (
        "Midbar",
        "AirFarm: inflatable smart-farm module that harvests water from air",
        "CES 2024 Best of Innovation",
    ),
    (
        "Flow Studio",
        "FlowLab youth science-experiment platform",
        "CES 2024 honoree (sources differ on the tier)",
    ),
    ("Nature Gluetech", "Biodegradable adhesive protein material", "CES 2024 Innovation Award"),
    ("ANPOLY", "Nanocellulose from rice husks", "CES 2024 Innovation Award (sustainability)"),
    ("Graphene Square", "Graphene multi-cooker", "CES 2024 Innovation Award"),
    ("Krim", "AI assistant for webtoon production", "CES 2024 Innovation Award"),
]


# The CES 2027 B2B day's size: about 120 participants (the demo world's, `portal.demo`), twelve
# 25-minute slots from 09:00 to 15:00 Las Vegas time, 24 tables each.
DAY_CAPACITY, DAY_SLOTS, DAY_TABLES = 160, 12, 24


def _org(name_en: str) -> Organisation | None:
    return Organisation.objects.filter(name_en__startswith=name_en).first()


def load_demo_events(operator: User, participants: list[User]) -> int:
    """Create the demo events once (matched by slug); returns how many were created."""
    created = 0
    if not Event.objects.filter(slug="ces-2024-pohang-pavilion").exists():
        ces = event_create(
            actor=operator,
            kind="exhibition",
            title_en="CES 2024 Pohang pavilion",
            title_ko="CES 2024 포항관",
            venue="Las Vegas Convention Center",
            city="Las Vegas",
            time_zone="America/Los_Angeles",
            is_published=True,
            starts_at=datetime(2024, 1, 9, 10, 0, tzinfo=LA),
            ends_at=datetime(2024, 1, 12, 16, 0, tzinfo=LA),
            description_en="Pohang firms at CES 2024 in the K-Startup hall, the POSCO and POSTECH "
            "pavilions and the Gyeongbuk joint pavilion. Booth numbers were not recorded.",
            description_ko="CES 2024에 참가한 포항 기업들"
            "(K-스타트업관, 포스코·포스텍관, 경북공동관). "
            "부스 번호는 기록되지 않았습니다.",
        )
        for name, product, award in CES_2024_HONOREES:
            organisation = _org(name)
            if organisation:
                Exhibitor.objects.create(
                    event=ces, organisation=organisation, products=product, award=award
                )
        created += 1
    if not Event.objects.filter(slug="technology-and-the-future-of-cities-forum").exists():
        forum = event_create(
            actor=operator,
            kind="forum",
            title_en="Technology and the Future of Cities forum",
            title_ko="기술과 도시의 미래 포럼",
            venue="POSCO International Center",
            city="Pohang",
            time_zone="Asia/Seoul",
            is_published=True,
            starts_at=datetime(2023, 9, 15, 10, 0, tzinfo=SEOUL),
            ends_at=datetime(2023, 9, 15, 17, 0, tzinfo=SEOUL),
            description_en="POSTECH, Carnegie Mellon University and Pohang City on smart "
            "manufacturing and the future of cities (hours approximate).",
            description_ko="포스텍·카네기멜런대·포항시가 함께한 "
            "스마트 제조와 도시의 미래 포럼(시간은 대략).",
        )
        forum.organisers.set([o for o in (_org("POSTECH ("), _org("Carnegie Mellon")) if o])
        created += 1
    if not Event.objects.filter(slug="us-delegation-january-2023").exists():
        trip = event_create(
            actor=operator,
            kind="delegation",
            title_en="US delegation, January 2023",
            title_ko="2023년 1월 미국 방문단",
            city="Las Vegas · Pittsburgh · San Diego",
            time_zone="America/New_York",
            is_published=True,
            starts_at=datetime(2023, 1, 3, 9, 0, tzinfo=SEOUL),
            ends_at=datetime(2023, 1, 17, 18, 0, tzinfo=SEOUL),
            description_en="The mayor's trip that started Yeongilman Valley "
            "(visit hours approximate).",
            description_ko="영일만 밸리 구상의 출발점이 된 시장의 미국 방문(방문 시각은 대략).",
        )
        stops = [
            (
                None,
                "CES 2023, Las Vegas",
                datetime(2023, 1, 6, 10, 0, tzinfo=LA),
                "America/Los_Angeles",
                "Visited the ~30 Pohang exhibitors of the city pavilion.",
                "",
            ),
            (
                "Pittsburgh Regional Alliance",
                "Fairmont Pittsburgh",
                datetime(2023, 1, 11, 10, 0, tzinfo=NEW_YORK),
                "America/New_York",
                "Economic-exchange MOU with Pohang City and the Pohang Chamber of Commerce.",
                "MOU signed",
            ),
            (
                "Allegheny County",
                "Pittsburgh",
                datetime(2023, 1, 12, 10, 0, tzinfo=NEW_YORK),
                "America/New_York",
                "Meeting with the County Executive on a sister-city tie.",
                "",
            ),
            (
                "University of California San Diego",
                "Design and Innovation Building",
                datetime(2023, 1, 13, 10, 0, tzinfo=LA),
                "America/Los_Angeles",
                "Student entrepreneurship and commercialisation.",
                "",
            ),
            (
                "Biocom California",
                "San Diego",
                datetime(2023, 1, 13, 15, 0, tzinfo=LA),
                "America/Los_Angeles",
                "Bio-startup support and a possible Pohang branch.",
                "",
            ),
        ]
        for org_name, place, when, zone, notes, outcome in stops:
            Visit.objects.create(
                event=trip,
                organisation=_org(org_name) if org_name else None,
                place=place,
                starts_at=when,
                time_zone=zone,
                notes=notes,
                outcome=outcome,
            )
        created += 1
    _stop_zones()
    if not Event.objects.filter(slug="ces-2027-pohang-pavilion-b2b-day-demo").exists():
        day = event_create(
            actor=operator,
            kind="b2b",
            title_en="CES 2027 Pohang pavilion B2B day (demo)",
            title_ko="CES 2027 포항관 B2B 상담회 (데모)",
            venue="Las Vegas Convention Center",
            city="Las Vegas",
            time_zone="America/Los_Angeles",
            is_published=True,
            capacity=DAY_CAPACITY,
            starts_at=datetime(2027, 1, 7, 9, 0, tzinfo=LA),
            ends_at=datetime(2027, 1, 7, 15, 0, tzinfo=LA),
            description_en="A demo meeting day to try requests, scheduling and agendas. Its "
            "participants other than the demo accounts are invented (marked Demo).",
            description_ko="상담 요청, 자동 배정, 일정 기능을 체험하는 데모 상담회입니다. 데모 "
            "계정 외의 참가자는 지어낸 조직과 사람입니다('데모' 표시).",
        )
        slots_define(
            actor=operator,
            event=day,
            first_start=datetime(2027, 1, 7, 9, 0, tzinfo=LA),
            minutes=25,
            count=DAY_SLOTS,
            gap_minutes=5,
            tables=DAY_TABLES,
        )
        for user in participants:
            membership = user.memberships.select_related("organisation").first()
            Registration.objects.get_or_create(
                event=day,
                user=user,
                defaults={
                    "status": RegistrationStatus.CONFIRMED,
                    "organisation": membership.organisation if membership else None,
                },
            )
        _hybrid_demo(day)
        created += 1
    return created


def _stop_zones() -> None:
    """Each stop of the January 2023 trip in its own zone (Las Vegas and San Diego on Pacific
    time, Pittsburgh on Eastern), also in a demo loaded before stops had zones."""
    zones = {
        "Las Vegas": "America/Los_Angeles",
        "Pittsburgh": "America/New_York",
        "Design and Innovation": "America/Los_Angeles",
        "San Diego": "America/Los_Angeles",
    }
    for visit in Visit.objects.filter(event__slug="us-delegation-january-2023", time_zone=""):
        zone = next((z for part, z in zones.items() if part in visit.place), "")
        if zone:
            visit.time_zone = zone
            visit.save(update_fields=["time_zone"])


def _hybrid_demo(day: Event) -> None:
    """Interpreters (one free in the morning only) and per-person limits for the scheduler.
    The demo's two accounts have no meeting with each other in advance: they find and ask each
    other themselves (the walk-through in the README does)."""
    day.max_meetings_per_day, day.max_in_a_row = 6, 3
    day.save(update_fields=["max_meetings_per_day", "max_in_a_row", "updated_at"])
    Interpreter.objects.create(event=day, name="Park Ji-yeon (demo)", languages="ko, en")
    morning = Interpreter.objects.create(event=day, name="Daniel Lee (demo)", languages="ko, en")
    morning.available_slots.set(list(day.slots.all())[:4])
