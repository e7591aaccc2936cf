"""Badges, personal agendas and table cards as PDF: what they show, the QR code read back from
the printed page, each person's language, the bulk files as jobs, and who may print what."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.conftest import login
from tests.factories import make_person, make_user
from yeongilman.core.errors import NotFound, PermissionDenied
from yeongilman.directory.taxonomy import time_zone_label
from yeongilman.events.codes import code_for
from yeongilman.events.models import ProgrammeSession
from yeongilman.events.services import event_create, registration_create
from yeongilman.jobs.models import Job, JobKind, JobStatus
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.meetings.services import slots_define
from yeongilman.onsite import printing
from yeongilman.onsite.printing import data as printing_data
from yeongilman.onsite.printing import pdf as printing_pdf

LA = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def day(operator):
    event = event_create(
        actor=operator, kind="b2b", title_ko="CES 2027 포항관 B2B 상담회",
        title_en="CES 2027 Pohang Pavilion B2B Day", venue="LVCC West Hall", city="Las Vegas",
        time_zone="America/Los_Angeles", starts_at=datetime(2027, 1, 6, 9, tzinfo=LA),
        ends_at=datetime(2027, 1, 6, 17, tzinfo=LA), is_published=True,
    )  # fmt: skip
    slots_define(actor=operator, event=event, first_start=datetime(2027, 1, 6, 9, tzinfo=LA),
                 minutes=25, count=3, gap_minutes=5, tables=2)  # fmt: skip
    return event


@pytest.fixture
def mine(day, member, operator, battery_startup):
    """The member's confirmed place; their directory record has a Korean and a romanised name."""
    person = make_person(operator, battery_startup, name_ko="김민준", name_latin="Kim Min-jun")
    person.user = member
    person.save(update_fields=["user"])
    return registration_create(actor=member, event=day, organisation=battery_startup)


@pytest.fixture
def theirs(day, other_member, pittsburgh_lab):
    return registration_create(actor=other_member, event=day, organisation=pittsburgh_lab)


@pytest.fixture
def meeting(day, mine, theirs):
    """A scheduled in-person meeting at table 2 in the second slot."""
    slot = day.slots.order_by("starts_at")[1]
    return MeetingRequest.objects.create(
        event=day, requester=mine, recipient=theirs, status=RequestStatus.ACCEPTED,
        slot=slot, table=2,
    )  # fmt: skip


def _pages(data: bytes) -> list[str]:
    # pypdf reads the CID font's two-byte codes with a NUL before each character: drop them.
    pages = PdfReader(io.BytesIO(data)).pages
    return [(page.extract_text() or "").replace("\x00", "") for page in pages]


def _flat(text: str) -> str:
    return "".join(text.split())


def test_badge_shows_korean_and_romanised_name_organisation_and_role(mine):
    data = printing.badge_pdf_for(mine)
    (text,) = _pages(data)
    assert "김민준" in text
    assert "Kim Min-jun" in text
    assert "영일만배터리" in text
    assert "participant" in text.casefold()
    assert "CES 2027" in text


def test_the_qr_code_read_from_the_printed_badge_is_the_registration_code(mine, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: scripts/system-deps.sh test")
    for label in printing_data.LABELS:
        pdf = tmp_path / f"badge-{label}.pdf"
        pdf.write_bytes(printing.badge_pdf_for(mine, label))
        command = ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / label)]
        subprocess.run(command, check=True)  # noqa: S603 - fixed arguments
        found = zxingcpp.read_barcodes(Image.open(Path(tmp_path / f"{label}.png")))
        assert [b.text for b in found] == [code_for(mine)], label


