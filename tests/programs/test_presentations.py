"""Presentation stages: panels of the stage's reviewers, slots with a buffer, the schedule
(nobody twice at once, unavailable times and conflicts respected), the applicant's agenda
and calendar feed, and the panel's reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation

from tests.factories import make_organisation, make_user
from tests.programs.conftest import GO_AHEAD
from yeongilman.core.errors import ValidationFailed
from yeongilman.core.models import AuditEntry
from yeongilman.outbox.models import Mail
from yeongilman.programs import selectors
from yeongilman.programs.models import (
    Application,
    Conflict,
    PresentationSlot,
    Review,
    Stage,
)
from yeongilman.programs.services import presentations as presenting
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import stages as stage_services

DAY = datetime(2027, 3, 2, 0, 0, tzinfo=UTC)  # 09:00 in Seoul


def presentation_stage(operator, call, apps_count, members, reviewers) -> tuple[Stage, list]:
    """A call whose first stage has been passed by `apps_count` applicants, now in a
    presentation stage whose pool is `reviewers`."""
    first = call.stages.get()
    stage_services.stage_save(actor=operator, call=call, stage=first,
                              values={"name_en": "Documents", "cutoff": "none"})  # fmt: skip
    second = stage_services.stage_save(actor=operator, call=call, values={
        "name_ko": "발표평가", "name_en": "Presentation", "cutoff": "none"})  # fmt: skip
    apps = []
    for i in range(apps_count):
        org = make_organisation(operator, members=members, name_en=f"Startup {i}",
                                city="Pohang")  # fmt: skip
        apps.append(Application.objects.create(
            call=call, organisation=org, status="submitted", submitted_at=timezone.now(),
            receipt_number=f"R-{i:03d}"))  # fmt: skip
    for app in apps:
        stage_services.stage_decide(actor=operator, stage=first, application=app, advance=True,
                                    reason="Strong")  # fmt: skip
    stage_services.stage_advance(actor=operator, stage=first, **GO_AHEAD)
    review_services.pool_set(actor=operator, call=call, stage=second,
                             entries={r.pk: [] for r in reviewers})  # fmt: skip
    second.refresh_from_db()
    return second, [Application.objects.get(pk=a.pk) for a in apps]


@pytest.fixture
def judges(db):
    return [make_user(f"judge{i}@example.org", is_reviewer=True, language="en") for i in range(4)]


def _overlaps(a, b) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def test_panels_take_only_the_stages_reviewers_each_on_one_panel(operator, ces_call, member,
                                                                   judges, reviewer):  # fmt: skip
    stage, _apps = presentation_stage(operator, ces_call, 1, (member,), judges)
    presenting.panel_save(actor=operator, stage=stage, name="A", member_ids=[judges[0].pk])
    with pytest.raises(ValidationFailed) as outsider:
        presenting.panel_save(actor=operator, stage=stage, name="B", member_ids=[reviewer.pk])
    assert "members" in outsider.value.field_errors
    with pytest.raises(ValidationFailed) as twice, translation.override("en"):
        presenting.panel_save(actor=operator, stage=stage, name="B", member_ids=[judges[0].pk])
    assert twice.value.field_errors["members"] == ["A reviewer sits on one panel of a stage only."]
    assert stage.panels.count() == 1


def test_slots_are_spaced_by_the_buffer_and_never_overlap_the_panels_own(
    operator, ces_call, member, judges
):
    stage, _apps = presentation_stage(operator, ces_call, 1, (member,), judges)
    panel = presenting.panel_save(actor=operator, stage=stage, name="A", member_ids=[judges[0].pk])
    slots = presenting.presentation_slots_define(
        actor=operator, panel=panel, first_start=DAY, minutes=20, count=3, buffer_minutes=10,
        room="Room 301",
    )  # fmt: skip
    assert [s.starts_at - DAY for s in slots] == [timedelta(0), timedelta(minutes=30),
                                                    timedelta(minutes=60)]  # fmt: skip
    with pytest.raises(ValidationFailed):
        presenting.presentation_slots_define(actor=operator, panel=panel,
                                             first_start=DAY + timedelta(minutes=45), minutes=20,
                                             count=1, room="Room 301")  # fmt: skip
    with pytest.raises(ValidationFailed):  # neither a room nor a video link
        presenting.presentation_slots_define(actor=operator, panel=panel,
                                             first_start=DAY + timedelta(hours=5), minutes=20,
                                             count=1)  # fmt: skip
    assert PresentationSlot.objects.count() == 3


def test_scheduling_books_nobody_twice_and_respects_unavailable_times(
    operator, ces_call, member, judges, django_capture_on_commit_callbacks
):
    stage, apps = presentation_stage(operator, ces_call, 6, (member,), judges)
    a = presenting.panel_save(actor=operator, stage=stage, name="A",
                              member_ids=[judges[0].pk, judges[1].pk])  # fmt: skip
    b = presenting.panel_save(actor=operator, stage=stage, name="B",
                              member_ids=[judges[2].pk, judges[3].pk])  # fmt: skip
    for panel, room, link in ((a, "301", ""), (b, "", "https://meet.example.org/b")):
        presenting.presentation_slots_define(actor=operator, panel=panel, first_start=DAY,
                                             minutes=20, count=4, buffer_minutes=5, room=room,
                                             video_link=link)  # fmt: skip
    # The first applicant cannot come in the first hour; judge 0 is away for the first slot.
    presenting.unavailability_set(actor=member, stage=stage, application=apps[0],
                                  periods=[(DAY, DAY + timedelta(hours=1))])  # fmt: skip
    presenting.unavailability_set(actor=judges[0], stage=stage,
                                  periods=[(DAY, DAY + timedelta(minutes=20))])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        result = presenting.presentations_schedule(actor=operator, stage=stage)
    assert sorted(result.placed) == sorted(a.pk for a in apps) and result.unplaced == {}
    slots = list(PresentationSlot.objects.filter(application__isnull=False))
    assert len({s.application_id for s in slots}) == 6 == len(slots)
    first = next(s for s in slots if s.application_id == apps[0].pk)
    assert first.starts_at >= DAY + timedelta(hours=1)
    assert not PresentationSlot.objects.filter(panel=a, starts_at=DAY,
                                               application__isnull=False).exists()  # fmt: skip
    for one in slots:  # a panel (so each of its members) hears one applicant at a time
        assert not any(
            _overlaps(one, other) and one.panel_id == other.panel_id
            for other in slots if other.pk != one.pk
        )  # fmt: skip
    # Each panel member reviews the applicants they hear, on the stage's form.
    for slot in slots:
        members = set(slot.panel.members.values_list("pk", flat=True))
        assert set(
            Review.objects.filter(application=slot.application, stage=stage)
            .values_list("reviewer_id", flat=True)
        ) == members  # fmt: skip
    assert Mail.objects.filter(tag="programs/email/presentation_slot.txt").count() == 6
    assert AuditEntry.objects.get(action="presentations_scheduled").details["placed"] == 6


def test_an_applicant_is_never_heard_by_a_panel_with_a_conflicted_member(
    operator, ces_call, member, judges
):
    stage, apps = presentation_stage(operator, ces_call, 2, (member,), judges)
    a = presenting.panel_save(actor=operator, stage=stage, name="A", member_ids=[judges[0].pk])
    b = presenting.panel_save(actor=operator, stage=stage, name="B", member_ids=[judges[1].pk])
    for panel in (a, b):
        presenting.presentation_slots_define(actor=operator, panel=panel, first_start=DAY,
                                             minutes=20, count=2, room="301")  # fmt: skip
    Conflict.objects.create(reviewer=judges[0], organisation=apps[0].organisation)
    Conflict.objects.create(reviewer=judges[1], organisation=apps[1].organisation)
    presenting.presentations_schedule(actor=operator, stage=stage)
    assert PresentationSlot.objects.get(application=apps[0]).panel == b
    assert PresentationSlot.objects.get(application=apps[1]).panel == a


def test_who_cannot_be_placed_is_named_with_the_reason_and_nothing_else_moves(
    operator, ces_call, member, judges
):
    stage, apps = presentation_stage(operator, ces_call, 3, (member,), judges)
    panel = presenting.panel_save(actor=operator, stage=stage, name="A", member_ids=[judges[0].pk])
    presenting.presentation_slots_define(actor=operator, panel=panel, first_start=DAY,
                                         minutes=20, count=2, room="301")  # fmt: skip
    result = presenting.presentations_schedule(actor=operator, stage=stage)
    assert len(result.placed) == 2 and len(result.unplaced) == 1
    kept = dict(PresentationSlot.objects.values_list("pk", "application_id"))
    again = presenting.presentations_schedule(actor=operator, stage=stage)  # keeps the placed
    assert again.placed == {} and dict(
        PresentationSlot.objects.values_list("pk", "application_id")
    ) == kept  # fmt: skip


def test_the_applicant_sees_the_slot_on_my_agenda_and_in_the_feed(
    client, operator, ces_call, member, judges
):
    from tests.conftest import login
    from yeongilman.events.services import calendar_token_for

    stage, apps = presentation_stage(operator, ces_call, 1, (member,), judges)
    panel = presenting.panel_save(actor=operator, stage=stage, name="Panel A",
                                  member_ids=[judges[0].pk])  # fmt: skip
    presenting.presentation_slots_define(actor=operator, panel=panel, first_start=DAY,
                                         minutes=20, count=1,
                                         video_link="https://meet.example.org/a")  # fmt: skip
    presenting.presentations_schedule(actor=operator, stage=stage)
    assert [s.application_id for s in selectors.presentation_slots_for_applicant(member)] == [
        apps[0].pk
    ]
    login(client, member)
    page = client.get("/en/events/agenda/").content.decode()
    assert "Panel A" in page and "https://meet.example.org/a" in page
    feed = client.get(f"/en/events/calendar/{calendar_token_for(member)}.ics").content.decode()
    assert "Panel A" in feed and "meet.example.org/a" in feed


def test_scheduling_is_for_operators_and_open_stages(operator, member, ces_call, judges):
    stage, _apps = presentation_stage(operator, ces_call, 1, (member,), judges)
    from yeongilman.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        presenting.presentations_schedule(actor=member, stage=stage)
    with pytest.raises(ValidationFailed):  # no panels yet
        presenting.presentations_schedule(actor=operator, stage=stage)


def test_the_schedule_runs_as_a_job_and_one_run_at_a_time(
    operator, ces_call, member, judges, django_capture_on_commit_callbacks
):
    from yeongilman.core.errors import Conflict
    from yeongilman.jobs.models import Job

    stage, apps = presentation_stage(operator, ces_call, 2, (member,), judges)
    panel = presenting.panel_save(actor=operator, stage=stage, name="A", member_ids=[judges[0].pk])
    presenting.presentation_slots_define(actor=operator, panel=panel, first_start=DAY,
                                         minutes=20, count=2, room="301")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=False):
        job = presenting.presentations_schedule_start(actor=operator, stage=stage)
        with pytest.raises(Conflict):  # the first is still queued
            presenting.presentations_schedule_start(actor=operator, stage=stage)
    from yeongilman.jobs.services import job_run

    job_run(job.pk, presenting.presentations_execute)
    job = Job.objects.get(pk=job.pk)
    assert job.status == "done" and len(job.result["placed"]) == 2
    assert PresentationSlot.objects.filter(application__isnull=False).count() == 2
