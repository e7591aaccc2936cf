"""One badge and one personal agenda, as a web request makes them: how long a person waits.

    python bench/single_pdf.py [--repeat 5]

Each figure is the median of --repeat documents made in this process after a first one (the
process's own first document is printed apart: the first request after start-up, had the
server not warmed up). Made with the whole Korean font (Debian's Noto CJK collection) and with
the prepared cut `core.pdf` keeps in YV_DATA_DIR/fonts (made here first if missing, as the
server's start-up does; its time is printed). Target: a single PDF under 0.5 s. The CPU time
beside the wall time tells a busy machine from a slow renderer.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from _setup import ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from django.utils import translation

    from yeongilman.core import pdf as core_pdf
    from yeongilman.events.models import Event
    from yeongilman.onsite.printing import pdf as printing_pdf
    from yeongilman.onsite.printing.data import Agenda, AgendaLine, Badge

    start = datetime(2027, 1, 6, 17, tzinfo=UTC)
    event = Event(
        slug="bench", kind="b2b", title_ko="CES 2027 포항관 B2B 상담회",
        title_en="CES 2027 Pohang Pavilion B2B Day", venue="LVCC West Hall", city="Las Vegas",
        time_zone="America/Los_Angeles", starts_at=start, ends_at=start + timedelta(hours=8),
    )  # fmt: skip
    badge = Badge(
        "김민준", "Kim Min-jun", "그래핀스퀘어", "participant", "YV1.4821." + "x" * 40, "ko"
    )
    lines = [
        AgendaLine(start + timedelta(minutes=30 * n), start + timedelta(minutes=30 * n + 25),
                   f"Acme Heaters {n} · 미팅", f"Table {n + 1}", "Interpreter: 이통역")
        for n in range(12)
    ]  # fmt: skip
    agenda = Agenda("ko", "김민준 (Kim Min-jun)", "그래핀스퀘어", meetings=lines)
    make = {
        "badge": lambda: printing_pdf.badges_pdf(event, [badge], "a6"),
        "agenda": lambda: printing_pdf.agendas_pdf(event, [agenda]),
    }

    def timed(what: str) -> tuple[float, float]:
        began, cpu = time.perf_counter(), time.process_time()
        make[what]()
        return time.perf_counter() - began, time.process_time() - cpu

    prepared = core_pdf.prepared_font_path()
    print(f"Font: {core_pdf.korean_font()}")
    for font in ("whole font", "prepared cut"):
        if font == "prepared cut":
            began = time.perf_counter()
            existed = prepared.is_file()
            core_pdf.prepare_korean_font()
            made = "already there" if existed else f"made in {time.perf_counter() - began:.1f} s"
            print(f"Prepared cut: {prepared} ({made})")
        elif prepared.is_file():
            prepared.rename(prepared.with_suffix(".aside"))  # measure without it
        with translation.override("ko"):
            for what in make:
                first, _cpu = timed(what)
                runs = [timed(what) for _ in range(args.repeat)]
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                print(f"  {font:>12}, one {what:>6}: {wall * 1000:6.0f} ms ({cpu * 1000:.0f} ms "
                      f"of CPU; the process's first: {first * 1000:.0f} ms)")  # fmt: skip
        aside = prepared.with_suffix(".aside")
        if aside.is_file():
            aside.rename(prepared)


if __name__ == "__main__":
    main()
