"""The platform as a city deploys it, driven over HTTP.
PostgreSQL, driven over HTTP. Runs in the PostgreSQL pass of `make test` (about three minutes).
The gunicorn of Procfile with two workers and a task worker per work lane (mail, default, bulk)
on PostgreSQL; the last test stops PostgreSQL for 20 s and everything comes back by itself."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
LEASE_SECONDS = 10

pytestmark = [
    pytest.mark.runtime,
    pytest.mark.skipif(
        not DATABASE_URL.startswith("postgres"), reason="needs the PostgreSQL cluster of make test"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Deployment:
    url: str
    token: str
    partner: int
    event: int
    env: dict[str, str]
    database_url: str
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def api(self) -> httpx.Client:
        """A fresh client (new connections, so both web workers get requests)."""
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )

    def start(self, name: str, *args: str) -> None:
        log = open(Path(self.env["YV_DATA_DIR"]) / f"{name}.log", "ab")  # noqa: SIM115
        self.processes[name] = subprocess.Popen(  # noqa: S603
            list(args), cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )

    def start_worker(self, lane: str = "default") -> None:
        """A task worker of one work lane, as Procfile runs them (named "worker" for the
        default lane, else after its lane)."""
        self.start(
            "worker" if lane == "default" else lane, sys.executable, "manage.py", "db_worker",
            "--queue-name", lane, "--interval", "0.2", "--no-reload", "--no-startup-delay",
        )  # fmt: skip

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def health(self) -> dict:
        return httpx.get(f"{self.url}/healthz", timeout=10).json()

    def sql(self, query: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(query, params).fetchall()


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """Migrate a database of its own, seed it, start gunicorn (2 workers) and a task worker."""
    name = f"yv_runtime_{os.getpid()}"
    parts = urlsplit(DATABASE_URL)
    database_url = urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    data = tmp_path_factory.mktemp("runtime")
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "runtime-test-" + "x" * 40,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "YV_SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_STATIC_ROOT": str(data / "static"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "YV_DATA_DIR": str(data),
        "YV_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
        "YV_MATCHING_POLL_SECONDS": "1",
        "YV_SCHEDULER_SECONDS": "6",
        "YV_PDF_FONT_PREPARE": "0",  # no font cut competing with the timed promises
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": str(data / "access.log"),
    }
    _manage(env, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    _manage(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    seeded = json.loads(_manage(env, "tests/runtime/seed.py", "400", "2500").splitlines()[-1])
    deployment = Deployment(
        f"http://127.0.0.1:{port}", seeded["token"], seeded["partner"], seeded["event"], env,
        database_url,
    )  # fmt: skip
    deployment.start("web", sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py")
    for lane in ("mail", "default", "bulk"):
        deployment.start_worker(lane)
    try:
        deadline = time.monotonic() + 120
        while True:  # both web workers warm (they report their index) and answering
            try:
                if len(deployment.health()["match_index"]["workers"]) >= 2:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.5)
        yield deployment
    finally:
        for process in list(deployment.processes):
            deployment.kill(process)
        with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_for_job(client: httpx.Client, job: int, seconds: float, until: set[str]) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        answer = client.get(f"/api/v1/jobs/{job}").json()
        if answer["status"] in until or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


def test_a_change_reaches_every_web_worker_within_ten_seconds(deployment: Deployment) -> None:
    before = deployment.health()["match_index"]["stored_version"]
    with deployment.api() as client:
        created = client.post(
            "/api/v1/organisations",
            json={
                "kind": "startup",
                "name_ko": "포항셀텍",
                "description_ko": "포항에서 리튬이온 배터리 셀과 배터리 팩을 만드는 "
                "제조 기업입니다. 미국 로봇 기업에 배터리를 공급하고자 합니다.",
                "country": "KR",
                "city": "Pohang",
                "industries": ["battery"],
                "is_published": True,
            },
        )
    assert created.status_code == 201, created.text
    committed = time.monotonic()
    new_id = created.json()["id"]
    while True:
        health = deployment.health()
        stored = health["match_index"]["stored_version"]
        workers = health["match_index"]["workers"]
        fresh = stored > before and len(workers) >= 2
        if fresh and all(w["version"] >= stored for w in workers):
            break
        assert time.monotonic() - committed < 10, f"stale workers after 10 s: {health}"
        time.sleep(0.2)
    for _attempt in range(6):  # fresh connections: both workers answer some of these
        with deployment.api() as client:
            answer = client.get(f"/api/v1/organisations/{deployment.partner}/suggestions").json()
        assert new_id in [r["organisation"] for r in answer["results"]]


def _import_file(rows: int, published: int, bad: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["kind", "name_en", "description_en", "industries", "country", "published"])
    for i in range(rows):
        kind = "alien" if i < bad else "startup"
        text = f"Runtime maker {i} of battery module number {i} for robots and drones."
        writer.writerow([kind, f"Runtime Maker {i}", text, "battery", "US", i < bad + published])
    return buffer.getvalue().encode()


MAIL_NOW = """
from django.contrib.auth import get_user_model
from yeongilman.outbox.services import mail_on_commit
user, _ = get_user_model().objects.get_or_create(email="lane-check@example.org")
mail_on_commit([user], "New meeting request", "meetings/email/schedule_changed.txt",
               {"event": "B2B Day"})
