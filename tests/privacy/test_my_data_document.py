"""'My data' is a document a person can read, in their language: sections by what they did,
names instead of ids, their sent meeting requests included; JSON for software beside it."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from tests.conftest import login
from yeongilman.meetings.services import meeting_request_send


@pytest.fixture
def sent_request(b2b_day, registrations, startup_user):
    _startup, investor = registrations
    return meeting_request_send(
        actor=startup_user, event=b2b_day, recipient=investor, message="LFP 셀 협력 논의"
    )


def test_the_json_copy_holds_the_meeting_request_the_member_sent_by_name(
    client, startup_user, sent_request
):
    login(client, startup_user)
    data = json.loads(client.get("/ko/privacy/my-data/download/?format=json").content)
    meetings = data["sections"]["meetings"]
    assert meetings["title"] == "미팅과 미팅 요청"
    assert meetings["columns"]["with"] == "상대"
    (row,) = meetings["rows"]
    assert row["event"] == "CES 2027 포항관 B2B 상담회"
    assert row["direction"] == "나"
    assert row["with"] == "Other Member (Allegheny Robotics Lab)"
    assert row["message"] == "LFP 셀 협력 논의"
    (registration,) = data["sections"]["registrations"]["rows"]
    # Times in the person's own zone (Seoul): the day starts at 09:00 in Las Vegas.
    assert registration["event"] == "CES 2027 포항관 B2B 상담회"
    assert registration["starts"] == "2027-01-07 02:00"
    assert registration["organisation"] == "영일만배터리"
    assert [r["organisation"] for r in data["sections"]["organisations"]["rows"]] == [
        "영일만배터리"
    ]
    assert list(data["sections"]) == [
        "profile", "organisations", "registrations", "meetings", "interests", "applications",
        "messages", "consents", "sign_ins",
    ]  # fmt: skip
    assert data["records"]["events.registration.user"]  # the complete record stays beside


def test_the_spreadsheet_has_a_readable_sheet_per_section_in_the_readers_language(
    client, startup_user, sent_request
):
    login(client, startup_user)
    for language, sheet, heading in (
        ("ko", "미팅과 미팅 요청", ["행사", "요청한 사람", "상대", "상태", "시간", "진행 방식",
                                  "메시지", "보낸 때"]),
        ("en", "Meetings and requests", ["Event", "Who asked", "With", "Status", "Time", "How",
                                        "Message", "Sent on"]),
    ):  # fmt: skip
        response = client.get(f"/{language}/privacy/my-data/download/?format=xlsx")
        book = load_workbook(io.BytesIO(response.content))
        assert all(len(name) <= 31 for name in book.sheetnames)
        assert not any("." in name for name in book.sheetnames)  # no model paths
        rows = list(book[sheet].iter_rows(values_only=True))
        assert list(rows[0]) == heading
        assert rows[1][2] == "Other Member (Allegheny Robotics Lab)"
    english = load_workbook(
        io.BytesIO(client.get("/en/privacy/my-data/download/?format=xlsx").content)
    )
    assert english.sheetnames == [
        "About this file", "Profile", "Organisations", "Event registrations",
        "Meetings and requests", "Interests sent", "Applications", "Messages", "Consents",
        "Sign-ins", "Other records",
    ]  # fmt: skip
    nothing = list(english["Applications"].iter_rows(values_only=True))
    assert nothing[1][0] == "Nothing recorded."


def test_the_my_data_page_offers_the_readable_copy_first(client, startup_user):
    page = login(client, startup_user).get("/en/privacy/my-data/").content.decode()
    assert "Spreadsheet to read (XLSX)" in page
    assert page.index("format=xlsx") < page.index("format=json")
