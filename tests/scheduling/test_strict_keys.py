"""The scheduler reads only the keys it knows: a misspelt or misplaced key is an error naming
the item (exit code 2 on the command line), never silently ignored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from yeongilman.scheduling.parsing import InstanceError, parse_instance

ROOT = Path(__file__).resolve().parents[2]


def _day() -> dict[str, Any]:
    return {
        "slots": [
            {"id": "s0", "start": "2027-01-06T09:00:00+09:00", "end": "2027-01-06T09:30:00+09:00"}
        ],
        "tables": 2,
        "limits": {"max_meetings_per_day": 4},
        "participants": [{"id": "a"}, {"id": "b", "max_in_a_row": 2}],
        "interpreters": [{"id": "i", "available": ["s0"]}],
        "meetings": [{"id": "m", "participants": ["a", "b"], "fixed": {"slot": "s0", "table": 1}}],
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(table=3), "the instance: unknown key 'table'"),
        (lambda d: d["slots"][0].update(capacty=4), "slot 's0': unknown key 'capacty'"),
        (
            lambda d: d["participants"][0].update(limits=[{"max_in_a_row": 1}]),
            "participant 'a': unknown key 'limits'",
        ),
        (lambda d: d["limits"].update(per_person=[]), "'limits': unknown key 'per_person'"),
        (lambda d: d.update(limits=[{"max_in_a_row": 1}]), "'limits' must be an object"),
        (lambda d: d["interpreters"][0].update(languages=["ko"]), "interpreter 'i': unknown key"),
        (lambda d: d["meetings"][0].update(prority=2), "meeting 'm': unknown key 'prority'"),
        (
            lambda d: d["meetings"][0]["fixed"].update(tabel=1),
            "meeting 'm': 'fixed': unknown key 'tabel'",
        ),
    ],
)
def test_an_unknown_key_or_a_list_for_an_object_names_the_item(change, message):
    data = _day()
    parse_instance(data)  # the day itself is valid
    change(data)
    with pytest.raises(InstanceError) as caught:
        parse_instance(data)
    assert str(caught.value).startswith(message)


def test_the_command_line_exits_2_naming_the_unknown_key(tmp_path):
    data = _day()
    data["participants"][1]["limits"] = {"max_in_a_row": 1}
    path = tmp_path / "day.json"
    path.write_text(json.dumps(data))
    result = subprocess.run(  # noqa: S603 - the project's own CLI
        [sys.executable, "-m", "yeongilman.scheduling", str(path)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: invalid instance: participant 'b': unknown key 'limits' "
        "(known: id, available, max_meetings_per_day, max_in_a_row)\n"
    )
