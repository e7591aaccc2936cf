"""Room for machine translation, off by default: nothing is sent anywhere unless an operator
sets YV_TRANSLATION_BACKEND. The one backend is "libretranslate": a LibreTranslate-compatible
server the site runs itself (YV_TRANSLATION_URL, optional YV_TRANSLATION_KEY). A translation
is asked for by a reader, stored once per message and language, and always labelled as
translated automatically."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass

from django.conf import settings


class TranslationUnavailable(Exception):
    """The backend did not answer with a translation."""


@dataclass(frozen=True)
class LibreTranslate:
    """POST {q, source, target, format} to <url>/translate; the answer's translatedText."""

    url: str
    key: str = ""
    timeout: float = 5.0
    name: str = "libretranslate"

    def translate(self, text: str, source: str, target: str) -> str:
        """The text in the target language, or TranslationUnavailable."""
        body = {"q": text, "source": source, "target": target, "format": "text"}
        if self.key:
            body["api_key"] = self.key
        request = urllib.request.Request(  # noqa: S310 - an address the operator configured
            self.url.rstrip("/") + "/translate",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                translated = json.loads(answer.read(1_000_000)).get("translatedText")
        except (OSError, ValueError, AttributeError) as error:
            raise TranslationUnavailable(str(error)) from error
        if not isinstance(translated, str) or not translated.strip():
            raise TranslationUnavailable("no translatedText in the answer")
        return translated


def translator() -> LibreTranslate | None:
    """The configured backend, or None (the default: machine translation is off)."""
    if settings.YV_TRANSLATION_BACKEND == "libretranslate" and settings.YV_TRANSLATION_URL:
        return LibreTranslate(
            url=settings.YV_TRANSLATION_URL,
            key=settings.YV_TRANSLATION_KEY,
            timeout=float(settings.YV_TRANSLATION_TIMEOUT_SECONDS),
        )
    return None
