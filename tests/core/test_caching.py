"""What visitors read may be a minute old; what members see is always fresh."""

from django.core.cache import cache

from tests.conftest import login
from tests.factories import make_organisation


def test_visitors_get_cached_results_and_members_fresh_ones(
    client, settings, operator, member, battery_startup
):
    settings.YV_PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    first = client.get("/en/directory/?q=battery").content.decode()
    assert "영일만배터리" in first
    make_organisation(operator, name_en="Second Battery Works", description_en="battery packs")
    again = client.get("/en/directory/?q=battery").content.decode()
    assert "Second Battery Works" not in again  # the visitor's page is the cached one
    login(client, member)
    fresh = client.get("/en/directory/?q=battery").content.decode()
    assert "Second Battery Works" in fresh
    settings.YV_PUBLIC_CACHE_SECONDS = 0
    client.logout()
    assert "Second Battery Works" in client.get("/en/directory/?q=battery").content.decode()


def test_cached_pages_keep_each_language(client, settings, battery_startup):
    settings.YV_PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    korean = client.get("/ko/directory/?q=battery").content.decode()
    english = client.get("/en/directory/?q=battery").content.decode()
    assert "1 organisation" in english and "1 organisation" not in korean
