"""Background jobs under load: a large import as a job, and a rebuild shared by task workers.

    bash scripts/with-postgres.sh .venv/bin/python bench/jobs.py [--rows 100000] [--profiles 2000]

1. Import: a CSV of --rows organisations (1 % bad rows) posted to the API of a running gunicorn
   (production settings) and run by one task worker: rows per second from the 202 to "done",
   the task worker's peak resident memory, and the p50/p95 of directory pages fetched every
   0.2 s while the import runs. (Re-indexing is off here so the figure is the import's.)
2. Rebuild: --profiles published synthetic profiles encoded by a rebuild job with one task
   worker, then again (vectors deleted) with two: profiles per second each time.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _setup import ROOT, percentile

PYTHON = sys.executable


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data: Path, port: int, index: bool) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "bench-jobs-" + "x" * 40,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "YV_SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_STATIC_ROOT": str(data / "static"),
        "YV_DATA_DIR": str(data),
        "YV_IMPORT_MAX_BYTES": str(200 * 2**20),
        "YV_MATCHING_AUTO_INDEX": "1" if index else "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def _csv(rows: int) -> bytes:
    rng = random.Random(5)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["kind", "name_ko", "name_en", "description_ko", "industries", "city", "country",
         "founded_year", "employees", "published"]
    )  # fmt: skip
    industries = ["battery", "hydrogen", "bio", "ai", "robotics", "materials"]
    for i in range(rows):
        kind = "spaceship" if rng.random() < 0.01 else "startup"
        writer.writerow([
            kind, f"벤치기업{i}", f"Bench Company {i}",
            f"포항에서 {rng.choice(['배터리', '수소', '바이오'])} 기술을 개발합니다 ({i}).",
            rng.choice(industries), "Pohang", "KR", rng.randint(1990, 2025), rng.randint(1, 500),
            "no",
        ])  # fmt: skip
    return out.getvalue().encode()


def _peak_rss(pid: int, stop: threading.Event, out: list[float]) -> None:
    import psutil

    process = psutil.Process(pid)
    peak = 0.0
    while not stop.is_set():
        try:
            rss = process.memory_info().rss + sum(
                c.memory_info().rss for c in process.children(recursive=True)
            )
        except psutil.Error:
            break
        peak = max(peak, rss / 2**20)
        time.sleep(0.2)
    out.append(peak)


def _probe(url: str, stop: threading.Event, samples: list[float]) -> None:
    import httpx

    paths = ["/ko/directory/?q=배터리", "/en/directory/?q=hydrogen&kind=startup", "/ko/"]
    with httpx.Client(base_url=url, timeout=30) as client:
        while not stop.is_set():
            started = time.perf_counter()
            client.get(random.choice(paths))  # noqa: S311
            samples.append((time.perf_counter() - started) * 1000)
            time.sleep(0.2)


def _start(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [PYTHON, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


def _wait_done(client: object, job: int, limit: float) -> dict:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        answer = client.get(f"/api/v1/jobs/{job}").json()  # type: ignore[attr-defined]
        if answer["status"] in {"done", "failed", "cancelled"}:
            return dict(answer)
        time.sleep(0.5)
    raise SystemExit(f"job {job} did not finish in {limit} s")


def main() -> None:
    import argparse

    import httpx

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--profiles", type=int, default=2_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Run under scripts/with-postgres.sh: several workers need PostgreSQL.")
    data = Path(tempfile.mkdtemp(prefix="yv-bench-jobs-"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = _env(data, port, index=False)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    _manage(
        env, "shell", "-c",
        "from yeongilman.accounts.models import User; "
        "User.objects.create_user(email='bench@example.org', password='x', is_operator=True)",
    )  # fmt: skip
    token = _manage(env, "issue_token", "bench@example.org", "bench").strip()
    web = _start(env, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py")
    worker = _start(env, "manage.py", "db_worker", "--no-reload", "--interval", "0.2")
    headers = {"Authorization": f"Bearer {token}"}
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            payload = _csv(args.rows)
            stop = threading.Event()
            peak: list[float] = []
            samples: list[float] = []
            threads = [
                threading.Thread(target=_peak_rss, args=(worker.pid, stop, peak)),
                threading.Thread(target=_probe, args=(url, stop, samples)),
            ]
            for thread in threads:
                thread.start()
            started = time.perf_counter()
            queued = client.post(
                "/api/v1/imports/organisations", files={"file": ("b.csv", payload, "text/csv")}
            )
            accepted = time.perf_counter() - started
            job = _wait_done(client, queued.json()["job"], 3600)
            seconds = time.perf_counter() - started
            stop.set()
            for thread in threads:
                thread.join()
            report = job["result"]
            print(f"import: {args.rows} rows ({len(payload) / 2**20:.1f} MB) as a job: "
                  f"202 after {accepted:.1f} s, {job['status']} after {seconds:.0f} s = "
                  f"{args.rows / seconds:.0f} rows/s; created {report['created']}, "
                  f"failed {report['failed']}")  # fmt: skip
            print(f"  task worker peak RSS {peak[0]:.0f} MB; pages meanwhile: {len(samples)} "
                  f"requests, p50 {percentile(samples, 50):.0f} ms, "
                  f"p95 {percentile(samples, 95):.0f} ms")  # fmt: skip
        os.killpg(worker.pid, 9)
        _rebuild(args.profiles, url, headers, data)
    finally:
        for process in (web, worker):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)


def _rebuild(profiles: int, url: str, headers: dict[str, str], data: Path) -> None:
    import httpx

    env = _env(data, 0, index=False)
    _manage(env, "shell", "-c", "from yeongilman.directory.models import Organisation; "
            "Organisation.objects.all().delete()")  # fmt: skip
    _manage(env, "generate_synthetic", "--organisations", str(profiles), "--seed", "3",
            "--no-progress")  # fmt: skip
    for workers in (1, 2):
        _manage(env, "shell", "-c", "from yeongilman.matchmaking.models import MatchVector; "
                "MatchVector.objects.all().delete()")  # fmt: skip
        job = int(_manage(env, "rebuild_match_index", "--background").split()[-1])
        started = time.perf_counter()
        running = [
            _start(
                env,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--interval",
                "0.2",
                "--worker-id",
                f"bench-{n}",
            )  # fmt: skip
            for n in range(workers)
        ]
        try:
            with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
                answer = _wait_done(client, job, 7200)
        finally:
            for process in running:
                os.killpg(process.pid, 9)
        seconds = time.perf_counter() - started
        encoded = answer["result"].get("encoded", 0)
        print(f"rebuild with {workers} task worker(s): {encoded} profiles in {seconds:.0f} s = "
              f"{encoded / seconds:.1f} profiles/s ({answer['status']})")  # fmt: skip


if __name__ == "__main__":
    main()
