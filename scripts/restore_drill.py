"""Backup and restore drill: back up a live site as docs/operations.md says, restore it into an
empty database and data directory, and check that everything came back.

    bash scripts/with-postgres.sh .venv/bin/python scripts/restore_drill.py

Steps: a fresh database with the demo data and an applicant's private upload; `pg_dump -Fc` of
the database and a tar of the private and public media; a new empty database and directory;
`pg_restore` and the tar unpacked; then every table's row count, the upload's bytes and a
rendered page are compared. Prints each step with its time and exits non-zero on a mismatch.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _step(title: str, started: float) -> None:
    print(f"  {title}: {time.perf_counter() - started:.1f} s")


def _env(database_url: str, data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "YV_DATA_DIR": str(data),
        "YV_PRIVATE_MEDIA_ROOT": str(data / "private"),
        "DJANGO_MEDIA_ROOT": str(data / "media"),
        "YV_MATCHING_AUTO_INDEX": "0",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def _counts(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            # Table names come from pg_tables, not from input.
            t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # type: ignore[index]  # noqa: S608
            for t in tables
        }


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


UPLOAD = """
from django.core.files.base import ContentFile
from yeongilman.core.storage import private_storage
print(private_storage().save("drill/brochure.pdf", ContentFile(b"%PDF-1.4 restore drill")))
"""

PAGE = """
from django.test import Client
from django.conf import settings
settings.ALLOWED_HOSTS = ["testserver"]
page = Client().get("/ko/directory/?q=배터리")
print(page.status_code, page.content.decode().count('class="result'))
"""


def main() -> None:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Run under scripts/with-postgres.sh (needs PostgreSQL).")
    pg_bin = Path(subprocess.check_output(["pg_config", "--bindir"], text=True).strip())  # noqa: S607
    for tool in ("pg_dump", "pg_restore"):
        if not (pg_bin / tool).exists():
            pg_bin = Path(shutil.which(tool) or tool).parent
    work = Path(tempfile.mkdtemp(prefix="yv-drill-"))
    live_url = urlunsplit(urlsplit(base)._replace(path="/yv_live"))
    restored_url = urlunsplit(urlsplit(base)._replace(path="/yv_restored"))
    with psycopg.connect(base, autocommit=True) as connection:
        for name in ("yv_live", "yv_restored"):
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute("CREATE DATABASE yv_live")

    print("1. a live site")
    started = time.perf_counter()
    live = _env(live_url, work / "live")
    _manage(live, "migrate", "--noinput", "-v0")
    _manage(live, "load_demo")
    _manage(live, "shell", "-c", UPLOAD)
    _step("migrated, demo data and an applicant's upload", started)

    print("2. backup (what the nightly job does)")
    started = time.perf_counter()
    dump = work / "backup" / "yeongilman.dump"
    dump.parent.mkdir(parents=True)
    subprocess.run(  # noqa: S603
        [str(pg_bin / "pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", live_url],
        check=True,
    )
    files = work / "backup" / "files.tar.gz"
    with tarfile.open(files, "w:gz") as tar:
        for folder in ("private", "media"):
            if (work / "live" / folder).exists():
                tar.add(work / "live" / folder, arcname=folder)
    sizes = f"pg_dump {dump.stat().st_size // 1024} kB, files {files.stat().st_size // 1024} kB"
    _step(sizes, started)

    print("3. restore into an empty database and data directory")
    started = time.perf_counter()
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute("CREATE DATABASE yv_restored")
    subprocess.run(  # noqa: S603
        [str(pg_bin / "pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={restored_url}",
         str(dump)],
        check=True,
    )  # fmt: skip
    (work / "restored").mkdir()
    with tarfile.open(files) as tar:
        tar.extractall(work / "restored", filter="data")
    restored = _env(restored_url, work / "restored")
    _manage(restored, "migrate", "--check")  # the schema is complete: nothing left to apply
    _step("pg_restore, files unpacked, migrations up to date", started)

    print("4. checks")
    live_counts, restored_counts = _counts(live_url), _counts(restored_url)
    differing = {t for t in live_counts if live_counts[t] != restored_counts.get(t)}
    print(f"  tables: {len(live_counts)}, rows: {sum(live_counts.values())}, "
          f"differing tables: {sorted(differing) or 'none'}")  # fmt: skip
    same_files = _digest(work / "live" / "private") == _digest(work / "restored" / "private")
    print(f"  private files identical: {same_files}")
    live_page = _manage(live, "shell", "-c", PAGE).strip().splitlines()[-1].split()
    restored_page = _manage(restored, "shell", "-c", PAGE).strip().splitlines()[-1].split()
    print(f"  directory search page (status, results): live {live_page}, restored {restored_page}")
    shutil.rmtree(work)
    if differing or not same_files or live_page != restored_page or live_page[0] != "200":
        sys.exit("RESTORE DRILL FAILED")
    print("restore drill passed")


if __name__ == "__main__":
    main()
