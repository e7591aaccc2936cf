"""While the database cannot be reached, pages and the API answer 503 with Retry-After (not
500), and an unknown API address answers the API's JSON 404."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.conftest import login


@pytest.fixture
def database_down() -> Iterator[None]:
    """Every query fails as it does while PostgreSQL is stopped."""
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=refused):
        yield


@pytest.fixture
def browser() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_a_page_answers_503_with_retry_after_while_the_database_is_down(browser, database_down):
    response = browser.get("/en/directory/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    assert "Briefly unavailable" in response.content.decode()


@pytest.mark.django_db
def test_a_signed_in_page_in_korean_answers_503_while_the_session_cannot_be_read(browser, member):
    login(browser, member)
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=InterfaceError("connection already closed")
    ):
        response = browser.get("/ko/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "잠시 이용할 수 없음" in response.content.decode()


@pytest.mark.django_db
def test_the_api_answers_json_503_while_the_database_is_down(browser, database_down):
    response = browser.get("/api/v1/events", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "The database cannot be reached at the moment. Please try again shortly."
    }


@pytest.mark.django_db
def test_an_unknown_api_address_answers_json_404(browser):
    response = browser.get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_an_unknown_page_still_answers_the_html_404(browser):
    response = browser.get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
