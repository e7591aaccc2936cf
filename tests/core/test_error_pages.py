"""Error pages speak the language of the address and keep the site around them."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_missing_page_is_a_404_in_the_language_of_the_address(client: Client) -> None:
    english = client.get("/en/directory/no-such-page/")
    korean = client.get("/ko/directory/no-such-page/")
    assert english.status_code == korean.status_code == 404
    assert "Not found" in english.content.decode()
    assert "찾을 수 없음" in korean.content.decode()
    # The site's header and a way back are there, not Django's bare page.
    assert 'class="site-header"' in english.content.decode()
    assert 'href="/en/"' in english.content.decode()


@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_server_error_page_is_in_the_language_of_the_address() -> None:
    client = Client(raise_request_exception=False)
    english = client.get("/en/broken/")
    korean = client.get("/ko/broken/")
    assert english.status_code == korean.status_code == 500
    assert '<html lang="en">' in english.content.decode()
    assert "Something went wrong" in english.content.decode()
    assert '<html lang="ko">' in korean.content.decode()
    assert 'href="/ko/"' in korean.content.decode()
    assert "Traceback" not in english.content.decode()
