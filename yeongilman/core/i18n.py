"""Bilingual content helpers: show the viewer's language first, fall back to the other."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

SUPPORTED = ("ko", "en")


def current_language() -> str:
    """Return the active UI language, reduced to 'ko' or 'en'."""
    lang = (get_language() or "ko")[:2]
    return lang if lang in SUPPORTED else "ko"


@dataclass(frozen=True)
class BilingualText:
    """One piece of content in the viewer's language first, with the other language beside it."""

    primary: str
    primary_lang: str
    secondary: str
    secondary_lang: str

    def __str__(self) -> str:
        return self.primary or self.secondary


def pick(ko: str, en: str, language: str | None = None) -> BilingualText:
    """Order a Korean/English pair for the viewer; an empty side becomes the fallback."""
    lang = language or current_language()
    ko, en = (ko or "").strip(), (en or "").strip()
    if lang == "en":
        first, first_lang, second, second_lang = en, "en", ko, "ko"
    else:
        first, first_lang, second, second_lang = ko, "ko", en, "en"
    if not first:
        return BilingualText(second, second_lang, "", first_lang)
    return BilingualText(first, first_lang, second, second_lang)
