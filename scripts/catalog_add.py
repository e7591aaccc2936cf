"""Add strings to both catalogues without regenerating them (branches that work side by side
append entries; `make messages` later puts every entry in its place with its source lines).

    .venv/bin/python scripts/catalog_add.py "English text" "한국어 번역"
    .venv/bin/python scripts/catalog_add.py --context "meeting" "Held" "진행됨"
    .venv/bin/python scripts/catalog_add.py --plural "%(n)s request" "%(n)s requests" "요청 %(n)s건"

An entry already in a catalogue is left as it is (its translation is not replaced).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def add(msgid: str, korean: str, *, context: str | None = None, plural: str | None = None) -> int:
    """Append the entry to the Korean and English catalogues where missing; returns how many
    catalogues changed."""
    changed = 0
    for language, text in (("ko", korean), ("en", msgid)):
        path = LOCALE / language / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path))
        if po.find(msgid, msgctxt=context or False) is not None:
            continue
        entry = polib.POEntry(msgid=msgid, msgctxt=context)
        if plural is not None:
            entry.msgid_plural = plural
            entry.msgstr_plural = {0: text} if language == "ko" else {0: msgid, 1: plural}
        else:
            entry.msgstr = text
        if "%(" in msgid:
            entry.flags.append("python-format")
        po.append(entry)
        po.save()
        changed += 1
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--context")
    parser.add_argument("--plural", action="store_true", help="ENGLISH PLURAL KOREAN")
    parser.add_argument("texts", nargs="+")
    args = parser.parse_args()
    if args.plural:
        singular, plural, korean = args.texts
        add(singular, korean, context=args.context, plural=plural)
    else:
        english, korean = args.texts
        add(english, korean, context=args.context)


if __name__ == "__main__":
    main()
