"""The job record: progress, cancel, lease expiry with retries, who may see it, /healthz."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import login
from yeongilman.directory.importing import import_start
from yeongilman.directory.models import Organisation
from yeongilman.jobs.models import Job, JobStatus
from yeongilman.jobs.services import (
    JobContext,
    job_cancel,
    job_enqueue,
    job_run,
    jobs_reap,
)
from yeongilman.matchmaking.services import match_index_rebuild_start

CSV = b"kind,name_en,country\nstartup,Alpha,KR\nstartup,Beta,KR\nalien,Gamma,KR\nstartup,Delta,US\n"


def test_an_import_job_reports_rows_and_chunks(operator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = import_start(actor=operator, filename="orgs.csv", data=CSV, dry_run=False)
    job.refresh_from_db()
    assert job.status == "done"
    assert (job.progress_done, job.progress_total) == (4, 4)
    assert (job.result["created"], job.result["failed"]) == (3, 1)
    assert job.result["errors"] == [
        {"line": 4, "column": "kind", "message": job.result["errors"][0]["message"]}
    ]
    assert job.result["chunks"] == [{"first_line": 2, "last_line": 5, "saved": True}]
    assert not job.files.exists()  # the upload is dropped once the job ends


def test_an_import_that_breaks_half_way_keeps_the_chunks_that_landed(
    monkeypatch, operator, django_capture_on_commit_callbacks
):
    from yeongilman.directory import importing

    real_save = importing.organisations_bulk_save
    calls = []

    def save_then_break(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_save(**kwargs)

    monkeypatch.setattr(importing, "organisations_bulk_save", save_then_break)
    monkeypatch.setattr(importing, "CHUNK_ROWS", 2)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_start(actor=operator, filename="orgs.csv", data=CSV, dry_run=False)
    job.refresh_from_db()
    assert job.status == "failed" and "disk full" in job.error
    assert sorted(Organisation.objects.values_list("name_en", flat=True)) == ["Alpha", "Beta"]
    assert job.result["chunks"] == [{"first_line": 2, "last_line": 3, "saved": True}]


def test_a_cancelled_queued_job_never_runs(operator):
    job = import_start(actor=operator, filename="orgs.csv", data=CSV, dry_run=False)
    job_cancel(actor=operator, job=job)
    job.refresh_from_db()
    assert job.status == "cancelled"
    from yeongilman.directory.importing import import_execute

    job_run(job.pk, import_execute)  # the task arrives after all
    assert not Organisation.objects.exists()
    job.refresh_from_db()
    assert job.status == "cancelled"


def test_a_running_job_stops_at_its_next_heartbeat_when_cancelled(operator):
    from yeongilman.directory.tasks import import_organisations_job

    job = job_enqueue(kind="directory.import", task=import_organisations_job, actor=operator)
    steps = []

    def work(ctx: JobContext) -> dict:
        ctx.progress(1, 3)
        steps.append(1)
        job_cancel(actor=operator, job=Job.objects.get(pk=ctx.job_id))
        ctx.progress(2, 3)  # the cancel is noticed here
        steps.append(2)
        return {}

    job_run(job.pk, work)
    job.refresh_from_db()
    assert steps == [1] and job.status == "cancelled" and job.progress_done == 1


def test_an_ended_job_cannot_be_cancelled(client, operator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = import_start(actor=operator, filename="orgs.csv", data=CSV, dry_run=True)
    login(client, operator)
    answer = client.post(f"/api/v1/jobs/{job.pk}/cancel")
    assert answer.status_code == 409 and answer.json()["detail"]


def test_a_lost_job_with_attempts_left_runs_again(settings, operator):
    settings.YV_JOB_LEASE_SECONDS = 60
    job = match_index_rebuild_start(actor=operator)  # idempotent: three attempts
    beat = timezone.now() - timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=1, heartbeat_at=beat)
    assert jobs_reap() == 1  # queued again; the immediate backend of the tests runs it at once
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2


def test_a_job_that_keeps_losing_its_worker_fails_after_its_last_attempt(settings, operator):
    settings.YV_JOB_LEASE_SECONDS = 60
    job = match_index_rebuild_start(actor=operator)
    beat = timezone.now() - timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=3, heartbeat_at=beat)
    jobs_reap()
    job.refresh_from_db()
    assert job.status == "failed" and job.attempts == 3


def test_only_the_starter_and_operators_see_a_job(client, operator, member, other_member):
    from yeongilman.directory.tasks import import_organisations_job

    job = job_enqueue(kind="directory.import", task=import_organisations_job, actor=member)
    login(client, other_member)
    assert client.get(f"/api/v1/jobs/{job.pk}").status_code == 404
    assert client.post(f"/api/v1/jobs/{job.pk}/cancel").status_code == 404
    assert Job.objects.get(pk=job.pk).status == "queued"
    login(client, member)
    assert client.get(f"/api/v1/jobs/{job.pk}").json()["status"] == "queued"
    login(client, operator)
    answer = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert set(answer) >= {"id", "kind", "status", "progress", "result", "error"}
    assert answer["progress"] == {"done": 0, "total": 0} and answer["error"] is None
    client.logout()
    assert client.get(f"/api/v1/jobs/{job.pk}").status_code == 401


def test_import_api_queues_a_job_and_refuses_bad_files_at_once(client, settings, operator):
    login(client, operator)
    from django.core.files.uploadedfile import SimpleUploadedFile

    queued = client.post(
        "/api/v1/imports/organisations",
        {"file": SimpleUploadedFile("orgs.csv", CSV), "dry_run": "true"},
    )
    assert queued.status_code == 202 and Job.objects.get(pk=queued.json()["job"]).args["dry_run"]
    wrong = client.post(
        "/api/v1/imports/organisations", {"file": SimpleUploadedFile("orgs.pdf", b"%PDF")}
    )
    assert wrong.status_code == 415 and "file" in wrong.json()["errors"]
    settings.YV_IMPORT_MAX_BYTES = 10
    large = client.post(
        "/api/v1/imports/organisations", {"file": SimpleUploadedFile("orgs.csv", CSV)}
    )
    assert large.status_code == 413
    assert Job.objects.count() == 1


def test_healthz_reports_the_queue(client, operator):
    from yeongilman.directory.tasks import import_organisations_job

    job = job_enqueue(kind="directory.import", task=import_organisations_job, actor=operator)
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    answer = client.get("/healthz")
    assert answer.status_code == 200
    body = answer.json()
    assert body["database"] == "ok" and body["queue_depth"] == 1
    assert body["oldest_queued_seconds"] >= 180


def test_issue_token_prints_a_token_that_works(client, operator):
    out = StringIO()
    call_command("issue_token", operator.email, "automation", stdout=out)
    token = out.getvalue().strip()
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert me["email"] == operator.email and me["is_operator"]


def test_issue_token_for_an_unknown_user_says_so(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nobody@example.org"):
        call_command("issue_token", "nobody@example.org", "x")
