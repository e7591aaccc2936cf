"""What every PDF the platform prints shares: a font with Hangul and the platform's name."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


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


PLATFORM = "Yeongilman Valley · 영일만 밸리"
