"""What every PDF the platform prints shares: a font with Hangul and the platform's name.

Debian's Noto CJK collection holds 65,000 glyphs in 19 MB; fpdf2 reads and subsets it for
every document, which made one badge take seconds. `prepare_korean_font` keeps, once per
installation (in YV_DATA_DIR/fonts, made beside the server's start-up by `core.warm`), the
Korean face cut to Hangul, Latin and punctuation; a document whose text that cut covers uses
it (`font_for`), anything else (Hanja, kana, rarer scripts) the whole font.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)

PLATFORM = "Yeongilman Valley · 영일만 밸리"

# What printed names, organisations, titles and the platform's own words use.
PREPARED_RANGES: tuple[tuple[int, int], ...] = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x24F),  # Latin-1, Latin Extended-A and -B (romanised and European names)
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2000, 0x206F),  # general punctuation (– — · …)
    (0x20A0, 0x20BF),  # currency (₩)
    (0x2100, 0x214F),  # letterlike symbols (№, ™)
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed numbers
    (0x25A0, 0x25FF),  # geometric shapes
    (0x3000, 0x303F),  # CJK punctuation
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xFF00, 0xFFEF),  # full-width forms
)


def korean_font() -> Path:
    """A font with Hangul: the setting, else Debian's Noto CJK or Nanum."""
    candidates = [
        settings.YV_REPORT_FONT,
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError("No Korean font: install fonts-noto-cjk or set YV_REPORT_FONT")


def face_number(font: Path) -> int:
    """The Korean face of a font file: 1 in Noto's CJK collections, else the only one."""
    return 1 if font.suffix.lower() == ".ttc" else 0


def prepared_font_path(source: Path | None = None) -> Path:
    """Where the cut of `source` is kept: named after the file, its size and its age, so a
    new font makes a new cut."""
    source = source or korean_font()
    stat = source.stat()
    name = f"{source.stem}-{face_number(source)}-{stat.st_size}-{int(stat.st_mtime)}.otf"
    return Path(settings.DATA_DIR) / "fonts" / name


def prepare_korean_font(
    source: Path | None = None, ranges: Iterable[tuple[int, int]] | None = None
) -> Path:
    """Make the cut of the Korean font if it is not there yet (slow: tens of seconds, once per
    installation) and return its path."""
    from fontTools import subset, ttLib

    source = source or korean_font()
    target = prepared_font_path(source)
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    font = ttLib.TTFont(source, fontNumber=face_number(source), recalcTimestamp=False)
    options = subset.Options(
        notdef_outline=True, recommended_glyphs=True, desubroutinize=True, hinting=False,
        layout_features=[], name_IDs=["*"],
    )  # fmt: skip
    cutter = subset.Subsetter(options)
    wanted = ranges if ranges is not None else PREPARED_RANGES
    cutter.populate(unicodes=[c for low, high in wanted for c in range(low, high + 1)])
    cutter.subset(font)
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    font.save(partial)
    os.replace(partial, target)  # whole or absent: a process reading it never sees half
    log.info("prepared %s from %s", target, source)
    return target


@lru_cache(maxsize=4)
def _characters(font: Path) -> frozenset[int]:
    from fontTools import ttLib

    with ttLib.TTFont(font, fontNumber=face_number(font), lazy=True) as opened:
        return frozenset(opened.getBestCmap())


def font_for(texts: Iterable[str]) -> tuple[Path, int]:
    """The font file and face for a document of these texts: the prepared cut when it exists
    and has every character, else the whole Korean font."""
    source = korean_font()
    prepared = prepared_font_path(source)
    if prepared.is_file():
        needed = {ord(ch) for text in texts for ch in text if not ch.isspace()}
        if needed <= _characters(prepared):
            return prepared, 0
    return source, face_number(source)


def warm_fonts() -> subprocess.Popen[bytes] | None:
    """Read the cut's character list (once per process); when the cut is missing, start
    `manage.py prepare_pdf_font` beside the server (tens of seconds, once per installation) and
    return that process: the server does not wait, and prints with the whole font meanwhile."""
    try:
        prepared = prepared_font_path()
    except FileNotFoundError as exc:  # no Korean font at all: PDFs will say so when asked for
        log.warning("PDF font: %s", exc)
        return None
    if prepared.is_file():
        _characters(prepared)
        return None
    if not settings.YV_PDF_FONT_PREPARE:  # prepared at install time, or never
        return None
    manage = Path(settings.BASE_DIR) / "manage.py"
    return subprocess.Popen(  # noqa: S603 - our own command, no input from outside
        [sys.executable, str(manage), "prepare_pdf_font"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
