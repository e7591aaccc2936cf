"""Demo insights from public reports (sources named in each row): CES awards of Pohang
companies, the Pittsburgh agreements, special-zone requests and the gigafactory lead, and the
founding years the shared facts give. No financial figures are invented: the funding, jobs and
overseas charts stay empty (and say what would fill them) until real ones are entered."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation
from yeongilman.insights.models import Agreement, Award, InvestmentLead, PolicyRequest

AWARDS = [
    ("Graphene Square", 2023, "CES 2023 Best of Innovation"),
    ("OneSoftDigm", 2023, "CES 2023 Innovation Award"),
    ("Mangoslab", 2023, "CES 2023 Innovation Award"),
    ("Plask", 2023, "CES 2023 Innovation Award"),
    ("Midbar", 2024, "CES 2024 Best of Innovation"),
    ("Flow Studio", 2024, "CES 2024 Best of Innovation"),
    ("Nature Gluetech", 2024, "CES 2024 Innovation Award"),
    ("ANPOLY", 2024, "CES 2024 Innovation Award"),
    ("Graphene Square", 2024, "CES 2024 Innovation Award"),
    ("Krim", 2024, "CES 2024 Innovation Award"),
]

AGREEMENTS = [
    (
        "포항-피츠버그 지역연합(PRA) 업무협약",
        "MOU with the Pittsburgh Regional Alliance",
        "mou",
        "signed",
        dt.date(2023, 1, 11),
        [
            "Pohang City",
            "Pohang Chamber of Commerce and Industry",
            "Pittsburgh Regional Alliance (PRA)",
        ],
        "AI, robotics, cybersecurity, life sciences, manufacturing and logistics (press, Jan 2023)",
    ),
    (
        "포항-피츠버그 우호 협력",
        "Pohang–Pittsburgh friendship agreement",
        "mou",
        "active",
        dt.date(2023, 7, 26),
        ["Pohang City", "City of Pittsburgh"],
        "Press, Jul 2023",
    ),
    (
        "엘러게니 카운티 자매도시 추진",
        "Sister-city tie with Allegheny County",
        "sister_city",
        "negotiation",
        None,
        ["Pohang City", "Allegheny County", "Pittsburgh Sister Cities Partnership"],
        "Agreed to pursue in Jan 2023; no formal agreement found",
    ),
    (
        "CMU 블록센터-POSTECH 미래전략연구원 포럼",
        "CMU Block Center – POSTECH forum series",
        "forum_series",
        "active",
        None,
        [
            "CMU Block Center for Technology and Society",
            "POSTECH Park Tae-joon Institute for Future Strategy",
        ],
        "Regular joint forums (news article in shared context)",
    ),
]

# Founding (or opening) years stated in the shared research notes (organisations.csv cites each
# one's source); organisations without a stated year keep none rather than a guess.
FOUNDED = {
    "Nature Gluetech": 2015,
    "POSTECH (Pohang University of Science and Technology)": 1986,
    "POSCO Future M": 1971,
    "CHANGeUP GROUND Pohang": 2021,
    "Pohang Center for Creative Economy & Innovation": 2014,
    "Gyeongbuk Center for Creative Economy & Innovation": 2014,
    "Pohang Technopark": 2000,
    "Gyeongbuk Technopark Secondary Battery Management Center": 2021,
    "POSCO Technology Investment": 1997,
    "Apple Manufacturing R&D Support Center at POSTECH": 2022,
    "Bio Open Innovation Center (BOIC)": 2020,
    "Allegheny Conference on Community Development": 1944,
    "University of Pittsburgh Innovation Institute": 2013,
    "CMU Block Center for Technology and Society": 2018,
    "CMU Swartz Center for Entrepreneurship": 2015,
    "Pennsylvania DCED Korea Office": 1998,
    "Johnson & Johnson Innovation JLABS @ San Diego": 2012,
}

POLICIES = [
    (
        "배터리 글로벌 혁신특구",
        "Ministry of SMEs and Startups",
        "rejected",
        dt.date(2023, 12, 28),
        "Not among the 2023 candidates; plan to re-apply (press, Dec 2023)",
    ),
    (
        "이차전지 국가첨단전략산업 특화단지",
        "Ministry of Trade, Industry and Energy",
        "granted",
        dt.date(2023, 7, 20),
        "Designated with Cheongju, Ulsan and Saemangeum",
    ),
    (
        "바이오 특화단지",
        "Ministry of Trade, Industry and Energy",
        "granted",
        dt.date(2024, 6, 27),
        "Gyeongbuk: Pohang R&D and Andong vaccines",
    ),
    (
        "수소 특화단지",
        "Ministry of Trade, Industry and Energy",
        "granted",
        dt.date(2024, 11, 1),
        "Hydrogen fuel-cell power cluster",
    ),
    (
        "기업혁신파크",
        "Ministry of Land, Infrastructure and Transport",
        "granted",
        dt.date(2024, 3, 27),
        "4th pilot site, Heunghae, 256.5 bn won to 2030",
    ),
]


@transaction.atomic
def load_demo_insights(owner: User | None = None) -> int:
    """Create the demo pipeline items and awards once; returns how many items were made."""
    for name, year in FOUNDED.items():
        # The directory's demo rows carry no founding year; never overwrite an entered one.
        Organisation.objects.filter(name_en=name, founded_year=None).update(founded_year=year)
    if Agreement.objects.exists() or PolicyRequest.objects.exists():
        return 0
    by_name = {o.name_en: o for o in Organisation.objects.all()}
    made = 0
    for name, year, award in AWARDS:
        if name in by_name:
            Award.objects.create(
                organisation=by_name[name],
                year=year,
                name=award,
                source="Pohang City and press, CES",
                is_published=True,
            )
            made += 1
    for ko, en, kind, stage, signed, parties, notes in AGREEMENTS:
        agreement = Agreement.objects.create(
            title_ko=ko,
            title_en=en,
            kind=kind,
            stage=stage,
            signed_on=signed,
            notes=notes,
            owner=owner,
        )
        agreement.parties.set([by_name[p] for p in parties if p in by_name])
        made += 1
    for title, ministry, status, decided, notes in POLICIES:
        PolicyRequest.objects.create(
            title=title,
            ministry=ministry,
            status=status,
            decided_on=decided,
            notes=notes,
            owner=owner,
        )
        made += 1
    InvestmentLead.objects.create(
        title="Tesla gigafactory (Yeongilman site)",
        company_name="Tesla",
        stage="lost",
        probability=0,
        owner=owner,
        notes="City team formed Nov 2022 around a Yeongilman site; faded after reports of a "
        "plant in Indonesia in Jan 2023 (press).",
    )
    return made + 1
