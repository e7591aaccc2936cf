"""Full-text index over the pre-analysed token columns, per database.

SQLite: an external-content FTS5 table kept in step by triggers.
PostgreSQL: a stored, weighted tsvector column (names A, body B) with a GIN index.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE directory_organisation_fts USING fts5(
        search_names, search_body,
        content='directory_organisation', content_rowid='id', tokenize='unicode61')""",
    """CREATE TRIGGER directory_organisation_fts_ai AFTER INSERT ON directory_organisation BEGIN
        INSERT INTO directory_organisation_fts(rowid, search_names, search_body)
        VALUES (new.id, new.search_names, new.search_body);
    END""",
    """CREATE TRIGGER directory_organisation_fts_ad AFTER DELETE ON directory_organisation BEGIN
        INSERT INTO directory_organisation_fts(directory_organisation_fts, rowid, search_names, search_body)
        VALUES ('delete', old.id, old.search_names, old.search_body);
    END""",
    """CREATE TRIGGER directory_organisation_fts_au AFTER UPDATE OF search_names, search_body
        ON directory_organisation BEGIN
        INSERT INTO directory_organisation_fts(directory_organisation_fts, rowid, search_names, search_body)
        VALUES ('delete', old.id, old.search_names, old.search_body);
        INSERT INTO directory_organisation_fts(rowid, search_names, search_body)
        VALUES (new.id, new.search_names, new.search_body);
    END""",
    "INSERT INTO directory_organisation_fts(directory_organisation_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS directory_organisation_fts_ai",
    "DROP TRIGGER IF EXISTS directory_organisation_fts_ad",
    "DROP TRIGGER IF EXISTS directory_organisation_fts_au",
    "DROP TABLE IF EXISTS directory_organisation_fts",
]
POSTGRES_UP = [
    """ALTER TABLE directory_organisation ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, coalesce(search_names, '')), 'A') ||
            setweight(to_tsvector('simple'::regconfig, coalesce(search_body, '')), 'B')
        ) STORED""",
    "CREATE INDEX directory_organisation_search_gin ON directory_organisation USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS directory_organisation_search_gin",
    "ALTER TABLE directory_organisation DROP COLUMN IF EXISTS search_vector",
]


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
