"""schemathesis calls the WSGI application directly: keep the test's database connection open
across those requests, as Django's own test client does."""

import pytest
from django.core import signals
from django.db import close_old_connections


@pytest.fixture(autouse=True)
def _connection_kept_across_requests():
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
