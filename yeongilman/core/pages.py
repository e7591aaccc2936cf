"""Page helpers: domain errors from services become the right HTTP answers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from yeongilman.core.errors import NotAuthenticated, NotFound, PermissionDenied

View = Callable[..., HttpResponseBase]

# A page that shows other domain errors as messages re-raises these (`except ACCESS_ERRORS:
# raise`), so that `domain_errors_as_pages` answers them as 404, 403 or the login page.
ACCESS_ERRORS = (NotFound, PermissionDenied, NotAuthenticated)


def domain_errors_as_pages(view: View) -> View:
    """NotFound → 404, PermissionDenied → 403, NotAuthenticated → the login page."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc
        except NotAuthenticated:
            return redirect_to_login(request.get_full_path())

    return wrapped
