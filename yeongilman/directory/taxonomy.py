"""Bilingual labels for countries and the cities the ecosystem works with most."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.dates import get_timezone_name

from yeongilman.core.i18n import current_language

# ISO 3166-1 alpha-2 → (Korean, English). Unknown codes are shown as the code itself.
COUNTRIES: dict[str, tuple[str, str]] = {
    "KR": ("대한민국", "South Korea"),
    "US": ("미국", "United States"),
    "JP": ("일본", "Japan"),
    "CN": ("중국", "China"),
    "TW": ("대만", "Taiwan"),
    "SG": ("싱가포르", "Singapore"),
    "VN": ("베트남", "Vietnam"),
    "IN": ("인도", "India"),
    "DE": ("독일", "Germany"),
    "FR": ("프랑스", "France"),
    "GB": ("영국", "United Kingdom"),
    "NL": ("네덜란드", "Netherlands"),
    "SE": ("스웨덴", "Sweden"),
    "FI": ("핀란드", "Finland"),
    "IL": ("이스라엘", "Israel"),
    "CA": ("캐나다", "Canada"),
    "AU": ("호주", "Australia"),
    "AE": ("아랍에미리트", "United Arab Emirates"),
}

# Canonical (English) city name → Korean name, for the facet and the profile page.
CITIES_KO: dict[str, str] = {
    "Pohang": "포항",
    "Gyeongju": "경주",
    "Daegu": "대구",
    "Gumi": "구미",
    "Andong": "안동",
    "Seoul": "서울",
    "Busan": "부산",
    "Ulsan": "울산",
    "Daejeon": "대전",
    "Seongnam": "성남",
    "Incheon": "인천",
    "Sejong": "세종",
    "Pittsburgh": "피츠버그",
    "San Diego": "샌디에이고",
    "La Jolla": "라호야",
    "Las Vegas": "라스베이거스",
    "Boston": "보스턴",
    "San Francisco": "샌프란시스코",
    "New York": "뉴욕",
    "Sacramento": "새크라멘토",
}
CITIES_EN = {ko: en for en, ko in CITIES_KO.items()}


def country_label(code: str, language: str | None = None) -> str:
    """Name a country (ISO 3166 code) in the viewer's language, from CLDR for countries the
    table above lacks; a code no one knows stays as it is."""
    code = (code or "").upper()
    lang = language or current_language()
    names = COUNTRIES.get(code)
    if names:
        return names[1] if lang == "en" else names[0]
    return _territories(lang).get(code, code) if code else ""


@lru_cache(maxsize=2)
def _territories(lang: str) -> dict[str, str]:
    """CLDR's country names in Korean or English (read once per process)."""
    return {str(c): str(n) for c, n in Locale("en" if lang == "en" else "ko").territories.items()}


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Every country CLDR knows as (code, name in the viewer's language), sorted by name, the
    ecosystem's own countries first."""
    return list(_country_choices("en" if (language or current_language()) == "en" else "ko"))


@lru_cache(maxsize=2)
def _country_choices(lang: str) -> tuple[tuple[str, str], ...]:
    codes = [c for c in _territories(lang) if len(c) == 2 and c.isalpha()]
    rest = sorted(
        (c for c in codes if c not in COUNTRIES and c not in _NOT_COUNTRIES),
        key=lambda c: country_label(c, lang),
    )
    return tuple((c, country_label(c, lang)) for c in [*COUNTRIES, *rest])


# CLDR territories that are not countries one can be based in.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


# Names browsers and systems give UTC itself (CLDR would call "Etc/UTC" an unknown region).
UTC_ALIASES = frozenset({"UTC", "ETC/UTC", "ETC/UCT", "UCT", "ETC/GMT", "GMT", "ETC/UNIVERSAL",
                         "UNIVERSAL", "ETC/ZULU", "ZULU"})  # fmt: skip


def time_zone_label(zone: str, language: str | None = None) -> str:
    """A time zone by its name in the viewer's language ("대한민국 시간", "Eastern Time")."""
    if not zone or zone.upper() in UTC_ALIASES:
        return "UTC"
    return _zone_name(zone, "en" if (language or current_language()) == "en" else "ko")


@lru_cache(maxsize=256)
def _zone_name(zone: str, lang: str) -> str:
    try:
        return str(get_timezone_name(zone, locale=lang))
    except LookupError:
        return zone


def city_label(city: str, language: str | None = None) -> str:
    """Name a known city in the viewer's language; other cities are shown as entered."""
    if (language or current_language()) == "en":
        return CITIES_EN.get(city, city)
    return CITIES_KO.get(city, city)


def canonical_city(city: str) -> str:
    """Store known cities under their English name so both spellings share one facet."""
    city = " ".join((city or "").split())
    return CITIES_EN.get(city, city)
