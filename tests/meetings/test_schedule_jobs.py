"""Scheduler runs as jobs: one run per day at a time, lost runs fail after the lease, a mail
server that is down never fails a run."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.utils import timezone

from tests.conftest import login
from tests.events.test_services import _accepted
from yeongilman.core.errors import Conflict
from yeongilman.jobs.models import Job, JobStatus
from yeongilman.jobs.services import jobs_reap
from yeongilman.meetings.services import schedule_start
from yeongilman.outbox.models import Mail, MailStatus


class BrokenSMTP:
    """An e-mail backend whose server is unreachable."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


def _lose_worker(job: Job, seconds_ago: int) -> None:
    """What a worker killed with `kill -9` leaves: a running job whose heartbeat stopped."""
    beat = timezone.now() - timedelta(seconds=seconds_ago)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, started_at=beat, heartbeat_at=beat
    )


def test_a_second_run_for_the_same_day_is_refused_while_one_is_queued(b2b_day, operator):
    first = schedule_start(actor=operator, event=b2b_day)
    with pytest.raises(Conflict) as refused:
        schedule_start(actor=operator, event=b2b_day)
    assert refused.value.extra == {"job": first.pk}
    assert Job.objects.filter(scope=f"event:{b2b_day.pk}").count() == 1


def test_the_api_answers_409_with_the_running_job(client, b2b_day, operator):
    login(client, operator)
    url = f"/api/v1/events/{b2b_day.pk}/schedule"
    first = client.post(url, {"keep_confirmed": True}, content_type="application/json")
    assert first.status_code == 202
    second = client.post(url, {"keep_confirmed": True}, content_type="application/json")
    assert second.status_code == 409
    assert second.json()["job"] == first.json()["job"]


def test_a_run_whose_worker_died_fails_after_the_lease_and_frees_the_day(
    settings, b2b_day, operator
):
    settings.YV_JOB_LEASE_SECONDS = 60
    operator.language = "en"  # the job's error is written in the language of who started it
    operator.save()
    run = schedule_start(actor=operator, event=b2b_day)
    _lose_worker(run, seconds_ago=30)
    assert jobs_reap() == 0  # still inside the lease: it may be working
    with pytest.raises(Conflict):
        schedule_start(actor=operator, event=b2b_day)
    _lose_worker(run, seconds_ago=61)
    assert jobs_reap() == 1
    run.refresh_from_db()
    assert run.status == "failed" and run.finished_at
    assert run.error == "The worker running this job stopped (no heartbeat for 60 seconds)."
    again = schedule_start(actor=operator, event=b2b_day)  # the day is free again
    assert again.status == "queued"


def test_reading_a_lost_run_reaps_it_so_its_page_stops_polling(client, settings, b2b_day, operator):
    settings.YV_JOB_LEASE_SECONDS = 60
    run = schedule_start(actor=operator, event=b2b_day)
    _lose_worker(run, seconds_ago=120)
    login(client, operator)
    answer = client.get(f"/api/v1/jobs/{run.pk}").json()
    assert answer["status"] == "failed" and answer["error"]
    page = client.get(f"/en/events/{b2b_day.slug}/b2b/runs/{run.pk}/").content.decode()
    main = page[page.index("<main") : page.index("</main>")]  # the header polls for messages
    assert "hx-trigger" not in main and "Failed" in main


def test_an_unreachable_mail_server_never_fails_the_run(
    settings,
    registrations,
    startup_user,
    investor_user,
    b2b_day,
    operator,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.meetings.test_schedule_jobs.BrokenSMTP"
    request = _accepted(registrations, startup_user, investor_user, b2b_day)
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule_start(actor=operator, event=b2b_day)
    run.refresh_from_db()
    request.refresh_from_db()
    assert run.status == "done" and run.result["scheduled"] == 1
    assert request.confirmed and request.slot is not None
    changed = Mail.objects.filter(tag="events.schedule_changed")
    assert {m.to_address for m in changed} == {startup_user.email, investor_user.email}
    assert all(m.status == MailStatus.QUEUED and m.attempts == 1 for m in changed)
    assert all("SMTPServerDisconnected" in m.last_error for m in changed)
