"""Names of downloaded files: what the file holds, in the reader's language, with a plain ASCII
name beside it for programs that cannot read the other (RFC 6266 `filename` and `filename*`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TypeVar
from urllib.parse import quote

from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.functional import Promise

from yeongilman.core.i18n import BilingualText

NamePart = str | Promise | BilingualText

# Characters no file system or browser takes in a name, and control characters.
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|;]+')
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM = 120
R = TypeVar("R", bound=HttpResponseBase)


def _clean(text: str) -> str:
    return " ".join(_FORBIDDEN.sub(" ", text).split())


def _english(part: NamePart) -> str:
    """The part as an English reader would name it (English side of a pair, English label)."""
    if isinstance(part, BilingualText):
        english = part.primary if part.primary_lang == "en" else part.secondary
        return english or part.primary
    if isinstance(part, Promise):
        with translation.override("en"):
            return str(part)
    return part


def _join(parts: Sequence[str], extension: str, separator: str) -> str:
    stem = separator.join(p for p in parts if p)[:MAX_STEM].strip(" .-")
    return f"{stem or 'download'}.{extension}"


def download_names(parts: Sequence[NamePart], extension: str) -> tuple[str, str]:
    """The file's name in the reader's language ("CES 2027 - 미팅 배정표.xlsx") and its ASCII
    fallback ("CES-2027-booking-matrix.xlsx"), from the parts that say what it holds."""
    shown = _join([_clean(str(p)) for p in parts], extension, " - ")
    plain: list[str] = []
    for part in parts:
        ascii_text = unicodedata.normalize("NFKD", _english(part))
        ascii_text = ascii_text.encode("ascii", "ignore").decode()
        plain.append(_NOT_ASCII_SAFE.sub("-", ascii_text).strip("-."))
    fallback = re.sub(r"-{2,}", "-", _join(plain, extension, "-"))
    return shown, fallback


def content_disposition(parts: Sequence[NamePart], extension: str, *, inline: bool = False) -> str:
    """A Content-Disposition header value naming the file after what it holds."""
    shown, fallback = download_names(parts, extension)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(shown, safe='')}"


def name_download(
    response: R, parts: Sequence[NamePart], extension: str, *, inline: bool = False
) -> R:
    """Set the response's file name (see `content_disposition`) and return the response."""
    response["Content-Disposition"] = content_disposition(parts, extension, inline=inline)
    return response
