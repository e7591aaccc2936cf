"""Every way of running the platform starts a task worker per work lane (mail apart from bulk)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.settings import base
from yeongilman.core import lanes

ROOT = Path(__file__).resolve().parents[2]


def _lanes_served(text: str) -> list[str]:
    return re.findall(r"db_worker --queue-name (\S+)", text)


@pytest.mark.parametrize("procfile", ["Procfile", "Procfile.dev"])
def test_each_procfile_runs_one_worker_per_lane(procfile):
    assert sorted(_lanes_served((ROOT / procfile).read_text())) == sorted(lanes.LANES)


def test_the_systemd_worker_unit_serves_the_lane_its_instance_names():
    unit = (ROOT / "deploy/systemd/yeongilman-worker@.service").read_text()
    assert _lanes_served(unit) == ["%i"]
    web = (ROOT / "deploy/systemd/yeongilman-web.service").read_text()
    assert "yeongilman-worker@{mail,default,bulk}" in web


def test_the_task_backend_knows_every_lane():
    assert set(base.TASKS["default"]["QUEUES"]) == set(lanes.LANES)
