"""Check-in by signed code: admitted once, a second scan warned, refusals recorded, the offline
queue replayed with duplicates and out of order, walk-ins, and the counts other apps read."""

from __future__ import annotations

import importlib
from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation

from tests.conftest import login
from tests.factories import cancel_while_open
from yeongilman.accounts.models import User
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.core.models import AuditEntry
from yeongilman.events.codes import code_for, registration_id_from_code
from yeongilman.events.models import Registration, RegistrationStatus
from yeongilman.events.services import event_create
from yeongilman.onsite import selectors, services
from yeongilman.onsite.models import AttemptOutcome, CheckIn, CheckInAttempt, CheckInMethod
from yeongilman.onsite.services import Scan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are asserted in English, whichever catalogues exist."""
    with translation.override("en"):
        yield


SEOUL = timezone.get_fixed_timezone(9 * 60)


def _at(hour: int, minute: int) -> datetime:
    return datetime(2026, 5, 12, hour, minute, tzinfo=SEOUL)


def test_code_is_signed_and_reads_back(member_place):
    code = code_for(member_place)
    assert code.startswith(f"YV1.{member_place.pk}.")
    assert registration_id_from_code(code) == member_place.pk
    with pytest.raises(ValidationFailed):
        registration_id_from_code(f"YV1.{member_place.pk + 1}.{code.rsplit('.', 1)[1]}")


def test_first_scan_admits_and_second_says_when_and_by_whom(staffer, summit, member_place):
    first = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code_for(member_place), "a", _at(10, 2))
    )
    second = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code_for(member_place), "b", _at(10, 5))
    )
    assert first.outcome == AttemptOutcome.ADMITTED
    assert second.outcome == AttemptOutcome.ALREADY
    assert second.message == "Already checked in at 10:02 by Desk Staff."
    check_in = CheckIn.objects.get()
    assert (check_in.checked_in_at, check_in.checked_in_by, check_in.client_scan_id) == (
        _at(10, 2), staffer, "a",
    )  # fmt: skip


def test_mistyped_code_is_refused_recorded_and_logged(staffer, summit, member_place, caplog):
    code = code_for(member_place)
    tampered = code[:-1] + ("A" if code[-1] != "A" else "B")
    result = services.check_in_scan(actor=staffer, event=summit, scan=Scan(tampered))
    assert result.outcome == AttemptOutcome.INVALID
    assert result.message == (
        "This code does not read correctly: a character is probably mistyped or missing. "
        "Scan or type it again, or look the person up by name."
    )
    assert CheckIn.objects.count() == 0
    attempt = CheckInAttempt.objects.get()
    assert (attempt.outcome, attempt.code, attempt.by) == (
        AttemptOutcome.INVALID,
        tampered,
        staffer,
    )
    (logged,) = [r for r in caplog.records if "check-in refused" in r.getMessage()]
    assert logged.levelname == "WARNING" and "(invalid)" in logged.getMessage()


def test_foreign_text_is_refused(staffer, summit):
    result = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan("https://example.com/ticket/123")
    )
    assert result.outcome == AttemptOutcome.INVALID
    assert result.message == "This is not a Yeongilman Valley registration code."
    assert CheckInAttempt.objects.filter(outcome=AttemptOutcome.INVALID).count() == 1


def test_code_of_another_event_names_that_event(operator, summit, other_event, member):
    elsewhere = Registration.objects.create(
        event=other_event, user=member, status=RegistrationStatus.CONFIRMED
    )
    result = services.check_in_scan(actor=operator, event=summit, scan=Scan(code_for(elsewhere)))
    assert result.outcome == AttemptOutcome.OTHER_EVENT
    assert result.message == "This code belongs to another event: Battery Day."
    assert CheckIn.objects.count() == 0
    assert CheckInAttempt.objects.get().registration == elsewhere


def test_code_of_an_unpublished_event_does_not_name_it_to_desk_staff(
    client, operator, staffer, summit, member
):
    draft = event_create(
        actor=operator, kind="forum", title_en="Secret Draft Fair", time_zone="Asia/Seoul",
        starts_at=datetime(2026, 7, 1, 9, tzinfo=SEOUL),
        ends_at=datetime(2026, 7, 1, 17, tzinfo=SEOUL),
    )  # fmt: skip
    elsewhere = Registration.objects.create(
        event=draft, user=member, status=RegistrationStatus.CONFIRMED
    )
    result = services.check_in_scan(actor=staffer, event=summit, scan=Scan(code_for(elsewhere)))
    assert (result.outcome, result.message) == (
        AttemptOutcome.OTHER_EVENT, "This code belongs to another event.",
    )  # fmt: skip
    answer = login(client, staffer).post(
        f"/api/v1/events/{summit.pk}/check-ins",
        {"code": code_for(elsewhere)},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 409 and "Secret Draft Fair" not in answer.content.decode()
    # Operators may open the draft: they are told which event it is.
    told = services.check_in_scan(actor=operator, event=summit, scan=Scan(code_for(elsewhere)))
    assert told.message == "This code belongs to another event: Secret Draft Fair."
    assert CheckIn.objects.count() == 0


def test_cancelled_registration_is_refused_with_the_reason(staffer, summit, member, member_place):
    cancel_while_open(actor=member, registration=member_place)
    result = services.check_in_scan(actor=staffer, event=summit, scan=Scan(code_for(member_place)))
    assert result.outcome == AttemptOutcome.NOT_CONFIRMED
    assert "cancelled" in result.message
    assert CheckIn.objects.count() == 0
    assert CheckInAttempt.objects.get().outcome == AttemptOutcome.NOT_CONFIRMED


def test_staff_of_another_event_cannot_check_in_here(foreign_staffer, summit, member_place):
    with pytest.raises(PermissionDenied):
        services.check_in_scan(
            actor=foreign_staffer, event=summit, scan=Scan(code_for(member_place))
        )
    assert CheckIn.objects.count() == 0


def test_participant_cannot_check_themselves_in(member, summit, member_place):
    with pytest.raises(PermissionDenied):
        services.check_in_scan(actor=member, event=summit, scan=Scan(code_for(member_place)))
    assert CheckIn.objects.count() == 0


def test_offline_replay_with_duplicates_and_out_of_order(
    staffer, operator, summit, member_place, other_place
):
    mine, theirs = code_for(member_place), code_for(other_place)
    # The operator's online desk admitted the member at 10:07 ...
    services.check_in_scan(actor=operator, event=summit, scan=Scan(mine, "online-1", _at(10, 7)))
    # ... while the offline desk had scanned them at 10:01 and the other member twice.
    queue = [
        Scan(theirs, "q-3", _at(10, 4)),
        Scan(mine, "q-1", _at(10, 1)),
        Scan(theirs, "q-2", _at(10, 3)),
        Scan(theirs, "q-2", _at(10, 3)),  # the same scan queued twice
    ]
    results = services.check_in_batch(actor=staffer, event=summit, scans=queue)
    # The operator's admission stands (a late scan never rewrites it); within the queue the
    # earliest scan of the other member admits them.
    assert [r.outcome for r in results] == ["already", "already", "admitted", "admitted"]
    assert [r.client_scan_id for r in results] == ["q-3", "q-1", "q-2", "q-2"]
    times = {
        c.registration_id: (c.checked_in_at, c.client_scan_id, c.checked_in_by)
        for c in CheckIn.objects.all()
    }
    assert times == {
        member_place.pk: (_at(10, 7), "online-1", operator),
        other_place.pk: (_at(10, 3), "q-2", staffer),
    }
    # Replaying the whole queue again changes nothing.
    again = services.check_in_batch(actor=staffer, event=summit, scans=queue)
    assert [r.outcome for r in again] == ["already", "already", "admitted", "admitted"]
    assert CheckIn.objects.count() == 2


def test_a_replayed_earlier_time_never_rewrites_an_admission(
    staffer, operator, summit, member_place
):
    code = code_for(member_place)
    services.check_in_scan(actor=operator, event=summit, scan=Scan(code, "first", _at(10, 30)))
    forged = services.check_in_batch(
        actor=staffer, event=summit, scans=[Scan(code, "forged", _at(9, 1))]
    )
    assert forged[0].outcome == AttemptOutcome.ALREADY
    assert forged[0].message == "Already checked in at 10:30 by Op Erator."
    stored = CheckIn.objects.get()
    assert (stored.checked_in_at, stored.checked_in_by, stored.client_scan_id) == (
        _at(10, 30), operator, "first",
    )  # fmt: skip


@pytest.mark.parametrize(
    "claimed",
    [
        datetime(1, 1, 1, tzinfo=SEOUL),  # stored as a BC timestamp PostgreSQL cannot return
        datetime(1970, 1, 1, tzinfo=timezone.get_fixed_timezone(0)),
        datetime(2026, 5, 10, 9, tzinfo=SEOUL),  # two days before the summit
    ],
)
def test_a_scan_time_outside_the_events_days_is_the_servers(staffer, summit, member_place, claimed):
    before = timezone.now()
    results = services.check_in_batch(
        actor=staffer, event=summit, scans=[Scan(code_for(member_place), "x", claimed)]
    )
    assert results[0].outcome == AttemptOutcome.ADMITTED
    stored = CheckIn.objects.get().checked_in_at
    assert before <= stored <= timezone.now()


def test_a_scan_time_within_a_day_of_the_event_is_believed(
    staffer, summit, member_place, monkeypatch
):
    evening_before = datetime(2026, 5, 11, 18, tzinfo=SEOUL)
    monkeypatch.setattr(timezone, "now", lambda: _at(12, 0))
    services.check_in_batch(
        actor=staffer, event=summit, scans=[Scan(code_for(member_place), "x", evening_before)]
    )
    assert CheckIn.objects.get().checked_in_at == evening_before


def test_stored_times_outside_the_event_are_repaired_and_the_desk_reads_them(
    client, staffer, summit, member_place, other_place
):
    from django.apps import apps
    from django.db import connection

    services.check_in_scan(actor=staffer, event=summit, scan=Scan(code_for(member_place), "a"))
    services.check_in_scan(actor=staffer, event=summit, scan=Scan(code_for(other_place), "b"))
    mine = CheckIn.objects.get(registration=member_place)
    recorded = {c.pk: c.recorded_at for c in CheckIn.objects.all()}
    CheckIn.objects.filter(registration=other_place).update(
        checked_in_at=datetime(1970, 1, 1, tzinfo=SEOUL)
    )
    if connection.vendor == "postgresql":  # what the unbounded desk stored: a BC timestamp
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE onsite_checkin SET checked_in_at = '0001-01-01 00:00:00+09' WHERE id = %s",
                [mine.pk],
            )
    else:
        CheckIn.objects.filter(pk=mine.pk).update(checked_in_at=datetime(1, 1, 2, tzinfo=SEOUL))
    repair = importlib.import_module(
        "yeongilman.onsite.migrations.0003_check_in_times_within_the_event"
    ).check_in_times_bounded
    assert repair(apps, None) == 2
    assert {c.pk: c.checked_in_at for c in CheckIn.objects.all()} == recorded
    assert repair(apps, None) == 0
    login(client, staffer)
    assert client.get(f"/en/onsite/{summit.slug}/check-in/").status_code == 200
    assert client.get("/en/privacy/my-data/download/?format=json").status_code == 200


def test_a_scan_time_in_the_future_is_taken_as_now(staffer, summit, member_place):
    later = timezone.now() + timedelta(days=3)
    services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code_for(member_place), "x", later)
    )
    assert CheckIn.objects.get().checked_in_at <= timezone.now()


def test_batch_has_a_limit(staffer, summit):
    with pytest.raises(ValidationFailed):
        services.check_in_batch(
            actor=staffer, event=summit, scans=[Scan("x")] * (services.MAX_BATCH + 1)
        )


def test_session_check_in_is_separate_from_the_entrance(staffer, summit, keynote, member_place):
    code = code_for(member_place)
    entrance = services.check_in_scan(actor=staffer, event=summit, scan=Scan(code, "e"))
    talk = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code, "k"), session_id=keynote.pk
    )
    again = services.check_in_scan(
        actor=staffer, event=summit, scan=Scan(code, "k2"), session_id=keynote.pk
    )
    assert (entrance.outcome, talk.outcome, again.outcome) == ("admitted", "admitted", "already")
    counts = selectors.attendance_counts(summit, now=_at(12, 0))
    assert [(s.id, s.checked_in) for s in counts.sessions] == [(keynote.pk, 1)]
    assert counts.checked_in == 1


def test_walk_in_gets_a_confirmed_place_and_is_checked_in(staffer, summit):
    result = services.walk_in_register(
        actor=staffer, event=summit, full_name="Jane Walker", email="Jane@Example.com",
        organisation_name="Pohang Robotics",
    )  # fmt: skip
    registration = Registration.objects.get(event=summit, user__email="jane@example.com")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.user.full_name == "Jane Walker"
    assert not registration.user.has_usable_password()
    assert result.outcome == AttemptOutcome.ADMITTED
    check_in = CheckIn.objects.get(registration=registration)
    assert (check_in.method, check_in.organisation_name) == (
        CheckInMethod.WALK_IN,
        "Pohang Robotics",
    )
    assert AuditEntry.objects.filter(action="walk_in_registered").count() == 1


def test_walk_in_of_a_known_address_reuses_their_account(staffer, summit, member, member_place):
    result = services.walk_in_register(
        actor=staffer, event=summit, full_name="Someone", email=member.email
    )
    assert result.registration == member_place
    assert Registration.objects.filter(event=summit).count() == 1


def test_walk_in_needs_a_name_and_a_valid_address(staffer, summit):
    with pytest.raises(ValidationFailed) as caught:
        services.walk_in_register(actor=staffer, event=summit, full_name=" ", email="nope")
    assert set(caught.value.field_errors) == {"full_name", "email"}
    assert Registration.objects.filter(event=summit).count() == 0


def test_counts_and_ids_other_apps_read(staffer, summit, member_place, other_place):
    services.check_in_scan(actor=staffer, event=summit, scan=Scan(code_for(member_place)))
    assert selectors.checked_in_registration_ids(summit) == {member_place.pk}
    during = selectors.attendance_counts(summit, now=_at(12, 0))
    assert (during.registered, during.checked_in, during.not_arrived, during.no_show) == (
        2,
        1,
        1,
        0,
    )
    after = selectors.attendance_counts(summit, now=_at(19, 0))
    assert (after.not_arrived, after.no_show, after.ended) == (0, 1, True)


def test_only_operators_name_staff(staffer, summit, member):
    with pytest.raises(PermissionDenied):
        services.staff_add(actor=staffer, event=summit, email=member.email)
    assert list(selectors.staff_of(summit).values_list("user__email", flat=True)) == [
        "desk@example.org"
    ]


def test_operator_removes_staff_and_they_lose_the_desk(operator, staffer, summit, member_place):
    staff = selectors.staff_of(summit).get()
    services.staff_remove(actor=operator, event=summit, staff_id=staff.pk)
    with pytest.raises(PermissionDenied):
        services.check_in_scan(actor=staffer, event=summit, scan=Scan(code_for(member_place)))


def test_staff_must_have_an_account(operator, summit):
    with pytest.raises(ValidationFailed):
        services.staff_add(actor=operator, event=summit, email="nobody@example.org")


def test_a_walk_in_never_restores_a_cancelled_registration(
    client, staffer, summit, member, member_place
):
    cancel_while_open(actor=member, registration=member_place)
    with pytest.raises(Conflict) as refused:
        services.walk_in_register(
            actor=staffer, event=summit, full_name="김회원", email=member.email
        )
    assert refused.value.message == (
        "This registration was cancelled; only an operator can restore it."
    )
    member_place.refresh_from_db()
    assert member_place.status == RegistrationStatus.CANCELLED
    assert not CheckIn.objects.exists()
    page = login(client, staffer).post(
        f"/en/onsite/{summit.slug}/check-in/walk-in/",
        {"full_name": "Kim", "email": member.email, "organisation": ""},
    )
    assert page.status_code == 422 and "only an operator can restore" in page.content.decode()
    member_place.refresh_from_db()
    assert member_place.status == RegistrationStatus.CANCELLED


def test_a_walk_in_respects_the_capacity(staffer, operator, summit, member_place):
    summit.capacity = 1
    summit.save(update_fields=["capacity"])
    with pytest.raises(Conflict) as refused:
        services.walk_in_register(
            actor=staffer, event=summit, full_name="Late Comer", email="late@example.org"
        )
    assert "full (1 places)" in refused.value.message
    assert not Registration.objects.filter(user__email="late@example.org").exists()
    assert not User.objects.filter(email="late@example.org").exists()
    with pytest.raises(Conflict):  # operators too: they raise the capacity first
        services.walk_in_register(
            actor=operator, event=summit, full_name="Late Comer", email="late@example.org"
        )
    assert Registration.objects.filter(event=summit).count() == 1


def test_an_operator_at_the_desk_may_restore_a_cancelled_place_with_room(
    operator, summit, member, member_place
):
    cancel_while_open(actor=member, registration=member_place)
    result = services.walk_in_register(
        actor=operator, event=summit, full_name="김회원", email=member.email
    )
    member_place.refresh_from_db()
    assert (result.outcome, member_place.status) == (
        AttemptOutcome.ADMITTED, RegistrationStatus.CONFIRMED,
    )  # fmt: skip
