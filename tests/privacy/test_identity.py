"""What identifies a person is defined once: the download shows all of it (also what has no
foreign key to the account: leads about them, their check-ins, entries naming their address)
and nothing of anyone else's address; deletion erases the same."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import login
from tests.factories import make_person
from yeongilman.core.audit import audit_record
from yeongilman.core.models import AuditEntry
from yeongilman.directory.models import Person
from yeongilman.events.models import Exhibitor, Registration, RegistrationStatus
from yeongilman.events.services import event_create
from yeongilman.exhibitors.models import Lead
from yeongilman.onsite.models import CheckIn, CheckInMethod
from yeongilman.privacy.services import personal_data

SEOUL = ZoneInfo("Asia/Seoul")
WALK_IN = "jane.walker@example.com"


@pytest.fixture
def person_everywhere(operator, member, other_member, battery_startup, pittsburgh_lab):
    """The member with data in every app: a directory entry (and one an organisation typed in
    with their address), a past event's registration, a check-in by the desk, a lead another
    stand recorded, an operator's audit entry naming their address; and, as desk staff
    themselves, a walk-in they registered (someone else's address)."""
    make_person(
        operator, battery_startup, name_latin="Kim Member", email=member.email,
        phone="+82 54 000 0001", contact_consent=True,
    )  # fmt: skip
    Person.objects.filter(email=member.email).update(user=member)
    make_person(operator, pittsburgh_lab, name_latin="K. Member", email=member.email.upper())
    forum = event_create(
        actor=operator, kind="forum", title_en="Past Forum", venue="POSTECH", city="Pohang",
        time_zone="Asia/Seoul", starts_at=datetime(2026, 5, 12, 9, tzinfo=SEOUL),
        ends_at=datetime(2026, 5, 12, 18, tzinfo=SEOUL), is_published=True,
    )  # fmt: skip
    place = Registration.objects.create(
        event=forum, user=member, organisation=battery_startup,
        status=RegistrationStatus.CONFIRMED,
    )  # fmt: skip
    CheckIn.objects.create(
        event=forum, registration=place, checked_in_at=datetime(2026, 5, 12, 9, 5, tzinfo=SEOUL),
        checked_in_by=operator, method=CheckInMethod.SCAN,
    )  # fmt: skip
    stand = Exhibitor.objects.create(event=forum, organisation=pittsburgh_lab)
    Lead.objects.create(
        exhibitor=stand, registration=place, captured_by=other_member, rating=4,
        note="Wants cathode samples",
    )  # fmt: skip
    audit_record(
        actor=operator, action="walk_in_registered", subject=place, scope=f"event:{forum.pk}",
        email=member.email,
    )  # fmt: skip
    audit_record(
        actor=member, action="walk_in_registered", subject=None, scope=f"event:{forum.pk}",
        email=WALK_IN,
    )  # fmt: skip
    return place


def _text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False).lower()


def test_the_download_holds_what_is_about_the_person_and_no_one_elses_address(
    client, member, operator, other_member, person_everywhere
):
    login(client, member)
    data = json.loads(client.get("/en/privacy/my-data/download/?format=json").content)
    records = data["records"]
    assert [r["note"] for r in records["exhibitors.lead.registration"]] == ["Wants cathode samples"]
    assert [r["registration"] for r in records["onsite.checkin.registration"]] == [
        person_everywhere.pk
    ]
    assert {r["name_latin"] for r in records["directory.person.user"]} == {"Kim Member"}
    assert {r["name_latin"] for r in records["directory.person.email"]} == {"K. Member"}
    assert [r["details"] for r in records["core.auditentry.details"]] == [{"email": member.email}]
    text = _text(data)
    for someone_else in (WALK_IN, operator.email, other_member.email):
        assert someone_else not in text
    assert member.email in text


def test_after_deletion_nothing_identifies_the_person_in_the_directory_or_the_download(
    client, member, other_member, battery_startup, person_everywhere,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    address = member.email
    login(client, member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/privacy/my-data/delete/", {"confirm_email": address})
    assert not Person.objects.filter(name_latin__in=["Kim Member", "K. Member"]).exists()
    assert not Lead.objects.filter(registration__user=member).exists()
    login(client, other_member)
    listed = client.get(f"/api/v1/organisations/{battery_startup.pk}").content.decode()
    page = client.get(f"/en/directory/{battery_startup.slug}/").content.decode()
    for shown in (listed, page):
        assert "Kim Member" not in shown and address not in shown
        assert "+82 54 000 0001" not in shown
    assert not any(address in _text(entry.details) for entry in AuditEntry.objects.all())
    member.refresh_from_db()
    left = _text(personal_data(member)["records"])
    assert address not in left and "kim member" not in left and "cathode" not in left
    assert CheckIn.objects.filter(registration=person_everywhere).count() == 1  # attendance
