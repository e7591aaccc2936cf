"""Bilingual labels for countries and the cities the ecosystem works with most."""

from __future__ import annotations

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
    """Name a country in the viewer's language; unknown codes stay as they are."""
    names = COUNTRIES.get((code or "").upper())
    if not names:
        return code
    return names[1] if (language or current_language()) == "en" else names[0]


def city_label(city: str, language: str | None = None) -> str:
    """Name a known city in the viewer's language; other cities are shown as entered."""
    if (language or current_language()) == "en":
        return CITIES_EN.get(city, city)
    return CITIES_KO.get(city, city)


def canonical_city(city: str) -> str:
    """Store known cities under their English name so both spellings share one facet."""
    city = " ".join((city or "").split())
    return CITIES_EN.get(city, city)
