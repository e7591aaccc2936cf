"""SQL for the organisation full-text index, shared by the migrations that need it.

SQLite rebuilds a table when a migration alters it, and its triggers go with the old table:
a migration that changes directory_organisation must end with `sqlite_triggers_restored`.
"""

SQLITE_TABLE = [
    """CREATE VIRTUAL TABLE directory_organisation_fts USING fts5(
        search_names, search_body,
        content='directory_organisation', content_rowid='id', tokenize='unicode61')""",
]
SQLITE_TRIGGERS = [
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
]
SQLITE_REBUILD = "INSERT INTO directory_organisation_fts(directory_organisation_fts) VALUES ('rebuild')"
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




def sqlite_triggers_restored(apps, schema_editor):
    """Re-create the FTS5 triggers (dropped by a table rebuild) and re-index every row."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in SQLITE_DOWN[:3]:
        schema_editor.execute(statement)
    for statement in SQLITE_TRIGGERS:
        schema_editor.execute(statement)
    schema_editor.execute(SQLITE_REBUILD)