def test_a_long_name_and_organisation_shrink_or_wrap_but_are_never_cut(
    day, operator, other_member, pittsburgh_lab
):
    long_name = "Maximilian Alexander Montgomery-Fitzgerald Wolfeschlegelsteinhausen"
    other_member.full_name = long_name
    other_member.save(update_fields=["full_name"])
    registration = registration_create(actor=other_member, event=day, organisation=pittsburgh_lab)
    for label in printing_data.LABELS:
        text = _flat(_pages(printing.badge_pdf_for(registration, label))[0])
        assert _flat(long_name) in text, label
        assert _flat("Allegheny Robotics Lab") in text, label


def test_one_sheet_holds_the_labels_it_promises(day, mine, operator):
    badges = [printing_data.badge_for(mine)] * 11
    for key, label in printing_data.LABELS.items():
        pages = PdfReader(io.BytesIO(printing_pdf.badges_pdf(day, badges, key))).pages
        assert len(pages) == -(-11 // label.per_sheet), key


def test_roles_come_from_the_events_data(day, mine, theirs, battery_startup, pittsburgh_lab):
    from yeongilman.events.models import Exhibitor

    ProgrammeSession.objects.create(
        event=day, title_en="Robots", speakers="Other Member, Jane Roe",
        starts_at=day.starts_at, ends_at=day.ends_at,
    )  # fmt: skip
    Exhibitor.objects.create(event=day, organisation=battery_startup)
    roles = printing_data.Roles(day)
    assert roles.of(mine) == "exhibitor"
    assert roles.of(theirs) == "speaker"
    day.organisers.add(pittsburgh_lab)
    assert printing_data.Roles(day).of(theirs) == "staff"


def test_agenda_lists_meetings_in_the_events_zone_with_table_and_partner(mine, meeting):
    (text,) = _pages(printing.agenda_pdf_for(mine))
    assert "09:30–09:55" in text  # the second slot, Las Vegas time
    assert "Allegheny Robotics Lab" in text
    assert "Other Member" in text
    assert "LVCC West Hall" in text
    assert "김민준" in text


def test_bulk_agendas_give_each_person_pages_in_their_own_language(
    day, mine, theirs, meeting, operator, django_capture_on_commit_callbacks
):
    ProgrammeSession.objects.create(
        event=day, title_ko="개막 세션", title_en="Opening session", room="Hall A",
        starts_at=datetime(2027, 1, 6, 13, tzinfo=LA), ends_at=datetime(2027, 1, 6, 14, tzinfo=LA),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        job = printing.printing_start(actor=operator, event=day, what="agendas", language="en")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.kind == JobKind.PRINTING
    data = bytes(job.files.get(is_output=True).content)
    pages = _pages(data)
    korean = next(p for p in pages if "김민준 (Kim Min-jun)" in p)  # their own name first
    english = next(p for p in pages if "Kim Min-jun (김민준)" in p)  # the partner, English first
    # The member reads Korean: the event's Korean title, the zone named in Korean.
    assert "CES 2027 포항관 B2B 상담회" in korean
    assert "개막 세션" in korean
    assert time_zone_label("America/Los_Angeles", "ko") in korean
    # The other member reads English.
    assert "CES 2027 Pohang Pavilion B2B Day" in english
    assert "Opening session" in english
    assert time_zone_label("America/Los_Angeles", "en") in english
    assert "Table 2" in english


def test_table_cards_give_one_page_per_table_with_its_meetings(day, meeting):
    with translation.override("en"):
        pages = _pages(printing_pdf.table_cards_pdf(day, printing_data.meetings_to_print(day)))
    assert len(pages) == 2
    assert "Table" in pages[1] and "2" in pages[1]
    assert "09:30–09:55" in pages[1]
    assert "Allegheny Robotics Lab" in pages[1]
    assert "No meetings scheduled at this table." in pages[0]


def test_operator_starts_the_events_badges_and_downloads_them(
    client, day, mine, theirs, operator, django_capture_on_commit_callbacks
):
    login(client, operator)
    with translation.override("en"):
        page = reverse("printing:event", args=[day.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"what": "badges", "label": "card"})
    assert response.status_code == 302
    job = Job.objects.get(kind=JobKind.PRINTING)
    assert job.status == JobStatus.DONE, job.error
    assert job.result["count"] == 2
    shown = client.get(response["Location"])
    with translation.override("en"):
        download = reverse("printing:download", args=[day.slug, job.pk])
    assert download in shown.content.decode()
    pdf = client.get(download)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(_pages(pdf.content))
    assert "김민준" in text and "Other Member" in text


def test_a_second_run_of_the_same_file_is_refused_while_one_is_queued(client, day, operator):
    login(client, operator)
    url = f"/api/v1/events/{day.pk}/printing"
    first = client.post(url, {"what": "table_cards"}, content_type="application/json")
    assert first.status_code == 202
    second = client.post(url, {"what": "table_cards"}, content_type="application/json")
    assert second.status_code == 409
    assert Job.objects.filter(kind=JobKind.PRINTING).count() == 1


def test_a_pending_place_gets_no_badge(day, operator):
    day.requires_approval = True
    day.save(update_fields=["requires_approval"])
    someone = make_user("pending@example.org", full_name="Pending Person")
    registration = registration_create(actor=someone, event=day)
    with pytest.raises(PermissionDenied):
        printing.access_registration_for_print(someone, registration.pk)
    with pytest.raises(NotFound):
        printing.access_registration_for_print(make_user("x@example.org"), registration.pk)


@pytest.mark.parametrize(
    ("who", "page", "api"),
    [("operator", 200, 200), ("member", 200, 200), ("other_member", 404, 404),
     ("visitor", 302, 401)],
)  # fmt: skip
@pytest.mark.parametrize("what", ["badge", "agenda"])
def test_who_may_print_a_persons_badge_and_agenda(client, request, mine, theirs, who, page,
                                                   api, what):  # fmt: skip
    if who != "visitor":
        login(client, request.getfixturevalue(who))
    with translation.override("en"):
        url = reverse(f"printing:{what}", args=[mine.event.slug, mine.pk])
    response = client.get(url)
    assert response.status_code == page
    if page == 200:
        assert response["Content-Type"] == "application/pdf"
    assert client.get(f"/api/v1/registrations/{mine.pk}/{what}.pdf").status_code == api


def test_only_operators_start_the_events_files(client, day, mine, member):
    login(client, member)
    response = client.post(f"/api/v1/events/{day.pk}/printing", {"what": "badges"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 403
    assert not Job.objects.filter(kind=JobKind.PRINTING).exists()


def test_a_badge_and_an_agenda_are_named_after_the_event_and_the_person(client, mine, member):
    login(client, member)
    for what, korean, english in (("badge", "명찰", "badge"), ("agenda", "일정표", "agenda")):
        with translation.override("ko"):
            header = client.get(reverse(f"printing:{what}", args=[mine.event.slug, mine.pk]))[
                "Content-Disposition"
            ]
        assert header == (
            f'inline; filename="CES-2027-Pohang-Pavilion-B2B-Day-{english}-Kim-Min-jun.pdf"; '
            "filename*=UTF-8''"
            + quote(f"CES 2027 포항관 B2B 상담회 - {korean} - 김민준.pdf", safe="")
        )


def test_the_events_badges_download_is_named_in_the_readers_language(
    client, day, mine, operator, django_capture_on_commit_callbacks
):
    login(client, operator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/api/v1/events/{day.pk}/printing", {"what": "badges", "label": "card"},
                    content_type="application/json")  # fmt: skip
    job = Job.objects.get(kind=JobKind.PRINTING)
    with translation.override("en"):
        url = reverse("printing:download", args=[day.slug, job.pk])
    header = client.get(url)["Content-Disposition"]
    assert header.startswith(
        'attachment; filename="CES-2027-Pohang-Pavilion-B2B-Day-Badges-card.pdf"; '
    )
    assert header.endswith(quote("CES 2027 Pohang Pavilion B2B Day - Badges - card.pdf", safe=""))
