"""bench/compare.py reads the load test's report and sets two commits side by side."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_compare", ROOT / "bench" / "compare.py")
assert _spec and _spec.loader
compare = importlib.util.module_from_spec(_spec)
sys.modules["bench_compare"] = compare  # dataclasses look their module up
_spec.loader.exec_module(compare)

REPORT = """gunicorn: 3 gthread workers x 3 threads, warm in 12.8 s; 2000 pages sampled
worker RSS after start-up (MB): [559, 552, 544]

one client, no think time: 122.5 req/s, 0 errors, slowest 115 ms (/en/insights/all/)
  route               n    p50    p95    p99  (ms)
  organisation      779      6     10     15
  search en         565      2      8     26
  all              3676      6     22     32

50 clients, think 0.25-0.75 s: 96.8 req/s, 2 errors, slowest 136 ms
  route               n    p50    p95    p99  (ms)
  search en         278      5     50     87
  all              1936     11     48     79
"""


def test_the_load_tests_report_is_read_per_phase_and_route():
    phases = compare.parse(REPORT)
    assert list(phases) == ["one client, no think time", "50 clients, think 0.25-0.75 s"]
    first = phases["one client, no think time"]
    assert (first.rps, first.errors) == (122.5, 0)
    assert first.routes == {"organisation": (6, 10), "search en": (2, 8), "all": (6, 22)}
    assert phases["50 clients, think 0.25-0.75 s"].errors == 2


def test_rounds_are_summarised_by_their_median_and_set_side_by_side():
    slower = REPORT.replace("  search en         565      2      8", "  search en  565  4  16")
    slow = compare.parse(slower)
    fast = compare.parse(REPORT)
    merged = compare.median_phases([slow, fast, slow])
    assert merged["one client, no think time"].routes["search en"] == (4, 16)
    table = compare.report("7a45a28", fast, merged)
    line = next(x for x in table.splitlines() if x.strip().startswith("search en") and " 2 " in x)
    assert line.split()[2:5] == ["2", "4", "2.00"]  # p50: ref, this tree, ratio
