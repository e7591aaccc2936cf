"""Reasons a person believes: how many suggested partners carry a reason of their own.

    YV_DATA_DIR=<dir with the demo database> DJANGO_SETTINGS_MODULE=config.settings.local \\
        python bench/reasons.py [--k 10] [--limit 0]

For every indexed organisation of the database (the demo world after `load_demo` and
`rebuild_match_index`), its first k suggested partners (the suggestions page's recipe) and
their reasons in English. Prints, before (the sentences as the page showed them until now:
a fixed order, every line on every card) and after (ordered by contribution, a line every card
shares said once above the list):

- own business reason: share of cards with at least one pair-specific business reason (words
  from both profiles, the same thing in both languages, industries both work in; a line that is
  on every card of the list is not pair-specific);
- first line own business reason: share of cards whose first line is such a reason;
- card repeats a list-wide line: share of cards that carry a line every card of the list has;
- weak lists: share of lists said to be weak (none of the first three has a reason of its own).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.utils import timezone, translation  # noqa: E402

from yeongilman.matching.explain import Reasons  # noqa: E402
from yeongilman.matchmaking import adapter  # noqa: E402
from yeongilman.matchmaking.explanations import ranked_reasons, shown_reasons  # noqa: E402
from yeongilman.matchmaking.keys import ItemKey  # noqa: E402
from yeongilman.matchmaking.selectors import ranking_for  # noqa: E402

BUSINESS = {"industries", "bridged", "terms", "text"}


def before_codes(r: Reasons) -> list[str]:
    """The reason lines of one card in the order the page used to print them (as codes)."""
    codes = []
    if r.direction:
        codes.append("direction")
    if r.need_meets_offer:
        codes.append("need_offer")
    if r.offer_meets_need:
        codes.append("offer_need")
    if r.shared_industries:
        codes.append("industries:" + ",".join(r.shared_industries))
    if r.bridged_terms:
        codes.append("bridged:" + ",".join(f"{a}={b}" for a, b in r.bridged_terms))
    if r.shared_terms:
        codes.append("terms:" + ",".join(r.shared_terms))
    if r.kind_fit:
        codes.append("kind")
    if r.country_fit:
        codes.append("country:" + r.country_fit)
    return codes or ["similar"]


def main() -> None:
    """Print the four shares before and after over every indexed organisation."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    loaded = adapter.current()
    keys = [k for k in loaded.index.ids if ItemKey(k).is_organisation]
    if args.limit:
        keys = keys[: args.limit]
    now = timezone.now()
    before = {"cards": 0, "own": 0, "first": 0, "repeat": 0, "weak": 0, "lists": 0}
    after = dict(before)
    with translation.override("en"):
        for key in keys:
            _text, found = ranking_for(loaded, key, ItemKey(key).pk, now=now, k=args.k)
            if len(found) < 2:
                continue
            reasons = [s.reasons for s in found]
            # Before: every line on every card, in the fixed order.
            cards = [before_codes(r) for r in reasons]
            shared = set.intersection(*(set(c) for c in cards))
            own_flags = []
            for codes in cards:
                own = [c for c in codes if c.split(":")[0] in BUSINESS and c not in shared]
                before["own"] += bool(own)
                before["first"] += codes[0].split(":")[0] in BUSINESS and codes[0] not in shared
                before["repeat"] += bool(shared & set(codes))
                own_flags.append(bool(own))
            before["weak"] += 0  # the page never said so
            before["cards"] += len(cards)
            before["lists"] += 1
            # After: ordered by contribution, the list-wide lines said once above.
            shown = shown_reasons(reasons, {})
            ranked = [ranked_reasons(r, {}) for r in reasons]
            common = set(shown.common)
            for lines in ranked:
                own_lines = [x for x in lines if x.text not in common]
                after["own"] += any(x.business for x in own_lines)
                after["first"] += bool(own_lines) and own_lines[0].business
                after["repeat"] += 0  # list-wide lines are no longer on the cards
            after["weak"] += shown.weak
            after["cards"] += len(ranked)
            after["lists"] += 1
    print(f"organisations: {before['lists']}, cards: {before['cards']} (k={args.k})")
    print(f"{'measure':38} {'before':>7} {'after':>7}")
    for name, label, total in (
        ("own", "own business reason (share of cards)", "cards"),
        ("first", "first line own business reason", "cards"),
        ("repeat", "card repeats a list-wide line", "cards"),
        ("weak", "lists said to be weak", "lists"),
    ):
        b = before[name] / max(1, before[total])
        a = after[name] / max(1, after[total])
        print(f"{label:38} {b:7.3f} {a:7.3f}")


if __name__ == "__main__":
    main()
