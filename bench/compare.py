"""The load test's mix at another commit and at this tree, side by side on this machine.

    bash scripts/with-postgres.sh .venv/bin/python bench/compare.py REF \\
        [--rounds 1] [--seconds 20] [--single-seconds 30] [any other bench/load_test.py option]

REF is any commit git knows (e.g. 7a45a28, main, HEAD~5). It is checked out in a temporary
worktree and run with this environment's packages; each side gets its own database, filled by
its own code (20,000 organisations by default), in the PostgreSQL of DATABASE_URL (or in each
tree's SQLite bench file without it). The two run one after the other, in alternating order
over --rounds, and the figures are each side's median over the rounds. Prints, per phase of
the load test, the requests per second and per route p50 and p95 of both sides with the ratio
this/REF (below 1.00 is faster here). Nothing of REF stays behind.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PHASE = re.compile(r"^(?P<title>[^:\s][^:]*): (?P<rps>[\d.]+) req/s, (?P<errors>\d+) errors")
ROUTE = re.compile(
    r"^\s+(?P<route>\S.*?)\s+(?P<n>\d+)\s+(?P<p50>\d+)\s+(?P<p95>\d+)\s+(?P<p99>\d+)$"
)


@dataclass
class Phase:
    """One phase of a load-test run: its rate, errors and (p50, p95) per route."""

    rps: float
    errors: int
    routes: dict[str, tuple[float, float]] = field(default_factory=dict)


def parse(output: str) -> dict[str, Phase]:
    """The phases of bench/load_test.py's printed report (the format since 7a45a28)."""
    phases: dict[str, Phase] = {}
    current: Phase | None = None
    for line in output.splitlines():
        if match := PHASE.match(line):
            current = Phase(float(match["rps"]), int(match["errors"]))
            phases[match["title"]] = current
        elif current is not None and (match := ROUTE.match(line)):
            current.routes[match["route"]] = (float(match["p50"]), float(match["p95"]))
    return phases


def median_phases(runs: list[dict[str, Phase]]) -> dict[str, Phase]:
    """Each figure's median over the rounds."""
    merged: dict[str, Phase] = {}
    for title in runs[0]:
        present = [run[title] for run in runs if title in run]
        phase = Phase(
            statistics.median(p.rps for p in present),
            max(p.errors for p in present),
        )
        routes: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for p in present:
            for route, pair in p.routes.items():
                routes[route].append(pair)
        for route, pairs in routes.items():
            phase.routes[route] = (
                statistics.median(f[0] for f in pairs),
                statistics.median(f[1] for f in pairs),
            )
        merged[title] = phase
    return merged


def _ratio(here: float, there: float) -> str:
    return f"{here / there:5.2f}" if there else "   - "


def report(ref: str, theirs: dict[str, Phase], ours: dict[str, Phase]) -> str:
    """The side-by-side table."""
    lines = []
    for title, their in theirs.items():
        our = ours.get(title)
        if our is None:
            continue
        lines.append(
            f"\n{title}: {ref} {their.rps:.1f} req/s ({their.errors} errors), this tree "
            f"{our.rps:.1f} req/s ({our.errors} errors), ratio {_ratio(our.rps, their.rps)}"
        )
        lines.append(
            f"  {'route':<14} {'p50 ref':>8} {'this':>6} {'ratio':>6}   "
            f"{'p95 ref':>8} {'this':>6} {'ratio':>6}  (ms)"
        )
        for route in sorted(set(their.routes) | set(our.routes)):
            a50, a95 = their.routes.get(route, (0.0, 0.0))
            b50, b95 = our.routes.get(route, (0.0, 0.0))
            lines.append(
                f"  {route:<14} {a50:>8.0f} {b50:>6.0f} {_ratio(b50, a50):>6}   "
                f"{a95:>8.0f} {b95:>6.0f} {_ratio(b95, a95):>6}"
            )
    return "\n".join(lines)


def _database_url(base: str, name: str) -> str:
    """DATABASE_URL with another database name, created empty if missing."""
    import psycopg

    parts = urlsplit(base)
    with psycopg.connect(base, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def analyse(url: str) -> None:
    """Fresh planner statistics, as autovacuum would have them on a live site (a database
    just filled has none, and plans without them differ from one run to the next)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def run_load_test(
    tree: Path, env: dict[str, str], args: list[str], quiet: bool = False
) -> dict[str, Phase]:
    """bench/load_test.py of one tree; its report, parsed (the run's output is shown)."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "bench/load_test.py", *args],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        raise SystemExit(f"the load test failed in {tree}")
    if not quiet:
        print(completed.stdout)
    return parse(completed.stdout)


def main() -> None:
    import os

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("ref", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=1)
    args, load_args = parser.parse_known_args()
    commit = subprocess.run(  # noqa: S603
        ["git", "rev-parse", "--short", args.ref],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    worktree = Path(tempfile.mkdtemp(prefix=f"yv-compare-{commit}-"))
    subprocess.run(  # noqa: S603
        ["git", "worktree", "add", "--detach", "--force", str(worktree), commit],  # noqa: S607
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    try:
        vendor = ROOT / "static" / "vendor"
        if vendor.is_dir():  # older commits kept the QR decoder out of git (npm-installed)
            shutil.copytree(vendor, worktree / "static" / "vendor", dirs_exist_ok=True)
        base_url = os.environ.get("DATABASE_URL", "")
        sides = {commit: worktree, "this tree": ROOT}
        envs = {}
        for name, _tree in sides.items():
            env = dict(os.environ)
            env.setdefault("DATABASE_URL", "")
            if base_url.startswith("postgres"):
                label = "here" if name == "this tree" else commit
                env["DATABASE_URL"] = _database_url(base_url, f"yv_compare_{label}")
            envs[name] = env
        # Each side fills its database first (a short run), then the statistics are fresh.
        for name, tree in sides.items():
            print(f"--- preparing {name}", flush=True)
            short = [*load_args, "--seconds", "1", "--single-seconds", "1", "--clients", "2"]
            run_load_test(tree, envs[name], short, quiet=True)
            if envs[name]["DATABASE_URL"].startswith("postgres"):
                analyse(envs[name]["DATABASE_URL"])
        runs: dict[str, list[dict[str, Phase]]] = {name: [] for name in sides}
        for round_number in range(args.rounds):
            order = list(sides) if round_number % 2 == 0 else list(reversed(sides))
            for name in order:
                print(f"--- round {round_number + 1}: {name}", flush=True)
                runs[name].append(run_load_test(sides[name], envs[name], load_args))
        print(f"\n=== {commit} vs this tree, median of {args.rounds} round(s) ===")
        print(report(commit, median_phases(runs[commit]), median_phases(runs["this tree"])))
    finally:
        subprocess.run(  # noqa: S603
            ["git", "worktree", "remove", "--force", str(worktree)],  # noqa: S607
            cwd=ROOT, check=False, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(worktree, ignore_errors=True)


if __name__ == "__main__":
    main()
