"""Playwright driving Debian's Chromium against a live server with the real demo data."""

from __future__ import annotations

import importlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

CHROMIUM = os.environ.get("YV_CHROMIUM", "/usr/bin/chromium")
# The closed network here refuses Chromium's background connections; keep it quiet and local.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; run scripts/system-deps.sh test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


# On SQLite the loaded demo is kept as a copy of the whole database (SQLite's backup API)
# and copied back for the next test of this process: the same rows, without generating the
# invented world again (load_demo is deterministic; its files stay in the media folder).
_DEMO_COPIES: dict[str, sqlite3.Connection] = {}


@pytest.fixture
def demo_data(transactional_db) -> None:
    from django.db import connection

    key = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and key in _DEMO_COPIES:
        connection.ensure_connection()
        _DEMO_COPIES[key].backup(connection.connection)
        return
    # Transactional tests empty every table afterwards, the migrated taxonomy included.
    taxonomy = importlib.import_module("yeongilman.directory.migrations.0003_industry_taxonomy")
    taxonomy.add(django_apps, None)
    synonyms = importlib.import_module("yeongilman.directory.migrations.0006_industry_synonyms")
    synonyms.fill(django_apps, None)
    call_command("load_demo", verbosity=0)
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _DEMO_COPIES[key] = copy


DEMO_PASSWORD = "yeongilman-demo"


def signed_in(browser, base_url: str, email: str, password: str = DEMO_PASSWORD, *,
              width: int = 1366, height: int = 900) -> tuple[Any, Any]:  # fmt: skip
    """A new browser context signed in through the log-in page (English), and its page; the
    caller closes the context."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(base_url + "/en/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    return context, page


def confirm_step(page) -> None:
    """On the confirm page of an irreversible step (publishing, advancing a stage): wait for it
    to load, give the reasons it asks for (the demo's call is decided before its deadline,
    reviews waived), then confirm."""
    form = page.locator(".confirm-step form")
    form.wait_for()
    for field in ("#close_early_reason", "#waive_reviews_reason"):
        if form.locator(field).count():
            form.locator(field).fill("Decided early for the demo's walk-through.")
    form.locator("button.danger[type=submit]").click()
