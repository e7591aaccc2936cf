"""Which language a message is written in: Korean or English, told apart by their scripts
(no model, no network). The writer may correct it."""

from __future__ import annotations

import unicodedata

LANGUAGES = ("ko", "en")


def _hangul(char: str) -> bool:
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3  # syllables
        or 0x1100 <= code <= 0x11FF  # jamo
        or 0x3130 <= code <= 0x318F  # compatibility jamo
    )


def _latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def detect_language(text: str) -> str:
    """ "ko" when Hangul carries the text, "en" when Latin letters do, "" when neither (digits,
    emoji, another script). A Hangul syllable counts double: it holds a word's worth of
    letters, so "LFP 양극재 샘플을 보내 주실 수 있나요?" reads as Korean, and "Meet Dr. 김 at
    the booth" as English."""
    hangul = latin = 0
    for char in text:
        if _hangul(char):
            hangul += 1
        elif (
            char.isascii()
            and char.isalpha()
            or char.isalpha()
            and unicodedata.name(char, "").startswith("LATIN")
        ):
            latin += 1
    if not hangul and not latin:
        return ""
    return "ko" if hangul * 2 >= latin else "en"
