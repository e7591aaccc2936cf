"""The demo world's load, as `make run` does it on a first start, on a fresh SQLite database:

    .venv/bin/python bench/demo_load.py [--no-index]

1. `load_demo` with the match index off: the data (real organisations, the invented world
   through the services, the scheduler's runs): wall time and the CPU time it used;
2. `rebuild_match_index`: encoding every published profile and opportunity (what `load_demo`
   does at its end when the index is on, as under `make run`);
3. `load_demo` again: a second run finds everything and changes nothing;
then the counts of what the demo holds. Each step is its own process, as on the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from _setup import ROOT

COUNTS = """
import json
from collections import Counter
import django
django.setup()
from yeongilman.directory.models import Organisation, Person
from yeongilman.accounts.models import User
from yeongilman.events.models import Event, Exhibitor
from yeongilman.meetings.models import MeetingRequest
from yeongilman.onsite.models import CheckIn
from yeongilman.exhibitors.models import Lead
from yeongilman.partnering.models import Opportunity
from yeongilman.programs.models import Application, Review
from yeongilman.grants.models import Agreement, Milestone
from yeongilman.insights.models import Figure, FundingRound, OverseasEntry
from yeongilman.outbox.models import Mail
day = Event.objects.get(slug="ces-2027-pohang-pavilion-b2b-day-demo")
requests = Counter(day.meeting_requests.values_list("status", flat=True))
print(json.dumps({
    "organisations (real / invented)": [Organisation.objects.filter(is_synthetic=False).count(),
                                        Organisation.objects.filter(is_synthetic=True).count()],
    "people": Person.objects.count(), "accounts": User.objects.count(),
    "opportunities": Opportunity.objects.count(),
    "CES 2027 B2B day participants": day.registrations.filter(status="confirmed").count(),
    "its requests (accepted, waiting, declined)": [requests["accepted"], requests["requested"],
                                                   requests["declined"]],
    "its meetings placed by the scheduler": day.meeting_requests.filter(confirmed=True).count(),
    "check-ins (past day)": CheckIn.objects.count(),
    "stands on the CES 2027 pavilion": Exhibitor.objects.filter(
        event__slug="ces-2027-pohang-pavilion-demo").count(),
    "leads": Lead.objects.count(),
    "applications / reviews": [Application.objects.count(), Review.objects.count()],
    "agreements / milestones": [Agreement.objects.count(), Milestone.objects.count()],
    "yearly figures / funding rounds / overseas entries": [
        Figure.objects.count(), FundingRound.objects.count(), OverseasEntry.objects.count()],
    "mails written (never sent to invented people)": Mail.objects.count(),
}, indent=1))
"""


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the child and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        args, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-index", action="store_true", help="skip the match index step")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="yv-demo-bench-") as data:
        env = {**os.environ, "YV_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "config.settings.local",
               "YV_MATCHING_AUTO_INDEX": "0"}  # fmt: skip
        env.pop("DATABASE_URL", None)
        _run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
        rows = []
        wall, cpu, out = _run([python, "manage.py", "load_demo"], env)
        rows.append(("load_demo (the data; index off)", wall, cpu))
        if not args.no_index:
            wall, cpu, out_index = _run([python, "manage.py", "rebuild_match_index", "-v", "0"],
                                        env)  # fmt: skip
            rows.append(("rebuild_match_index (encode everything)", wall, cpu))
        wall, cpu, _out = _run([python, "manage.py", "load_demo"], env)
        rows.append(("load_demo again (changes nothing)", wall, cpu))
        _wall, _cpu, counts = _run([python, "-c", COUNTS], env)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'step':48} {'wall s':>8} {'cpu s':>8}")
    for name, wall, cpu in rows:
        print(f"{name:48} {wall:8.1f} {cpu:8.1f}")
    first = rows[0][1] + (rows[1][1] if not args.no_index else 0)
    print(f"{'first start (load_demo with the index)':48} {first:8.1f}")
    print(out.strip().splitlines()[-1])
    if not args.no_index:
        print(out_index.strip().splitlines()[-1])
    print(json.dumps(json.loads(counts), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
