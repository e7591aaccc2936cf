"""Downloaded files are named after what they hold, in the reader's language, with an ASCII
name beside it (RFC 6266: `filename` and `filename*`)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from tests.conftest import login
from yeongilman.core.downloads import NamePart, content_disposition, download_names
from yeongilman.core.i18n import pick
from yeongilman.events.codes import code_for
from yeongilman.exhibitors import services as xs

SEOUL = ZoneInfo("Asia/Seoul")


def _names(header: str) -> tuple[str, str]:
    """The ASCII name and the UTF-8 name of a Content-Disposition header."""
    ascii_part = header.split('filename="', 1)[1].split('"', 1)[0]
    utf8_part = unquote(header.split("filename*=UTF-8''", 1)[1])
    return ascii_part, utf8_part


def test_a_name_says_what_the_file_holds_in_the_readers_language_with_an_ascii_fallback():
    with translation.override("ko"):
        organisation = pick("그래핀스퀘어", "Graphene Square")
        parts: list[NamePart] = [
            pick("CES 2027 포항관", "CES 2027"),
            organisation,
            gettext_lazy("booking matrix"),
        ]
        assert download_names(parts, "xlsx") == (
            "CES 2027 포항관 - 그래핀스퀘어 - 예약 현황표.xlsx",
            "CES-2027-Graphene-Square-booking-matrix.xlsx",
        )
    with translation.override("en"):
        organisation = pick("그래핀스퀘어", "Graphene Square")
        assert download_names([organisation, gettext_lazy("booking matrix")], "xlsx") == (
            "Graphene Square - booking matrix.xlsx",
            "Graphene-Square-booking-matrix.xlsx",
        )


def test_characters_that_break_headers_or_paths_never_reach_the_name():
    header = content_disposition(['Robotics "A/B"; x\r\nSet-Cookie: y', "Café"], "csv")
    assert "\r" not in header and "\n" not in header
    ascii_name, utf8_name = _names(header)
    assert ascii_name == "Robotics-A-B-x-Set-Cookie-y-Cafe.csv"
    assert utf8_name == "Robotics A B x Set-Cookie y - Café.csv"
    assert header.startswith("attachment; ")


def test_a_korean_only_name_falls_back_to_download_in_ascii():
    assert download_names(["영일만"], "pdf") == ("영일만.pdf", "download.pdf")


def test_the_booking_matrix_is_named_after_the_event_in_each_language(client, operator, b2b_day):
    login(client, operator)
    with translation.override("ko"):
        ko = client.get(reverse("meetings:matrix_xlsx", args=[b2b_day.slug]))
    with translation.override("en"):
        en = client.get(reverse("meetings:matrix_xlsx", args=[b2b_day.slug]))
    assert _names(ko["Content-Disposition"]) == (
        "CES-2027-Pohang-Pavilion-B2B-Day-booking-matrix.xlsx",
        "CES 2027 포항관 B2B 상담회 - 예약 현황표.xlsx",
    )
    assert _names(en["Content-Disposition"])[1] == (
        "CES 2027 Pohang Pavilion B2B Day - booking matrix.xlsx"
    )


def test_a_stands_leads_carry_the_event_and_the_organisation(
    client, member, stand, visitor_registration
):
    xs.lead_capture(actor=member, exhibitor=stand, code=code_for(visitor_registration))
    url = f"/ko/events/{stand.event.slug}/stands/{stand.pk}/leads/export.xlsx"
    response = login(client, member).get(url)
    assert _names(response["Content-Disposition"]) == (
        "CES-2027-leads.xlsx",
        "CES 2027 포항관 - 영일만배터리 - 리드.xlsx",
    )


def test_the_directory_export_is_named_with_the_day(client, battery_startup):
    response = client.get("/en/directory/export/?format=csv")
    today = timezone.localdate().isoformat()
    assert _names(response["Content-Disposition"])[1] == (
        f"Yeongilman Valley organisations - {today}.csv"
    )


@pytest.mark.parametrize(
    ("language", "title"), [("ko", "영일만 밸리"), ("en", "Yeongilman Valley")]
)
def test_an_events_calendar_file_is_named_after_the_event(client, operator, language, title):
    from yeongilman.events.services import event_create

    event = event_create(
        actor=operator, kind="forum", title_ko="영일만 밸리 포럼",
        title_en="Yeongilman Valley Forum", time_zone="Asia/Seoul", is_published=True,
        starts_at=datetime(2027, 3, 2, 10, tzinfo=SEOUL),
        ends_at=datetime(2027, 3, 2, 17, tzinfo=SEOUL),
    )  # fmt: skip
    with translation.override(language):
        url = reverse("events:event_calendar", args=[event.slug])
    ascii_name, utf8_name = _names(client.get(url)["Content-Disposition"])
    assert ascii_name == "Yeongilman-Valley-Forum.ics"
    assert utf8_name == (
        "영일만 밸리 포럼.ics" if language == "ko" else "Yeongilman Valley Forum.ics"
    )
