"""Build the external Korean–English checks from translation catalogues nobody on the project
wrote: the Korean .po files shipped inside installed dependencies (Django and its contrib apps;
django-allauth), human translations of English interface strings.

    .venv/bin/python scripts/build_external_sets.py [--pairs 240]

Writes BEIR sets to tests/matching/external/<name>/ (corpus.jsonl, queries.jsonl,
qrels/test.tsv). Each set keeps `--pairs` sentence pairs (at least four words in English, no
placeholders only, one translation per English text, chosen by a hash so the choice is fixed);
half of them ask in Korean for the English sentence, the other half in English for the Korean
one, so every query has one right answer, in the other language, and the corpus holds both
languages. No kind, industry or country is given: plain text only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SITE = next((ROOT / ".venv" / "lib").glob("python3*/site-packages"))
SETS = {
    "django-ko": sorted(
        [SITE / "django/conf/locale/ko/LC_MESSAGES/django.po"]
        + list((SITE / "django/contrib").glob("*/locale/ko/LC_MESSAGES/django.po"))
    ),
    "allauth-ko": [SITE / "allauth/locale/ko/LC_MESSAGES/django.po"],
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
TAGS = re.compile(r"<[^>]+>")


def _clean(text: str) -> str:
    """The sentence without markup or placeholders (identical in both languages: a free
    lexical match no real text has)."""
    return " ".join(PLACEHOLDER.sub(" ", TAGS.sub(" ", text)).replace("“”", "").split())


def pairs_of(files: list[Path]) -> list[tuple[str, str]]:
    """(English, Korean) pairs: translated, not fuzzy, four words or more, one per English."""
    seen: dict[str, str] = {}
    for path in files:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags or entry.msgid_plural:
                continue
            en, ko = _clean(entry.msgid), _clean(entry.msgstr)
            if not ko or len(en.split()) < 4 or en in seen:
                continue
            if not re.search("[\uac00-\ud7a3]", ko):
                continue
            seen[en] = ko
    return sorted(seen.items())


def _order(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def write_set(name: str, pairs: list[tuple[str, str]], limit: int) -> int:
    """Write one BEIR set; returns the number of pairs kept."""
    chosen = sorted(pairs, key=lambda p: _order(p[0]))[:limit]
    out = ROOT / "tests" / "matching" / "external" / name
    (out / "qrels").mkdir(parents=True, exist_ok=True)
    corpus, queries, qrels = [], [], []
    for n, (en, ko) in enumerate(chosen):
        if n % 2 == 0:  # ask in Korean, answer in English
            corpus.append({"_id": f"d{n}", "title": "", "text": en, "lang": "en"})
            queries.append({"_id": f"q{n}", "text": ko, "lang": "ko"})
        else:  # ask in English, answer in Korean
            corpus.append({"_id": f"d{n}", "title": "", "text": ko, "lang": "ko"})
            queries.append({"_id": f"q{n}", "text": en, "lang": "en"})
        qrels.append(f"q{n}\td{n}\t1")
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in corpus)
    with open(out / "queries.jsonl", "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in queries)
    with open(out / "qrels" / "test.tsv", "w", encoding="utf-8") as handle:
        handle.write("query-id\tcorpus-id\tscore\n")
        handle.writelines(line + "\n" for line in qrels)
    sources = [str(p.relative_to(SITE)) for p in SETS[name]]
    (out / "SOURCE.md").write_text(
        f"# {name}\n\nBuilt by `scripts/build_external_sets.py` from the Korean translation "
        "catalogues shipped in these installed packages (human translations by their "
        "translators, not by this project):\n\n" + "\n".join(f"- `{s}`" for s in sources) + "\n",
        encoding="utf-8",
    )
    return len(chosen)


def main() -> None:
    """Build every set."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=240)
    args = parser.parse_args()
    for name, files in SETS.items():
        kept = write_set(name, pairs_of(files), args.pairs)
        print(f"{name}: {kept} pairs")


if __name__ == "__main__":
    main()
