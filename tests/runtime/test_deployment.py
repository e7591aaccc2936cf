"""The platform as a city deploys it: gunicorn with two workers and one task worker on
PostgreSQL, driven over HTTP. Runs in the PostgreSQL pass of `make test` (about two minutes)."""

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

    def start_worker(self) -> None:
        self.start(
            "worker", sys.executable, "manage.py", "db_worker", "--interval", "0.2",
            "--no-reload", "--no-startup-delay",
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
    deployment.start_worker()
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
        deployment.start_worker()  # a restarted worker picks up what is queued
        second = _wait_for_job(client, again.json()["job"], 90, {"done", "failed"})
    assert second["status"] == "done", second
    assert second["result"]["scheduled"] > 0
    (killed_task,) = deployment.sql(
        "SELECT t.status FROM django_tasks_database_dbtaskresult t "
        "JOIN jobs_job j ON j.task_result_id = t.id::text WHERE j.id = %s",
        job,
    )[0]
    assert killed_task == "FAILED"  # the killed worker's task is closed, not left RUNNING
