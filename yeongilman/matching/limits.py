"""What a candidate says it will not take: only companies of some countries ("국내 법인에만
투자", "US-based companies only", "해외 법인에는 투자하지 않습니다"), not some stages ("시드 투자는
하지 않습니다", "Series B and later"), only some kinds ("grants to non-profits only"). A query that
falls outside a candidate's stated limits should not be offered that candidate near the top.
Plain rules over Korean and English cues, sentence by sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yeongilman.matching.roles import country_cues_in, sentences

# Funding stages in order; a query at a stage a candidate refuses is out of its scope.
STAGES = ("preseed", "seed", "a", "b", "c", "growth")
_STAGE_CUES = {
    "preseed": r"프리\s?시드|pre-?seed",
    "seed": r"(?<!프리)(?<!프리 )시드|(?<!pre-)(?<!pre)\bseed\b",
    "a": r"시리즈\s?A|series\s?A\b|프리\s?A|pre-?A\b",
    "b": r"시리즈\s?B|series\s?B\b",
    "c": r"시리즈\s?[C-D]|series\s?[C-D]\b",
    "growth": r"그로스|후기\s?단계|상장 전|pre-?IPO|late-?stage|growth(?:-stage| equity| stage)",
}
_STAGE_PATTERNS = {stage: re.compile(rx, re.IGNORECASE) for stage, rx in _STAGE_CUES.items()}
_NEGATION = re.compile(
    r"하지 않|않습니다|않아요|않음|제외|불가|받지 않|\bnot\b|\bno\b|n't|never|except|excluding",
    re.IGNORECASE,
)
_FROM_STAGE_ON = re.compile(
    r"이후|이상|부터|and later|or later|onwards?|and beyond|at least|minimum|or above",
    re.IGNORECASE,
)
_HOME_ONLY = re.compile(
    r"(?:국내|한국|도내|지역)\s*(?:법인|기업|스타트업|회사|업체|창업기업)?\s*"
    r"(?:에만|만\b|만을|만 )|"
    r"(?:해외|외국)\s*(?:법인|기업|업체|회사|스타트업)?\S{0,3}\s*"
    r"(?:투자하지 않|지원하지 않|받지 않|제외|불가|대상이 아닙)|"
    r"only (?:invest(?:s|ing)? in|work(?:s|ing)? with|accept|serve|support|fund|consider|back)"
    r" (?:\w+[ -]){0,3}?(?:domestic|local|US|U\.S\.|American|Korean|[A-Z][a-z]+-based)|"
    r"(?:domestic|US|U\.S\.|American|Korean|[A-Z][a-zA-Z.]*-based) "
    r"(?:companies|startups|start-ups|entities|firms|applicants|teams) only|"
    r"(?:do not|don't|does not|cannot|can't|not) (?:invest in|accept|consider|fund|work with|"
    r"support|take) (?:\w+ )?(?:foreign|overseas|non-US|non-Korean|international)|"
    r"(?:foreign|overseas|international|non-US) (?:companies|startups|entities|applicants|firms)"
    r" (?:are )?(?:not eligible|excluded|ineligible)",
    re.IGNORECASE,
)
_NON_PROFIT_ONLY = re.compile(
    r"비영리\s*(?:단체|기관|법인)?\s*(?:에만|만)|"
    r"(?:grants?|grant-making|funding|funds)\b[^.]{0,60}\b(?:to|for|by) (?:registered )?"
    r"(?:non-?profits|charities)|"
    r"(?:non-?profits?|charities|charitable organi[sz]ations) only|"
    r"only (?:to |for )?(?:registered )?(?:non-?profits?|charities|501\(c\))",
    re.IGNORECASE,
)
FOR_PROFIT_KINDS = frozenset({"startup", "corporate", "investor"})
_FOR_PROFIT_CUES = re.compile(
    r"스타트업|㈜|주식회사|기업입니다|회사입니다|제조사|업체입니다|양산|생산합니다|만듭니다|"
    r"start-?up|company|manufacturer|we make|we produce|we sell|our product|customers",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Limits:
    """A candidate's stated limits; empty sets mean no limit of that sort."""

    only_countries: frozenset[str] = frozenset()
    refused_stages: frozenset[str] = frozenset()
    non_profits_only: bool = False
    sentence: str = ""  # the first sentence that states a limit, to show as a reason

    def __bool__(self) -> bool:
        return bool(self.only_countries or self.refused_stages or self.non_profits_only)


def stages_in(text: str) -> frozenset[str]:
    """Funding stages a text names."""
    return frozenset(s for s, rx in _STAGE_PATTERNS.items() if rx.search(text))


# Clause joints, so "Series B and later, but no seed" reads as two statements.
_CLAUSES = re.compile(r",\s*|;\s*|(?<=며)\s+|(?<=고)\s+|(?<=지만)\s+|\bbut\b|\bwhile\b")


def _refused_stages(sentence: str) -> frozenset[str]:
    refused: set[str] = set()
    for clause in _CLAUSES.split(sentence):
        named = stages_in(clause or "")
        if not named:
            continue
        if _NEGATION.search(clause):
            refused |= named
        elif _FROM_STAGE_ON.search(clause):
            refused |= set(STAGES[: min(STAGES.index(s) for s in named)])
    return frozenset(refused)


@lru_cache(maxsize=65536)
def read_limits(text: str, home_country: str) -> Limits:
    """The limits a candidate's text states (`home_country` stands for "domestic")."""
    countries: set[str] = set()
    stages: set[str] = set()
    non_profit = False
    first = ""
    for sentence in sentences(text):
        found = False
        if _HOME_ONLY.search(sentence):
            named = country_cues_in(sentence) - {"CN"}
            countries |= named if len(named) == 1 else {home_country}
            found = True
        refused = _refused_stages(sentence)
        if refused:
            stages |= refused
            found = True
        if _NON_PROFIT_ONLY.search(sentence):
            non_profit = found = True
        if found and not first:
            first = sentence
    return Limits(frozenset(c for c in countries if c), frozenset(stages), non_profit, first)


def is_for_profit(text: str, kind: str = "") -> bool:
    """Whether the query's writer is a company (given kind, else read from its text)."""
    if kind:
        return kind in FOR_PROFIT_KINDS
    return bool(_FOR_PROFIT_CUES.search(text))


def breaks_limits(
    limits: Limits, *, country: str, stages: frozenset[str], for_profit: bool
) -> bool:
    """Whether a query from `country` at `stages` falls outside the candidate's limits."""
    if limits.only_countries and country and country not in limits.only_countries:
        return True
    if limits.refused_stages and stages and stages <= limits.refused_stages:
        return True
    return limits.non_profits_only and for_profit
