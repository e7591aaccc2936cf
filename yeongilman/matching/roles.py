"""Reading direction of need out of a profile: what an organisation is or has, what it looks for,
which kinds of partner and which countries it names. Plain rules over Korean and English cues.

A profile such as "We make AEM electrolysers. We want a US utility for a pilot." has two roles:
the first sentence describes the writer (a competitor would describe itself the same way), the
second describes the partner it needs. Matching compares the need with the other side's self.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")
# Clause joints inside one sentence ("...양산하고 있으며 ... 원합니다"), so a
# sentence that both describes the writer and states a need can be split.
_CLAUSE_JOINT = re.compile(r"(?:(?<=며)|(?<=는데)|(?<=지만))\s+")
_NEED_CUES = re.compile(
    r"찾|원합|원해|원하|싶|희망|필요|구합|모집|물색|알아보|구하고|받으려|받고자|유치하려|"
    r"유치를 준비|유치 중|유치하고|"
    r"looking for|look for|seek|need|want|wish|interested in|searching|hope to|would like|"
    r"recruit|to find|open to|in search of|are raising|we are raising|raising an?\b",
    re.IGNORECASE,
)

# Cues in a need that name the kind of partner wanted (kinds as in the directory).
_KIND_CUES = {
    "investor": r"투자사|투자자|투자처|벤처캐피탈|\bVC\b|엔젤|펀드|투자를 받|투자 유치|투자를 유치|"
    r"investors?\b|venture capital|raising an?\b|are raising|"
    r"\bfunds?\b|angels?\b",
    "university": r"대학|연구실|교수|universit|\blabs?\b|laborator|academic|professor",
    "research": r"연구소|연구기관|연구원|시험기관|research institute|institute|\blabs?\b|laborator",
    "accelerator": r"액셀러레이터|엑셀러레이터|보육|accelerator|incubator",
    "agency": r"공공|지원기관|테스트베드|실증센터|agency|government|public",
    "association": r"협회|association|consortium",
    "startup": r"스타트업|창업기업|start-?ups?\b|invest in|투자하고",
}
_KIND_PATTERNS = {kind: re.compile(rx, re.IGNORECASE) for kind, rx in _KIND_CUES.items()}

# Places that name a country (ISO 3166 alpha-2): the country, its regions and the cities a
# partnering text names, in Korean and English.
_COUNTRY_CUES = {
    "US": r"미국|북미|미 서부|미 동부|피츠버그|샌디에이고|캘리포니아|펜실베이니아|텍사스|보스턴|"
    r"실리콘밸리|뉴욕|시애틀|오하이오|미시간|디트로이트|조지아주|애리조나|네바다|오리건|"
    r"노스캐롤라이나|\bUS\b|\bUSA\b|U\.S\.|American|United States|North America|"
    r"Pittsburgh|San Diego|California|Pennsylvania|Texas|Boston|Silicon Valley|New York|"
    r"Seattle|Ohio|Michigan|Detroit|Arizona|Nevada|Oregon|Midwest|Gulf Coast|Bay Area",
    "KR": r"한국|국내|포항|경북|경상북도|도내|서울|부산|울산|대구|대전|판교|Korea|Pohang|Seoul",
    "JP": r"일본|도쿄|오사카|Japan|Tokyo|Osaka",
    "CN": r"중국|상하이|베이징|China|Chinese|Shanghai|Beijing",
    "DE": r"독일|뮌헨|베를린|Germany|German\b|Munich|Berlin",
    "VN": r"베트남|하노이|호치민|Vietnam|Hanoi|Ho Chi Minh",
    "SG": r"싱가포르|Singapore",
    "GB": r"영국|런던|United Kingdom|\bUK\b|Britain|British|London",
    "FR": r"프랑스|파리|France|French\b|Paris",
    "IN": r"인도(?!네시아)|India\b|Indian\b",
    "ID": r"인도네시아|Indonesia",
    "CA": r"캐나다|토론토|밴쿠버|Canada|Canadian|Toronto|Vancouver",
}
_COUNTRY_PATTERNS = {code: re.compile(rx, re.IGNORECASE) for code, rx in _COUNTRY_CUES.items()}
# Naming China in a need is usually the opposite of a wish ("non-Chinese supplier").
_NEGATED_COUNTRY = re.compile(r"비중국|non-?Chinese|outside China|탈중국", re.IGNORECASE)
# A need for a partner abroad without naming where: any country but the writer's own.
_ABROAD = re.compile(
    r"해외|외국|글로벌|overseas|abroad|foreign|international|outside (?:of )?(?:Korea|the US)",
    re.IGNORECASE,
)
ABROAD = "*abroad"  # wanted_countries marker: any country but the writer's

LANGUAGE_COUNTRY = {"ko": "KR", "en": "US"}


@dataclass(frozen=True)
class Roles:
    """A text split into what the writer is or has (about) and what it looks for (need)."""

    about: str
    need: str


def sentences(text: str) -> list[str]:
    """Split a text into sentences (Korean and English punctuation)."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


@lru_cache(maxsize=65536)
def split_roles(text: str) -> Roles:
    """Sentences with a need cue form the need; the rest describe the writer. Cached: an
    index reload meets the same texts again."""
    parts = [c.strip() for s in sentences(text) for c in _CLAUSE_JOINT.split(s) if c.strip()]
    need = [s for s in parts if _NEED_CUES.search(s)]
    about = [s for s in parts if not _NEED_CUES.search(s)]
    return Roles(" ".join(about), " ".join(need))


def wanted_kinds(need: str) -> frozenset[str]:
    """Kinds of organisation a need names ("a US university lab" → university, research)."""
    return frozenset(kind for kind, rx in _KIND_PATTERNS.items() if rx.search(need))


def country_cues_in(text: str) -> frozenset[str]:
    """Countries a text names (by country, region or city)."""
    return frozenset(code for code, rx in _COUNTRY_PATTERNS.items() if rx.search(text))


def wanted_countries(need: str) -> frozenset[str]:
    """Countries a need names as where the partner should be; `ABROAD` when it asks for a
    partner abroad without saying where."""
    found = {code for code, rx in _COUNTRY_PATTERNS.items() if rx.search(need)}
    if "CN" in found and _NEGATED_COUNTRY.search(need):
        found.discard("CN")
    if not found and _ABROAD.search(need):
        found.add(ABROAD)
    return frozenset(found)
