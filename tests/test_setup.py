"""Running the platform: demo data, synthetic data, production settings, translations compile."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from yeongilman.directory.models import Organisation

ROOT = Path(__file__).resolve().parent.parent


def test_load_demo_if_empty_leaves_existing_data_alone(db, operator):
    from tests.factories import make_organisation

    make_organisation(operator, name_en="Already here")
    call_command("load_demo", "--if-empty", verbosity=0)
    assert Organisation.objects.count() == 1


def test_generate_synthetic_marks_its_data_and_is_reproducible(db):
    call_command(
        "generate_synthetic", "--organisations", "300", "--seed", "5", "--no-progress", verbosity=0
    )
    first = list(Organisation.objects.order_by("id").values_list("name_ko", "name_en", "city"))
    assert len(first) == 300
    assert not Organisation.objects.filter(is_synthetic=False).exists()
    assert all("synthetic" in tags for tags in Organisation.objects.values_list("tags", flat=True))
    with_both = Organisation.objects.exclude(name_ko="").exclude(name_en="").count()
    assert 0 < with_both < 300  # a realistic mix of Korean-only, English-only and both
    Organisation.objects.all().delete()
    call_command(
        "generate_synthetic", "--organisations", "300", "--seed", "5", "--no-progress", verbosity=0
    )
    assert (
        list(Organisation.objects.order_by("id").values_list("name_ko", "name_en", "city")) == first
    )


def test_synthetic_organisations_are_searchable(db):
    from django.contrib.auth.models import AnonymousUser

    from yeongilman.directory.selectors import DirectoryFilters, search_directory

    call_command(
        "generate_synthetic", "--organisations", "200", "--seed", "2", "--no-progress", verbosity=0
    )
    result = search_directory(AnonymousUser(), DirectoryFilters(q="배터리", country=["KR"]))
    assert result.total > 0


def test_check_deploy_passes_with_production_variables():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
        "DJANGO_ALLOWED_HOSTS": "valley.example.kr",
        "YV_SITE_URL": "https://valley.example.kr",
        "DATABASE_URL": "postgres://yv:secret@db.example.kr:5432/yeongilman",
        "DJANGO_SECURE_HSTS_PRELOAD": "true",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def _import_production_settings(**variables: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
        **variables,
    }
    env.pop("YV_SITE_URL", None)
    env.update(variables)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production as s; print(s.YV_SITE_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_the_site_address():
    result = _import_production_settings()
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set YV_SITE_URL" in result.stderr


def test_production_refuses_a_site_address_without_its_scheme():
    result = _import_production_settings(YV_SITE_URL="valley.example.kr")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set YV_SITE_URL" in result.stderr


def test_production_takes_the_site_address_from_the_environment():
    result = _import_production_settings(YV_SITE_URL="https://valley.example.kr/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://valley.example.kr"


def test_make_run_points_links_at_the_address_it_serves():
    def dry_run(*arguments: str, **variables: str) -> str:
        env = {**os.environ, **variables}
        env.pop("YV_SITE_URL", None)
        env.update(variables)
        make = shutil.which("make") or "make"
        result = subprocess.run(  # noqa: S603 - the project's own Makefile, printed only (-n)
            [make, "-n", "run", *arguments],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    assert "YV_SITE_URL=http://127.0.0.1:8000 " in dry_run()
    assert "YV_SITE_URL=http://127.0.0.1:9000 " in dry_run("PORT=9000")
    assert "YV_SITE_URL=http://localhost:8080 " in dry_run("HOST=0.0.0.0", "PORT=8080")
    assert "YV_SITE_URL=https://valley.example.kr " in dry_run(
        YV_SITE_URL="https://valley.example.kr"
    )


def test_make_run_needs_no_npm_the_qr_decoder_is_committed_with_its_licence():
    plan = subprocess.run(  # noqa: S603
        ["make", "-n", "run"],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "npm" not in plan and "node_modules" not in plan
    decoder = ROOT / "static" / "vendor" / "jsQR.js"
    files = ["static/vendor/jsQR.js", "static/vendor/jsQR.LICENSE"]
    tracked = subprocess.run(  # noqa: S603
        ["git", "ls-files", "--error-unmatch", *files],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert tracked.returncode == 0, tracked.stderr
    assert "webpackUniversalModuleDefinition" in decoder.read_text()[:200]
    assert "Apache License" in (ROOT / "static" / "vendor" / "jsQR.LICENSE").read_text()[:200]
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/jsqr"]["license"] == "Apache-2.0"


def test_make_run_stopped_with_ctrl_c_ends_without_a_make_error(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text("sleeper: sleep 60\n")
    serving = subprocess.Popen(  # noqa: S603
        ["make", "--no-print-directory", "serve", f"PROCFILE={procfile}"],  # noqa: S607
        cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    assert serving.stdout is not None
    started = serving.stdout.readline()  # honcho says the process started
    while started and "started" not in started:  # (make's own lines under a parent make)
        started = serving.stdout.readline()
    assert "sleeper.1 started" in started
    os.killpg(serving.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    rest, _ = serving.communicate(timeout=30)
    assert "SIGINT received" in rest and "Stopped." in rest
    assert "make: ***" not in rest and "Error" not in rest
