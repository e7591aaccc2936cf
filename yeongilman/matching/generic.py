"""Words that any partnering text may use and that say nothing about a match: award names,
"product", "innovation", the platform's places, the words of asking itself. They neither score
in the lexical signal nor appear as a reason. Written as people write them; compared in the
tokeniser's normal form (Korean nouns, English stems)."""

from __future__ import annotations

from functools import lru_cache

from yeongilman.tokenizer import tokenize

GENERIC_WORDS = """
look looking seek seeking want wants need needs find finding start startup startups up ups first
company companies partner partners partnership offer offers provide
provides help work new develop developing development build make makes made year years
product products solution solutions service services platform platforms innovation innovative
innovations award awards awarded winner ces best global world leading technology technologies
business customers customer team pohang gyeongbuk seoul based
기업 회사 파트너 협력 제품 개발 지원 사업 진행 추진 보유 가능 관련 분야
기술 글로벌 혁신 혁신상 최고혁신상 수상 세계 최초 최고 포항 경북 서울 스타트업 솔루션 서비스
플랫폼 고객 고객사 업체 분야 전문 주식회사 및 등 통해 위한
"""
# Countries named in passing: they score (a stated country is a fact the structural signal
# also reads) but are no reason to show, since every profile names one.
PLACE_WORDS = "korean korea us usa american 국내 해외 미국 한국 국내외"


@lru_cache(maxsize=1)
def generic_terms() -> frozenset[str]:
    """The generic words in normal form."""
    return _normal_forms(GENERIC_WORDS)


@lru_cache(maxsize=1)
def _not_reasons() -> frozenset[str]:
    return generic_terms() | _normal_forms(PLACE_WORDS)


def _normal_forms(words: str) -> frozenset[str]:
    """Each word alone through the tokeniser (in a run, Korean nouns would join)."""
    return frozenset(t for word in words.split() for t in (*tokenize(word), word.lower()))


def is_generic(term: str) -> bool:
    """Whether a normalised term says nothing about a match (it does not score)."""
    return term in generic_terms()


def is_no_reason(term: str) -> bool:
    """Whether a normalised term is not worth showing as a reason."""
    return term in _not_reasons()
