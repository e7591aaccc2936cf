"""How often members give feedback on suggestions, and what it changes in their first ten."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yeongilman.matchmaking.selectors import feedback_effect, item_names


class Command(BaseCommand):
    help = "Report suggestion feedback: how much there is and how it changes the suggestions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-k", type=int, default=10, help="How many suggestions to compare.")

    def handle(self, *args: Any, **options: Any) -> None:
        k = options["k"]
        report = feedback_effect(k=k)
        total = sum(report.verdicts.values())
        share = len(report.subjects) / report.subjects_indexed if report.subjects_indexed else 0
        self.stdout.write(
            f"{total} feedback marks ("
            + ", ".join(f"{v} {n}" for v, n in sorted(report.verdicts.items()))
            + f") on {len(report.subjects)} of {report.subjects_indexed} indexed items "
            f"({share:.0%})."
        )
        names = item_names([key for e in report.subjects for key in (e.subject, *e.moved_out)])
        for effect in report.subjects:
            out = "; ".join(names[key] for key in effect.moved_out) or "none"
            self.stdout.write(
                f"{names[effect.subject]}: {dict(effect.verdicts)}; in the first {k}: "
                f"{effect.hidden_removed} hidden gone, {effect.marked_out} marked not useful gone, "
                f"{len(effect.moved_out)} others pushed out "
                f"({out}), {effect.moved_down} moved down."
            )
