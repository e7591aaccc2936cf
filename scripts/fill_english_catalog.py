"""Make the English catalogue complete: English source strings translate to themselves."""

from __future__ import annotations

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main() -> None:
    """Every English msgstr is its msgid (a fuzzy guess from a similar string is discarded)."""
    po = polib.pofile(str(CATALOGUE))
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
    po.save()


if __name__ == "__main__":
    main()
