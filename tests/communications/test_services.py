"""Organiser communications: segments, per-language mails, scheduled sends, reminders once,
expiry, what-changed mails and the placeholder whitelist."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.communications.conftest import TEXTS
from yeongilman.communications import selectors, services
from yeongilman.communications.models import Delivery, Message, MessageStatus, Segment
from yeongilman.communications.services import messages as message_services
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.directory.models import Person
from yeongilman.events.models import Exhibitor
from yeongilman.events.services import registration_cancel, registration_create
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.meetings.services import meeting_move, meeting_request_respond, meeting_request_send
from yeongilman.outbox.models import Mail


def _emails(users) -> set[str]:
    return {u.email for u in users}


@pytest.fixture
def world(
    registrations, third_registration, pending_request, startup_user, investor_user, third_user,
    b2b_day, battery_startup, db,
):  # fmt: skip
    from tests.factories import make_user

    gone = make_user("gone@example.org", full_name="Gone")
    registration_create(actor=gone, event=b2b_day)
    registration_cancel(actor=gone, registration=b2b_day.registrations.get(user=gone))
    Person.objects.create(name_ko="김회원", user=startup_user)
    return b2b_day


def test_segments_pick_the_right_people(world, startup_user, investor_user, third_user):
    def seg(name: str) -> set[str]:
        return _emails(selectors.segment_users(world, name))

    everyone = _emails([startup_user, investor_user, third_user])
    assert seg(Segment.ALL) == everyone  # the cancelled registration is left out
    assert seg(Segment.CONFIRMED) == everyone
    assert seg(Segment.WITHOUT_REQUESTS) == {third_user.email}
    assert seg(Segment.PENDING_REQUESTS) == {startup_user.email, investor_user.email}
    # Only the Korean member has a directory entry and a name.
    assert seg(Segment.EMPTY_PROFILE) == {investor_user.email, third_user.email}
    assert seg(Segment.EXHIBITORS) == set()


def test_exhibitors_segment_is_the_exhibiting_organisations_people(
    world, battery_startup, startup_user
):
    Exhibitor.objects.create(event=world, organisation=battery_startup, booth="A1")
    assert _emails(selectors.segment_users(world, Segment.EXHIBITORS)) == {startup_user.email}


def test_no_shows_without_check_in_are_people_of_a_past_event_without_a_held_meeting(
    world, monkeypatch, operator, investor_user, third_user, pending_request
):
    monkeypatch.setattr(selectors, "checked_in_ids", lambda event: None)
    assert selectors.segment_users(world, Segment.NO_SHOWS).count() == 0  # not over yet
    meeting_request_respond(actor=investor_user, request=pending_request, accept=True)
    meeting_move(actor=operator, request=pending_request, slot=world.slots.first())
    past = timezone.now() - timedelta(days=1)
    type(world).objects.filter(pk=world.pk).update(
        starts_at=past - timedelta(hours=8), ends_at=past
    )
    world.refresh_from_db()
    assert _emails(selectors.segment_users(world, Segment.NO_SHOWS)) == {third_user.email}


def test_no_shows_with_check_in_are_confirmed_people_not_checked_in(
    world, monkeypatch, registrations, third_user, investor_user
):
    startup, _investor = registrations
    monkeypatch.setattr(selectors, "checked_in_ids", lambda event: {startup.pk})
    assert selectors.segment_users(world, Segment.NO_SHOWS).count() == 0  # not started yet
    past = timezone.now() - timedelta(days=1)
    type(world).objects.filter(pk=world.pk).update(
        starts_at=past - timedelta(hours=8), ends_at=past
    )
    world.refresh_from_db()
    assert _emails(selectors.segment_users(world, Segment.NO_SHOWS)) == {
        investor_user.email, third_user.email,
    }  # fmt: skip


def test_each_person_gets_the_message_in_their_language(
    world, operator, startup_user, investor_user, django_capture_on_commit_callbacks
):
    message = services.message_create(
        actor=operator, event=world, segment=Segment.PENDING_REQUESTS, texts=TEXTS
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(actor=operator, message=message)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    mails = {m.to_address: m for m in Mail.objects.filter(tag="communications.custom")}
    korean, english = mails[startup_user.email], mails[investor_user.email]
    assert (korean.language, korean.subject) == ("ko", "CES 2027 포항관 B2B 상담회 안내")
    assert korean.body == "김회원님, 내일 뵙겠습니다."
    assert (english.language, english.subject) == ("en", "About CES 2027 Pohang Pavilion B2B Day")
    assert english.body == "Dear Other Member, see you tomorrow."
    assert {d.user_id for d in message.deliveries.all()} == {startup_user.pk, investor_user.pk}


def test_a_language_left_empty_falls_back_to_the_other(
    world, operator, investor_user, django_capture_on_commit_callbacks
):
    texts = dict(TEXTS, subject_en="", body_en="")
    message = services.message_create(
        actor=operator, event=world, segment=Segment.PENDING_REQUESTS, texts=texts
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(actor=operator, message=message)
    mail = Mail.objects.get(to_address=investor_user.email, tag="communications.custom")
    assert mail.body == "Other Member님, 내일 뵙겠습니다."


def test_preview_counts_recipients_and_renders_one(world, operator, startup_user):
    mails_before = Mail.objects.count()
    preview = services.message_preview(
        actor=operator, event=world, segment=Segment.CONFIRMED, texts=TEXTS
    )
    assert preview.count == 3
    assert (preview.recipient, preview.language) == ("김회원", "ko")
    assert preview.body == "김회원님, 내일 뵙겠습니다."
    english = services.message_preview(
        actor=operator, event=world, segment=Segment.CONFIRMED, texts=TEXTS, language="en"
    )
    assert english.subject == "About CES 2027 Pohang Pavilion B2B Day"
    assert Mail.objects.count() == mails_before


def test_only_operators_compose(world, startup_user):
    with pytest.raises(PermissionDenied):
        services.message_create(actor=startup_user, event=world, segment="all", texts=TEXTS)
    assert Message.objects.count() == 0


def test_a_scheduled_message_goes_out_when_it_is_due_and_once(
    world, operator, django_capture_on_commit_callbacks
):
    message = services.message_create(actor=operator, event=world, segment="all", texts=TEXTS)
    later = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(actor=operator, message=message, send_at=later)
    message.refresh_from_db()
    assert (message.status, message.send_at) == (MessageStatus.SCHEDULED, later)
    assert services.messages_due() == 0
    assert not Mail.objects.filter(tag="communications.custom").exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.messages_due(now=later + timedelta(minutes=1)) == 1
        assert services.messages_due(now=later + timedelta(minutes=2)) == 0
        assert services.message_deliver(message.pk, now=later + timedelta(minutes=3)) == 0
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert Mail.objects.filter(tag="communications.custom").count() == 3
    with pytest.raises(Conflict):
        services.message_send(actor=operator, message=message)


def test_a_scheduled_message_is_queued_to_run_after_its_time(
    world, operator, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(
        message_services, "_enqueue_send", lambda pk, run_after: queued.append(run_after)
    )
    message = services.message_create(actor=operator, event=world, segment="all", texts=TEXTS)
    later = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(actor=operator, message=message, send_at=later)
        assert queued == []  # only once the change is committed
    assert queued == [later]


def test_a_cancelled_message_never_goes_out(world, operator):
    mails_before = Mail.objects.count()
    message = services.message_create(actor=operator, event=world, segment="all", texts=TEXTS)
    later = timezone.now() + timedelta(hours=1)
    services.message_send(actor=operator, message=message, send_at=later)
    services.message_cancel(actor=operator, message=message)
    assert services.messages_due(now=later + timedelta(hours=1)) == 0
    assert Mail.objects.count() == mails_before


def _scheduled_meeting(operator, investor_user, pending_request, b2b_day, slot_index=0):
    meeting_request_respond(actor=investor_user, request=pending_request, accept=True)
    slot = list(b2b_day.slots.all())[slot_index]
    meeting_move(actor=operator, request=pending_request, slot=slot, table=2)
    pending_request.refresh_from_db()
    return pending_request


def test_a_reminder_goes_once_per_meeting_and_person(
    world, operator, investor_user, startup_user, pending_request
):
    meeting = _scheduled_meeting(operator, investor_user, pending_request, world)
    start = meeting.slot.starts_at
    assert services.reminders_send(now=start - timedelta(hours=2)) == 0  # 1 hour by default
    assert services.reminders_send(now=start - timedelta(minutes=50)) == 2
    assert services.reminders_send(now=start - timedelta(minutes=45)) == 0  # ran twice
    reminders = {m.to_address: m for m in Mail.objects.filter(tag="communications.reminder")}
    assert set(reminders) == {startup_user.email, investor_user.email}
    english = reminders[investor_user.email].body
    assert "Your meeting with 김회원 (영일만배터리) starts soon." in english  # the partner
    assert "Time: 2027-01-06 12:00 EST (Eastern Time)\n" in english  # their zone (New York)
    assert "Event time: 2027-01-06 09:00 PST (Pacific Time)\nWhere: Table 2" in english
    assert Delivery.objects.filter(key__startswith="reminder:").count() == 2


def test_a_moved_meeting_is_reminded_again_at_its_new_time(
    world, operator, investor_user, pending_request
):
    meeting = _scheduled_meeting(operator, investor_user, pending_request, world)
    assert services.reminders_send(now=meeting.slot.starts_at - timedelta(minutes=30)) == 2
    meeting_move(actor=operator, request=meeting, slot=list(world.slots.all())[3], table=1)
    meeting.refresh_from_db()
    assert services.reminders_send(now=meeting.slot.starts_at - timedelta(minutes=30)) == 2


def test_reminders_follow_the_event_settings(world, operator, investor_user, pending_request):
    meeting = _scheduled_meeting(operator, investor_user, pending_request, world)
    services.comms_settings_update(actor=operator, event=world, reminder_minutes_before=1440)
    assert services.reminders_send(now=meeting.slot.starts_at - timedelta(hours=20)) == 2
    other = services.comms_settings_update(actor=operator, event=world, reminders_enabled=False)
    assert other.reminders_enabled is False
    with pytest.raises(ValidationFailed):
        services.comms_settings_update(actor=operator, event=world, reminder_minutes_before=7)


def test_an_expired_request_frees_both_sides_and_tells_both(
    world, operator, startup_user, investor_user, pending_request, registrations
):
    services.comms_settings_update(
        actor=operator, event=world, expiry_enabled=True, expire_after_days=5
    )
    now = timezone.now()
    MeetingRequest.objects.filter(pk=pending_request.pk).update(created_at=now - timedelta(days=6))
    assert services.requests_expire(now=now) == 1
    assert services.requests_expire(now=now) == 0  # twice: nothing more
    pending_request.refresh_from_db()
    assert pending_request.status == RequestStatus.CANCELLED
    assert (pending_request.slot, pending_request.table) == (None, None)
    expired = {m.to_address: m for m in Mail.objects.filter(tag="communications.expiry")}
    assert set(expired) == {startup_user.email, investor_user.email}
    assert "5 days" in expired[investor_user.email].body
    # The pair may ask again: neither side is held by the expired request.
    _startup, investor = registrations
    again = meeting_request_send(actor=startup_user, event=world, recipient=investor)
    assert again.status == RequestStatus.REQUESTED


def test_a_fresh_or_answered_request_does_not_expire(
    world, operator, investor_user, pending_request
):
    services.comms_settings_update(actor=operator, event=world, expiry_enabled=True)
    assert services.requests_expire(now=timezone.now() + timedelta(days=6)) == 0
    meeting_request_respond(actor=investor_user, request=pending_request, accept=True)
    assert services.requests_expire(now=timezone.now() + timedelta(days=30)) == 0
    pending_request.refresh_from_db()
    assert pending_request.status == RequestStatus.ACCEPTED


def test_the_schedule_changed_mail_says_what_changed(
    world, operator, investor_user, startup_user, pending_request,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    meeting = _scheduled_meeting(operator, investor_user, pending_request, world)
    Mail.objects.all().delete()
    slots = list(world.slots.all())
    meeting_move(actor=operator, request=meeting, slot=slots[2], table=1)
    mails = {m.to_address: m for m in Mail.objects.filter(tag="events.schedule_changed")}
    assert set(mails) == {startup_user.email, investor_user.email}
    english = mails[investor_user.email]
    assert english.subject == "CES 2027 Pohang Pavilion B2B Day: your meeting schedule changed"
    # New York: 09:00 PST is 12:00 EST, the third slot (10:00 PST) is 13:00 EST.
    assert "Meeting with 김회원 (영일만배터리): 2027-01-06 12:00 EST" in english.body
    assert "table 2 → 2027-01-06 13:00 EST" in english.body
    assert english.body.endswith(f"table 1\n\nhttp://localhost:8000/en/events/{world.slug}/b2b/")


def test_schedule_changed_mails_can_be_switched_off(
    world, operator, investor_user, pending_request
):
    meeting = _scheduled_meeting(operator, investor_user, pending_request, world)
    services.comms_settings_update(actor=operator, event=world, schedule_changed_enabled=False)
    Mail.objects.all().delete()
    meeting_move(actor=operator, request=meeting, slot=list(world.slots.all())[1], table=1)
    assert Mail.objects.count() == 0


@pytest.mark.parametrize("text", ["{nmae}", "{name.__class__}", "{name!r}", "{event:>99}", "{0}"])
def test_unknown_placeholders_are_refused_by_name(operator, db, text):
    with pytest.raises(ValidationFailed) as refused:
        services.template_save(
            actor=operator, kind="nudge", texts=dict(TEXTS, body_en=f"Hi {text}")
        )
    assert text in refused.value.message and "{name}" in refused.value.message
    assert list(refused.value.field_errors) == ["body_en"]
    from yeongilman.communications.models import MailTemplate

    assert MailTemplate.objects.count() == 0


def test_a_message_with_an_unknown_placeholder_is_refused(world, operator):
    with pytest.raises(ValidationFailed) as refused:
        services.message_create(
            actor=operator, event=world, segment="all", texts=dict(TEXTS, subject_ko="{secret}")
        )
    assert "{secret}" in refused.value.message
    assert Message.objects.count() == 0


def test_a_saved_template_is_used_and_previewed(world, operator, investor_user, pending_request):
    services.template_save(
        actor=operator, kind="reminder",
        texts={"subject_ko": "알림 {time}", "subject_en": "Soon: {partner}",
               "body_ko": "{name}님", "body_en": "Hi {name}, {partner} at {table}."},
    )  # fmt: skip
    preview = services.template_preview(actor=operator, kind="reminder", event=world)
    assert preview["en"]["subject"] == "Soon: Alex Morgan"
    assert preview["en"]["body"] == "Hi Kim Minji, Alex Morgan at Table 3."
    meeting = _scheduled_meeting(operator, investor_user, pending_request, world)
    services.reminders_send(now=meeting.slot.starts_at - timedelta(minutes=10))
    mail = Mail.objects.get(tag="communications.reminder", to_address=investor_user.email)
    assert (mail.subject, mail.body) == ("Soon: 김회원", "Hi Other Member, 김회원 at Table 2.")


def test_a_reminder_another_worker_already_sent_is_not_sent_again(
    world, operator, investor_user, startup_user, pending_request
):
    meeting = _scheduled_meeting(operator, investor_user, pending_request, world)
    start = meeting.slot.starts_at
    # A second worker running the same task has just written the investor's delivery row.
    log_row = services._automatic_log(world, "reminder")
    stamp = f"{start:%Y%m%dT%H%M}"
    Delivery.objects.create(
        message=log_row, user=investor_user, language="en",
        key=f"reminder:{meeting.pk}:{investor_user.pk}:{stamp}",
    )  # fmt: skip
    assert services.reminders_send(now=start - timedelta(minutes=30)) == 1
    sent = Mail.objects.filter(tag="communications.reminder")
    assert [m.to_address for m in sent] == [startup_user.email]


def test_a_scheduler_run_mail_says_each_meeting_moved_from_unscheduled(
    world, operator, investor_user, pending_request, django_capture_on_commit_callbacks
):
    from yeongilman.meetings.services import schedule_start

    meeting_request_respond(actor=investor_user, request=pending_request, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_start(actor=operator, event=world)
    pending_request.refresh_from_db()
    assert pending_request.slot is not None
    mail = Mail.objects.get(tag="events.schedule_changed", to_address=investor_user.email)
    assert "- Meeting with 김회원 (영일만배터리): not scheduled → 2027-01-06" in mail.body


def test_sending_to_many_people_looks_up_the_event_page_once_per_language(
    world, operator, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from tests.factories import make_user

    for n in range(10):
        registration_create(actor=make_user(f"p{n}@example.org", language="en"), event=world)
    message = services.message_create(actor=operator, event=world, segment="all", texts=TEXTS)
    services.message_send(actor=operator, message=message)
    # About nine per recipient (savepoints, the delivery, its mail); no page look-up each.
    with django_assert_max_num_queries(10 * 13 + 10):
        assert services.message_deliver(message.pk) == 13
