"""What apps above insights add to its operators' dashboard and briefing.

Insights stands below the outcomes app, yet its dashboard and briefing show the meeting funnel
(requested → accepted → held → in negotiation → agreement), which outcomes computes. Outcomes
hands insights its two functions at start-up (`OutcomesConfig.ready`); without it installed the
dashboard and the briefing simply leave the funnel out. One of the two named exceptions to
"a lower floor never learns about a higher one" (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FunnelTable = tuple[str, list[str], list[list[str]]]  # title, header, rows

_funnel_groups: Callable[[int | None, int | None], Any] | None = None
_funnel_tables: Callable[[int, int], list[FunnelTable]] | None = None


def provide_meeting_funnel(
    *,
    groups: Callable[[int | None, int | None], Any],
    tables: Callable[[int, int], list[FunnelTable]],
) -> None:
    """Called once by the app that computes the funnel: its rows per group, and as tables."""
    global _funnel_groups, _funnel_tables
    _funnel_groups, _funnel_tables = groups, tables


def meeting_funnel(year_from: int | None, year_to: int | None) -> Any:
    """The funnel per event, partner country and year (None when no app provides it)."""
    return _funnel_groups(year_from, year_to) if _funnel_groups else None


def meeting_funnel_tables(year_from: int, year_to: int) -> list[FunnelTable]:
    """The funnel as tables for the briefing (empty when no app provides it)."""
    return _funnel_tables(year_from, year_to) if _funnel_tables else []
