"""Small database expressions shared by models and queries."""

from __future__ import annotations

from django.db.models import CharField, Func, Model


class BlankToNull(Func):
    """NULLIF(value, '') with the empty string written into the SQL, not bound as a parameter.

    An index on an expression is used only when a query spells the same expression; a bound
    parameter would never match, a literal does.
    """

    template = "NULLIF(%(expressions)s, '')"
    arity = 1
    output_field = CharField()


def lock_for_change(instance: Model) -> None:
    """Re-read the row inside the caller's transaction and hold it until the commit, so a
    state change checks the state as it is now, and a second request for the same change
    waits and then sees it done. (SQLite has no row locks; its transactions begin with the
    write lock instead, which serialises writers the same way.)"""
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update())
