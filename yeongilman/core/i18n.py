"""Bilingual content helpers: show the viewer's language first, fall back to the other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

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
    # The language the text was picked for (the reader's); "" when unknown.
    reader_lang: str = ""

    def __str__(self) -> str:
        return self.primary or self.secondary

    @property
    def in_other_language(self) -> bool:
        """True when the reader gets it in the other language (theirs was left empty)."""
        return (
            bool(self.primary) and bool(self.reader_lang) and self.primary_lang != self.reader_lang
        )


def pick(ko: str, en: str, language: str | None = None) -> BilingualText:
    """Order a Korean/English pair for the viewer; an empty side becomes the fallback."""
    lang = language or current_language()
    ko, en = (ko or "").strip(), (en or "").strip()
    if lang == "en":
        first, first_lang, second, second_lang = en, "en", ko, "ko"
    else:
        first, first_lang, second, second_lang = ko, "ko", en, "en"
    if not first:
        return BilingualText(second, second_lang, "", first_lang, lang)
    return BilingualText(first, first_lang, second, second_lang, lang)


class Bilingual:
    """A model attribute that reads a Korean/English column pair in the viewer's language:
    `title = Bilingual()` reads `title_ko`/`title_en`; `Bilingual("name_ko", "name_latin")`
    names the pair. The columns stay (search indexes read them); only the reading is shared."""

    def __init__(self, ko: str | None = None, en: str | None = None) -> None:
        self.ko, self.en = ko, en

    def __set_name__(self, owner: type, name: str) -> None:
        self.ko = self.ko or f"{name}_ko"
        self.en = self.en or f"{name}_en"

    @overload
    def __get__(self, instance: None, owner: type) -> Bilingual: ...

    @overload
    def __get__(self, instance: object, owner: type) -> BilingualText: ...

    def __get__(self, instance: object | None, owner: type) -> Bilingual | BilingualText:
        if instance is None:
            return self
        return pick(getattr(instance, str(self.ko)), getattr(instance, str(self.en)))


# What is missing, by pair: "Give the title in Korean or English."
NOUNS: dict[str, Promise] = {
    "title": pgettext_lazy("the missing part of a pair", "title"),
    "name": pgettext_lazy("the missing part of a pair", "name"),
    "label": pgettext_lazy("the missing part of a pair", "label"),
    "description": pgettext_lazy("the missing part of a pair", "description"),
}


def one_language_errors(field: str, ko: Any, en: Any) -> dict[str, list[str]]:
    """The field errors when neither side of a pair has text, else {}.

    One rule everywhere: the error sits on `<field>_ko`, the side every form and import file
    shows first, so pages, the API and import reports point at the same place."""
    if str(ko or "").strip() or str(en or "").strip():
        return {}
    message = _("Give the %(what)s in Korean or English.") % {"what": NOUNS.get(field, field)}
    return {f"{field}_ko": [message]}
