"""Access rules live in each app's access.py; pages map domain errors through one decorator."""

from __future__ import annotations

import ast
from pathlib import Path

import yeongilman

APPS = Path(yeongilman.__file__).parent


def _view_modules() -> list[Path]:
    """Every module of pages: views.py, any *_views.py, and the modules of a views/ package."""
    return sorted(
        p for p in APPS.rglob("*.py") if p.name.endswith("views.py") or p.parent.name == "views"
    )


def test_every_kind_of_view_module_is_checked() -> None:
    names = {str(p.relative_to(APPS)) for p in _view_modules()}
    assert {"meetings/hybrid_views.py", "onsite/printing/views.py", "portal/views.py"} <= names


def test_no_view_raises_djangos_permission_denied() -> None:
    """A view raises the domain's PermissionDenied (from access.py) and lets the decorator
    answer 403, instead of building Django's exception with its own message."""
    offenders = []
    for path in _view_modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "django.core.exceptions"
                and any(alias.name == "PermissionDenied" for alias in node.names)
            ):
                offenders.append(str(path.relative_to(APPS)))
    assert offenders == []


def test_views_that_read_access_rules_use_the_decorator() -> None:
    """Every page function is wrapped, so a NotFound
    or PermissionDenied from those rules becomes 404 or 403, never 500."""
    missing = []
    for path in _view_modules():
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            args = node.args.args
            returns = ast.unparse(node.returns) if node.returns else ""
            if not args or args[0].arg != "request" or "Response" not in returns:
                continue
            names = {getattr(d, "id", getattr(d, "attr", "")) for d in node.decorator_list}
            if "domain_errors_as_pages" not in names:
                missing.append(f"{path.relative_to(APPS)}:{node.name}")
    assert missing == []