"""


def test_a_20000_row_import_is_a_job_while_pages_keep_answering(deployment: Deployment) -> None:
    data = _import_file(20_000, published=200, bad=10)
    with deployment.api() as client:
        queued = client.post(
            "/api/v1/imports/organisations", files={"file": ("orgs.csv", data, "text/csv")}
        )
        assert queued.status_code == 202, queued.text
        job = queued.json()["job"]
        slowest, answered = 0.0, 0
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            started = time.monotonic()
            page = httpx.get(f"{deployment.url}/en/directory/?q=battery", timeout=30)
            slowest = max(slowest, time.monotonic() - started)
            assert page.status_code == 200
            answered += 1
            status = client.get(f"/api/v1/jobs/{job}").json()
            if status["status"] not in {"queued", "running"}:
                break
            time.sleep(0.5)
    assert status["status"] == "done", status
    report = status["result"]
    assert (report["rows"], report["created"], report["failed"]) == (20_000, 19_990, 10)
    assert {e["line"] for e in report["errors"]} == set(range(2, 12))
    assert answered > 5 and slowest < 3.0
    # The import's refreshes wait on the bulk lane; a mail queued now goes out on its own lane.
    queued_at = time.monotonic()
    _manage(deployment.env, "manage.py", "shell", "-c", MAIL_NOW)
    while True:
        (sent,) = deployment.sql(
            "SELECT count(*) FROM outbox_mail WHERE to_address = %s AND status = 'sent'",
            "lane-check@example.org",
        )[0]
        if sent or time.monotonic() - queued_at > 60:
            break
        time.sleep(0.5)
    assert sent == 1, "a mail waited more than a minute behind the import's refreshes"
    deadline = time.monotonic() + 180
    while True:  # the imported published profiles get vectors from the task worker
        (indexed,) = deployment.sql(
            "SELECT count(*) FROM partnering_matchvector v JOIN directory_organisation o "
            "ON v.key = 'org:' || o.id WHERE o.name_en LIKE 'Runtime Maker %%'"
        )[0]
        if indexed >= 200 or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert indexed == 200


def test_a_killed_task_worker_leaves_a_failed_run_and_frees_the_day(
    deployment: Deployment,
) -> None:
    url = f"/api/v1/events/{deployment.event}/schedule"
    with deployment.api() as client:
        queued = client.post(url, json={"keep_confirmed": True})
        assert queued.status_code == 202, queued.text
        job = queued.json()["job"]
        running = _wait_for_job(client, job, 60, {"running", "done", "failed"})
        assert running["status"] == "running", running
        deployment.kill("worker")  # kill -9 in the middle of the solve
        killed_at = time.monotonic()
        assert client.post(url, json={"keep_confirmed": True}).status_code == 409
        ended = _wait_for_job(client, job, LEASE_SECONDS + 15, {"failed", "done"})
        assert ended["status"] == "failed" and "heartbeat" in ended["error"]
        assert time.monotonic() - killed_at <= LEASE_SECONDS + 5
        again = client.post(url, json={"keep_confirmed": True})
        assert again.status_code == 202
        deployment.start_worker("default")  # a restarted worker picks up what is queued
        second = _wait_for_job(client, again.json()["job"], 90, {"done", "failed"})
    assert second["status"] == "done", second
    assert second["result"]["scheduled"] > 0
    (killed_task,) = deployment.sql(
        "SELECT t.status FROM django_tasks_database_dbtaskresult t "
        "JOIN jobs_job j ON j.task_result_id = t.id::text WHERE j.id = %s",
        job,
    )[0]
    assert killed_task == "FAILED"  # the killed worker's task is closed, not left RUNNING


PG_CONTROL = os.environ.get("YV_TEST_PG_CONTROL", "")


def _answers(deployment: Deployment) -> tuple[httpx.Response, httpx.Response]:
    """A page and an API operation that both read the database (a search nobody made before
    is not in the page cache; the token is checked against the database)."""
    page = httpx.get(f"{deployment.url}/en/directory/?q=outage-{time.monotonic_ns()}", timeout=15)
    with deployment.api() as client:
        api = client.get("/api/v1/me")
    return page, api


@pytest.mark.skipif(not PG_CONTROL, reason="needs scripts/with-postgres.sh's cluster control")
def test_a_20_second_database_outage_is_503_then_everything_recovers_by_itself(
    deployment: Deployment,
) -> None:
    """Last in this module: PostgreSQL goes away for 20 s while pages and workers run."""
    running = dict(deployment.processes)
    subprocess.run([PG_CONTROL, "stop"], check=True, capture_output=True)  # noqa: S603
    stopped, during = time.monotonic(), []
    try:
        while time.monotonic() - stopped < 20:
            page, api = _answers(deployment)
            during.append(
                (
                    page.status_code,
                    page.headers.get("retry-after"),
                    api.status_code,
                    api.headers.get("retry-after"),
                    api.headers.get("content-type"),
                )
            )
            time.sleep(1)
        unknown = httpx.get(
            f"{deployment.url}/api/v1/no-such-operation",
            headers={"Accept-Language": "en"},
            timeout=15,
        )
    finally:
        subprocess.run([PG_CONTROL, "start"], check=True, capture_output=True)  # noqa: S603
    assert during and set(during) == {(503, "30", 503, "30", "application/json")}, during
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "Not found."})
    deadline = time.monotonic() + 30
    while True:  # the same gunicorn answers again, no restart
        page, api = _answers(deployment)
        if page.status_code == 200 and api.status_code == 200:
            break
        assert time.monotonic() < deadline, (page.status_code, api.status_code)
        time.sleep(0.5)
    for name, process in running.items():
        assert process.poll() is None, f"{name} exited during the outage"
    url = f"/api/v1/events/{deployment.event}/schedule"
    with deployment.api() as client:  # the default lane's worker reconnected and works
        queued = client.post(url, json={"keep_confirmed": True})
        assert queued.status_code == 202, queued.text
        done = _wait_for_job(client, queued.json()["job"], 90, {"done", "failed"})
    assert done["status"] == "done", done
    deadline = time.monotonic() + LEASE_SECONDS + 30
    while True:  # nothing stays RUNNING (the reaper closes what the outage orphaned)
        _manage(deployment.env, "manage.py", "reap_jobs", "--verbosity", "0")
        (left,) = deployment.sql(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
        )[0]
        if left == 0 or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert left == 0
