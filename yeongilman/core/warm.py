"""Work every web process would otherwise do on its first requests, done once before it serves.

Called from gunicorn's master (deploy/gunicorn.conf.py, before the workers fork, so they share
the result): the URLconf with every view and API schema behind it (about 0.9 s), both
languages' catalogues, every template compiled, the CLDR names of countries and the PDF font
(`core.pdf`: its cut is made once per installation, then only read). Without it, the first
page a worker served after start-up took about a second, and a badge several.
`warm_process` touches no database; `warm_pages`, called in each worker once it is forked,
serves the pages a newcomer opens first so their queries and caches are ready.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import cast

from babel import Locale
from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver, reverse
from django.utils import translation

from yeongilman.core.pdf import warm_fonts


def template_names() -> list[str]:
    """Every template of the project and its apps, as `get_template` names it."""
    dirs = cast(list[str], settings.TEMPLATES[0]["DIRS"])
    folders = [Path(folder) for folder in dirs]
    folders += [
        Path(app.path) / "templates"
        for app in apps.get_app_configs()
        if app.name.startswith("yeongilman.")
    ]
    return sorted(
        {
            str(path.relative_to(folder))
            for folder in folders
            if folder.is_dir()
            for path in folder.rglob("*.html")
        }
    )


def warm_process() -> float:
    """Load what the first requests of a process would load; returns the seconds it took."""
    started = time.monotonic()
    get_resolver().url_patterns  # noqa: B018 - importing the URLconf (views, API) is the point
    engine = engines["django"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("portal:home")  # the language's reverse lookups
            Locale.parse(code).territories  # noqa: B018 - CLDR's data, read once
    for name in template_names():
        try:
            engine.get_template(name)  # compiled once, kept by the cached loader
        except (TemplateDoesNotExist, TemplateSyntaxError):  # a partial of another engine
            continue
    warm_fonts()
    return time.monotonic() - started


# What a newcomer opens first: the home page, the directory and the API's documentation.
FIRST_PAGES = (
    "/ko/", "/en/", "/ko/directory/", "/en/directory/", "/api/v1/docs", "/api/v1/openapi.json",
)  # fmt: skip


def warm_pages(paths: tuple[str, ...] = FIRST_PAGES) -> dict[str, int]:
    """Serve each page once inside this process, as an anonymous visitor; returns each
    page's status (a failure is logged by the page's own handling, never raised here)."""
    from django.test import Client

    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    return {path: client.get(path, secure=True).status_code for path in paths}
