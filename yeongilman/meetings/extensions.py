"""What apps above meetings tell about a meeting request without meetings knowing them.

Whether a request's two sides talked on the platform is known to conversations; the meeting
funnel (outcomes) counts it. The two are neighbours on one floor and may not import each other,
so conversations hands its answer here at start-up (`ConversationsConfig.ready`) and outcomes
reads it from here; without conversations installed the funnel counts nobody as having talked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import BooleanField, OuterRef, Value

TalkedExpression = Callable[[OuterRef], Any]  # a boolean expression (e.g. Exists)

_talked: TalkedExpression | None = None


def provide_talked(expression: TalkedExpression) -> None:
    """Called once by the app that knows: a boolean expression for the request at `ref`."""
    global _talked
    _talked = expression


def talked(ref: OuterRef) -> Any:
    """True where the request's sides talked (False for all when no app provides it)."""
    return _talked(ref) if _talked else Value(False, output_field=BooleanField())


def talked_is_counted() -> bool:
    """Whether an app counts conversations (the funnel shows the column only then)."""
    return _talked is not None
