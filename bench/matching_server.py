"""Suggestions under gunicorn, as in production: latency of the "suggested partners" page with
four web workers, and the memory those workers hold, with and without the shared vector file.

    python bench/matching_server.py [--profiles 20000] [--workers 4] [--rounds 200]
        [--no-snapshot]

Builds (or reuses) the load test's bench database, starts gunicorn with production settings,
waits until every worker has loaded the index, then: the first request of each worker's first
suggestion page (cold: nothing cached), then --rounds requests spread over the member's
organisations by one client and by four at once (the suggestion cache is off, so each request
ranks). Prints p50/p95 and each worker's RSS and PSS (PSS counts a shared page once across the
processes that map it, so the sum of PSS is the machine's real cost).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time

from _setup import django_on_bench_database, percentile
from load_test import _prepare, start_gunicorn


def _memory(master_pid: int) -> list[tuple[float, float]]:
    import psutil

    out = []
    for child in psutil.Process(master_pid).children():
        info = child.memory_full_info()
        out.append((info.rss / 2**20, info.pss / 2**20))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--no-snapshot", action="store_true")
    args = parser.parse_args()
    os.environ["DJANGO_SECRET_KEY"] = "load-test-" + "x" * 40
    django_on_bench_database(f"load-{args.profiles}.sqlite3")
    from django.db import connection

    site = _prepare(args.profiles)
    connection.close()
    started = time.monotonic()
    server, port = start_gunicorn(
        args.workers, args.threads,
        YV_SUGGESTION_CACHE_SECONDS="0",
        YV_MATCHING_SNAPSHOT="0" if args.no_snapshot else "1",
        YV_MATCHING_SNAPSHOT_DIR=tempfile.mkdtemp(prefix="yv-bench-vectors-"),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        import httpx

        while True:
            try:
                workers = httpx.get(f"{url}/healthz", timeout=5).json()["match_index"]
                if len(workers["workers"]) >= args.workers:
                    break
            except (httpx.HTTPError, KeyError, ValueError):
                pass
            time.sleep(0.5)
        warm = time.monotonic() - started
        cookies = {"sessionid": site.member_session}
        pages = [f"{url}/en/partnering/suggestions/{slug}/" for slug in site.member_slugs]
        with httpx.Client(cookies=cookies, timeout=60) as client:
            cold = []
            for page in pages[: args.workers]:
                t = time.perf_counter()
                assert client.get(page).status_code == 200
                cold.append((time.perf_counter() - t) * 1000)
            one = []
            for i in range(args.rounds):
                t = time.perf_counter()
                assert client.get(pages[i % len(pages)]).status_code == 200
                one.append((time.perf_counter() - t) * 1000)
        many: list[float] = []

        def client_loop(offset: int) -> None:
            with httpx.Client(cookies=cookies, timeout=60) as client:
                for i in range(args.rounds // 4):
                    t = time.perf_counter()
                    client.get(pages[(i + offset) % len(pages)])
                    many.append((time.perf_counter() - t) * 1000)

        threads = [threading.Thread(target=client_loop, args=(k * 5,)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        memory = _memory(server.pid)
        print(f"{args.profiles} profiles, {args.workers} gthread workers x {args.threads} "
              f"threads, shared vector file {'off' if args.no_snapshot else 'on'}; "
              f"all workers warm after {warm:.1f} s")  # fmt: skip
        print(f"first suggestion page per worker (ms): {[round(c) for c in cold]}")
        print(f"suggested partners, 1 client:  p50 {percentile(one, 50):.0f} ms, "
              f"p95 {percentile(one, 95):.0f} ms ({len(one)} requests)")  # fmt: skip
        print(f"suggested partners, 4 clients: p50 {percentile(many, 50):.0f} ms, "
              f"p95 {percentile(many, 95):.0f} ms ({len(many)} requests)")  # fmt: skip
        rss = [round(r) for r, _p in memory]
        pss = [round(p) for _r, p in memory]
        print(f"worker RSS (MB): {rss}, sum {sum(rss)}; PSS (MB): {pss}, sum {sum(pss)}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
