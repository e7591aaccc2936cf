"""Both catalogues are complete and keep every placeholder; pages really switch language."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.mark.parametrize("language", ["ko", "en"])
def test_catalogue_is_complete_and_keeps_placeholders(language):
    po = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
    )
    assert len(po) > 200
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    for entry in po.translated_entries():
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(entry.msgid)), (
                entry.msgid
            )


def test_korean_catalogue_is_really_korean():
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "ko" / "LC_MESSAGES" / "django.po"))
    hangul = [e for e in po if re.search(r"[가-힣]", e.msgstr or "".join(e.msgstr_plural.values()))]
    assert len(hangul) / len(po) > 0.9


def test_korean_keeps_time_zone_and_time_slot_apart():
    """A time zone is 표준시간대; plain 시간대 is kept for a meeting's time slot."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "ko" / "LC_MESSAGES" / "django.po"))
    for entry in po:
        if "zone" in entry.msgid.lower() and "slot" not in entry.msgid.lower():
            assert "시간대" not in entry.msgstr.replace("표준시간대", ""), entry.msgid
        if re.search(r"\bslots?\b", entry.msgid) and "zone" not in entry.msgid.lower():
            assert "표준시간대" not in entry.msgstr, entry.msgid


def test_every_page_has_the_language_switch(client, battery_startup):
    for path in [
        "/ko/",
        "/en/directory/",
        f"/ko/directory/o/{battery_startup.slug}/",
        "/en/accounts/login/",
    ]:
        body = client.get(path).content.decode()
        assert 'name="language" value="ko"' in body and 'name="language" value="en"' in body, path
