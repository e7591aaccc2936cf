"""Small database expressions shared by models and queries."""

from __future__ import annotations

from django.db.models import CharField, Func


class BlankToNull(Func):
    """NULLIF(value, '') with the empty string written into the SQL, not bound as a parameter.

    An index on an expression is used only when a query spells the same expression; a bound
    parameter would never match, a literal does.
    """

    template = "NULLIF(%(expressions)s, '')"
    arity = 1
    output_field = CharField()
