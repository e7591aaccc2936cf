"""Load test on loopback: gunicorn (production settings) over 20,000 synthetic organisations.

    bash scripts/with-postgres.sh .venv/bin/python bench/load_test.py [--clients 50]
        [--seconds 120] [--think 0.5 2.0] [--workers N] [--threads 3] [--worker-class gthread]

Each simulated person is an asyncio task with its own connection and cookies that picks a
route from a realistic mix (Korean and English search with facets, organisation pages, events,
API lists, the public and operators' insights, a member's suggested partners), waits for the
answer, then thinks for a random time in the --think range. Prints, for one client alone, then
for --clients at once with the realistic think time, then for --clients with a short one (the
server's capacity): requests per second, errors, p50/p95/p99 per route and overall, and the
resident memory of every web worker before and after. The vectors of the match index
reuse a few hundred encoded profiles cyclically (latency does not depend on their values).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from _setup import CACHE, ROOT, django_on_bench_database, percentile

logging.getLogger("httpx").setLevel(logging.WARNING)

KOREAN_QUERIES = ["배터리", "이차전지 양극재", "수소 연료전지", "바이오 신약", "AI 로봇", "철강"]
ENGLISH_QUERIES = ["battery", "hydrogen fuel cell", "biotech", "robotics", "steel", "recycling"]
FACETS = ["", "&kind=startup", "&industry=battery", "&country=KR", "&city=Pohang"]


@dataclass
class Site:
    url: str
    slugs: list[str]
    member_slugs: list[str]
    events: list[str]
    member_session: str
    operator_session: str
    token: str


@dataclass
class Results:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    slowest: float = 0.0
    slowest_path: str = ""


def _route(site: Site, rng: random.Random) -> tuple[str, str, str]:
    """(route name, path, who) for one request of the mix."""
    roll = rng.random()
    if roll < 0.15:
        query = rng.choice(KOREAN_QUERIES) + rng.choice(FACETS)
        return "search ko", f"/ko/directory/?q={query}", "visitor"
    if roll < 0.30:
        query = rng.choice(ENGLISH_QUERIES) + rng.choice(FACETS)
        return "search en", f"/en/directory/?q={query}", "visitor"
    if roll < 0.52:
        return "organisation", f"/en/directory/o/{rng.choice(site.slugs)}/", "visitor"
    if roll < 0.57:
        return "events", "/ko/events/", "visitor"
    if roll < 0.62:
        return "event page", f"/en/events/{rng.choice(site.events)}/", "visitor"
    if roll < 0.72:
        page = rng.randint(1, 20)
        return "api list", f"/api/v1/organisations?q=battery&page={page}", "api"
    if roll < 0.80:
        return "insights", "/ko/insights/", "visitor"
    if roll < 0.84:
        return "insights ops", "/en/insights/all/", "operator"
    if roll < 0.92:
        slug = rng.choice(site.member_slugs)
        return "suggestions", f"/en/partnering/suggestions/{slug}/", "member"
    return "home", "/ko/", "visitor"


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator shares the
    machine with the server, so it must cost next to nothing per request."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host, self.port = host, port
        self.headers = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """GET the path; returns the status code (the body is read and dropped)."""
        for attempt in (1, 2):  # a kept-alive connection the server closed: reconnect once
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                assert self.reader is not None
                request = f"GET {quote(path, safe='/?=&%')} HTTP/1.1\r\nHost: {self.host}\r\n"
                self.writer.write((request + self.headers + "\r\n").encode())
                status_line = await self.reader.readline()
                if not status_line:
                    raise ConnectionError("closed")
                status = int(status_line.split()[1])
                length, chunked, close = 0, False, False
                while (line := await self.reader.readline()) not in (b"\r\n", b""):
                    name, _sep, value = line.decode("latin-1").partition(":")
                    name, value = name.strip().lower(), value.strip().lower()
                    if name == "content-length":
                        length = int(value)
                    elif name == "transfer-encoding" and "chunked" in value:
                        chunked = True
                    elif name == "connection" and value == "close":
                        close = True
                if chunked:
                    while size := int((await self.reader.readline()).strip() or b"0", 16):
                        await self.reader.readexactly(size + 2)
                    await self.reader.readline()
                else:
                    await self.reader.readexactly(length)
                if close:
                    await self.close()
                return status
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def _person(
    site: Site, results: Results, stop_at: float, think: tuple[float, float], seed: int
) -> None:
    rng = random.Random(seed)
    host, port = site.url.removeprefix("http://").split(":")
    headers = {
        "visitor": {},
        "member": {"Cookie": f"sessionid={site.member_session}"},
        "operator": {"Cookie": f"sessionid={site.operator_session}"},
        "api": {"Authorization": f"Bearer {site.token}"},
    }
    connections = {who: Connection(host, int(port), h) for who, h in headers.items()}
    await asyncio.sleep(rng.uniform(0, think[1]))  # people arrive one by one, not all at once
    try:
        while time.monotonic() < stop_at:
            name, path, who = _route(site, rng)
            started = time.perf_counter()
            try:
                ok = await connections[who].get(path) < 400
            except (ConnectionError, OSError, asyncio.IncompleteReadError):
                ok = False
            seconds = time.perf_counter() - started
            if ok:
                results.samples[name].append(seconds * 1000)
                if seconds > results.slowest:
                    results.slowest, results.slowest_path = seconds, path
            else:
                results.errors[name] += 1
            if think[1] > 0:
                await asyncio.sleep(rng.uniform(*think))
    finally:
        for connection in connections.values():
            await connection.close()


def _run(site: Site, clients: int, seconds: float, think: tuple[float, float]) -> Results:
    results = Results()
    stop_at = time.monotonic() + seconds

    async def everyone() -> None:
        await asyncio.gather(
            *(_person(site, results, stop_at, think, seed) for seed in range(clients))
        )

    asyncio.run(everyone())
    return results


def _report(title: str, results: Results, seconds: float) -> None:
    every = [s for samples in results.samples.values() for s in samples]
    errors = sum(results.errors.values())
    print(f"\n{title}: {len(every) / seconds:.1f} req/s, {errors} errors, "
          f"slowest {results.slowest * 1000:.0f} ms ({results.slowest_path})")  # fmt: skip
    print(f"  {'route':<14} {'n':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for name in sorted(results.samples, key=lambda n: -len(results.samples[n])):
        samples = results.samples[name]
        print(f"  {name:<14} {len(samples):>6} {percentile(samples, 50):>6.0f} "
              f"{percentile(samples, 95):>6.0f} {percentile(samples, 99):>6.0f}")  # fmt: skip
    if every:
        print(f"  {'all':<14} {len(every):>6} {percentile(every, 50):>6.0f} "
              f"{percentile(every, 95):>6.0f} {percentile(every, 99):>6.0f}")  # fmt: skip


def _worker_rss(master_pid: int) -> list[float]:
    import psutil

    master = psutil.Process(master_pid)
    return [round(c.memory_info().rss / 2**20) for c in master.children()]


def _prepare(profiles: int) -> Site:
    """Data, accounts and sessions in the bench database; returns what the clients need."""
    import numpy as np
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection

    from yeongilman.accounts.models import Membership, MembershipRole, User
    from yeongilman.accounts.services import api_token_issue_from_console
    from yeongilman.directory.models import Organisation
    from yeongilman.events.models import Event
    from yeongilman.matchmaking import adapter
    from yeongilman.matchmaking.models import MatchVector
    from yeongilman.portal.demo_events import load_demo_events

    have = Organisation.objects.count()
    if have < profiles:
        call_command(
            "generate_synthetic", "--organisations", str(profiles - have), "--seed", "11",
            "--no-progress",
        )  # fmt: skip
    documents = [adapter.organisation_document(o) for o in adapter.indexable_organisations()]
    if MatchVector.objects.count() < len(documents):
        cache = CACHE / "load-vectors-300.npz"
        if not cache.exists():
            adapter.store_documents(documents[:300])
            rows = list(MatchVector.objects.filter(key__in=[d.id for d in documents[:300]]))
            np.savez(
                cache,
                whole=np.stack([np.frombuffer(r.whole, np.float32) for r in rows]),
                about=np.stack([np.frombuffer(r.about, np.float32) for r in rows]),
                tokens=np.array([r.tokens for r in rows]),
            )
        cached = np.load(cache)
        MatchVector.objects.all().delete()
        MatchVector.objects.bulk_create(
            [
                MatchVector(
                    key=d.id,
                    text_hash="bench",
                    model_name="bench",
                    lang=d.lang,
                    whole=cached["whole"][i % len(cached["whole"])].tobytes(),
                    about=cached["about"][i % len(cached["about"])].tobytes(),
                    need=None,
                    tokens=str(cached["tokens"][i % len(cached["tokens"])]),
                )  # fmt: skip
                for i, d in enumerate(documents)
            ],
            batch_size=2000,
        )
        adapter.version_bump()
    if connection.vendor == "postgresql":  # statistics as autovacuum keeps them on a live site
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    operator, _new = User.objects.get_or_create(
        email="load-operator@example.org", defaults={"is_operator": True, "language": "en"}
    )
    member, _new = User.objects.get_or_create(
        email="load-member@example.org", defaults={"language": "en"}
    )
    if not Event.objects.exists():
        load_demo_events(operator, [member])
    published = list(
        Organisation.objects.filter(is_published=True).values_list("slug", flat=True)[:2000]
    )
    mine = published[:20]
    for slug in mine:
        Membership.objects.get_or_create(
            user=member,
            organisation=Organisation.objects.get(slug=slug),
            defaults={"role": MembershipRole.OWNER},
        )

    def session(user: User) -> str:
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.create()
        return str(store.session_key)

    _token, raw = api_token_issue_from_console(user=operator, name="load test")
    return Site(
        url="",
        slugs=published,
        member_slugs=mine,
        events=list(Event.objects.filter(is_published=True).values_list("slug", flat=True)),
        member_session=session(member),
        operator_session=session(operator),
        token=raw,
    )


def start_gunicorn(
    workers: int, threads: int, worker_class: str = "gthread", **extra_env: str
) -> tuple[subprocess.Popen[bytes], int]:
    """gunicorn with production settings on a free loopback port (static files collected to
    a temporary folder, automatic indexing off); returns the process and the port."""
    static = tempfile.mkdtemp(prefix="yv-load-static-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "YV_SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_STATIC_ROOT": static,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_WORKER_CLASS": worker_class,
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "YV_MATCHING_AUTO_INDEX": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra_env,
    }
    python = sys.executable
    subprocess.run(  # noqa: S603
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(  # noqa: S603
        [python, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env
    )
    return server, port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0))
    parser.add_argument(
        "--busy-think", type=float, nargs=2, default=(0.25, 0.75),
        help="think time of the second, capacity run (the first uses --think)",
    )  # fmt: skip
    parser.add_argument("--single-seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--worker-class", default="gthread")
    args = parser.parse_args()
    # The sessions made here must verify in the server: both sides use this secret.
    os.environ["DJANGO_SECRET_KEY"] = "load-test-" + "x" * 40
    django_on_bench_database(f"load-{args.profiles}.sqlite3")
    from django.db import connection

    site = _prepare(args.profiles)
    connection.close()

    server, port = start_gunicorn(args.workers, args.threads, args.worker_class)
    site.url = f"http://127.0.0.1:{port}"
    try:
        import httpx

        started = time.monotonic()
        while True:
            try:
                workers = httpx.get(f"{site.url}/healthz", timeout=5).json()["match_index"]
                if len(workers["workers"]) >= args.workers:
                    break
            except (httpx.HTTPError, KeyError, ValueError):
                pass
            time.sleep(0.5)
        print(f"gunicorn: {args.workers} {args.worker_class} workers x {args.threads} threads, "
              f"warm in {time.monotonic() - started:.1f} s; {len(site.slugs)} pages sampled, "
              f"{args.profiles} organisations")  # fmt: skip
        print(f"worker RSS after start-up (MB): {_worker_rss(server.pid)}")
        _report(
            "one client, no think time",
            _run(site, 1, args.single_seconds, (0.0, 0.0)),
            args.single_seconds,
        )
        for think in (tuple(args.think), tuple(args.busy_think)):
            results = _run(site, args.clients, args.seconds, think)
            title = f"{args.clients} clients, think {think[0]}-{think[1]} s"
            _report(title, results, args.seconds)
        print(f"worker RSS after the load (MB): {_worker_rss(server.pid)}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
