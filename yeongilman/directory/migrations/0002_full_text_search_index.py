"""Full-text index over the pre-analysed token columns, per database.

SQLite: an external-content FTS5 table kept in step by triggers.
PostgreSQL: a stored, weighted tsvector column (names A, body B) with a GIN index.
"""

from django.db import migrations

from ._fts import (
    POSTGRES_DOWN,
    POSTGRES_UP,
    SQLITE_DOWN,
    SQLITE_REBUILD,
    SQLITE_TABLE,
    SQLITE_TRIGGERS,
)

SQLITE_UP = [*SQLITE_TABLE, *SQLITE_TRIGGERS, SQLITE_REBUILD]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
