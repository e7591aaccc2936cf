"""The funnel from meeting request to agreement as plain tables for the briefing report
("talked": the two sides wrote to each other on the platform)."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from yeongilman.insights.extensions import FunnelTable
from yeongilman.outcomes.selectors import FunnelRow, funnels


def _cell(row: FunnelRow, stage: str) -> str:
    count = row.counts[stage]
    rate = row.rates.get(stage)
    if rate is None or stage == "requested":
        return str(count)
    return f"{count} ({formats.number_format(rate * 100, 1)} %)"


def funnel_tables(year_from: int, year_to: int) -> list[FunnelTable]:
    """Meetings per event, partner country and year of the period, in the active language;
    groups without meetings are left out, and so is a table with no rows."""
    titles = {
        "event": (_("B2B meetings by event"), _("Event")),
        "country": (_("B2B meetings by partner country"), _("Partner country")),
        "year": (_("B2B meetings by year"), _("Year")),
    }
    tables = []
    for by, rows in funnels(year_from=year_from, year_to=year_to).items():
        if not rows:
            continue
        title, group = titles[by]
        header = [group, _("Requested"), _("Talked"), _("Accepted"), _("Held"),
                  _("In negotiation"), _("Agreement")]  # fmt: skip
        body = [
            [row.label, *(_cell(row, s) for s in ("requested", "talked", "accepted", "held",
                                                  "negotiation", "agreement"))]
            for row in rows
        ]  # fmt: skip
        tables.append((title, header, body))
    return tables
