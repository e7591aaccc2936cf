"""The invented half of the demo world, generated from the catalogue with a fixed seed: the same
organisations, people and opportunities on every run, on every machine. Plain Python (no
database): the loaders write it through the apps' services.

Nothing here is a fact: every organisation and person is marked `is_synthetic` when stored and
shown with a "Demo" / "데모" badge; the README says which parts of the demo are real.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from yeongilman.portal.demo import catalogue
from yeongilman.portal.demo.catalogue import OpportunityText, Sector

SEED = 2027
# The year the world is written for: stages and head counts follow the founding year as seen
# from it (a fixed year, so the world does not change with the clock).
AS_OF_YEAR = 2026
# Every invented profile says where it comes from, in both languages.
SOURCE = (
    "데모용으로 지어낸 조직입니다(실제 조직이 아님). "
    "Invented for the demo; not a real organisation."
)
EMAIL_DOMAIN = "example"  # RFC 2606: a top-level domain that never receives mail


@dataclass(frozen=True)
class InventedPerson:
    """Someone at an invented organisation."""

    name_ko: str
    name_latin: str
    title: str
    email: str
    language: str  # the language they read: "ko" or "en"


@dataclass(frozen=True)
class InventedOpportunity:
    """An offer or request an invented organisation publishes."""

    type: str
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str
    countries: tuple[str, ...]
    industries: tuple[str, ...]


@dataclass(frozen=True)
class InventedOrganisation:
    """One invented organisation with its people and (for some) an opportunity."""

    sector: str
    role: str
    kind: str
    name_ko: str
    name_en: str
    description_ko: str
    description_en: str
    industries: tuple[str, ...]
    stage: str
    city: str
    country: str
    founded_year: int
    employees: int
    product_ko: str
    product_en: str
    people: tuple[InventedPerson, ...]
    opportunity: InventedOpportunity | None

    def profile_values(self) -> dict[str, object]:
        """The directory's profile fields of this organisation."""
        return {
            "kind": self.kind, "name_ko": self.name_ko, "name_en": self.name_en,
            "description_ko": self.description_ko, "description_en": self.description_en,
            "stage": self.stage, "city": self.city, "country": self.country,
            "founded_year": self.founded_year, "employees": self.employees,
            "tags": list(catalogue.SECTOR_TAGS.get(self.sector, ())), "is_published": True,
            "source": SOURCE,
        }  # fmt: skip


@dataclass(frozen=True)
class World:
    """Every invented organisation, in a fixed order."""

    organisations: tuple[InventedOrganisation, ...]

    def of(self, *roles: str, country: str = "") -> list[InventedOrganisation]:
        """The organisations of some roles (start-up, maker, investor, …), optionally of one
        country, in the world's order."""
        return [
            o for o in self.organisations
            if o.role in roles and (not country or o.country == country)
        ]  # fmt: skip

    @property
    def people(self) -> list[InventedPerson]:
        """Everyone, organisation by organisation."""
        return [p for o in self.organisations for p in o.people]


def _weighted(rng: random.Random, places: tuple[tuple[str, str, int], ...]) -> tuple[str, str]:
    ko, en, _weight = rng.choices(places, weights=[w for _k, _e, w in places])[0]
    return ko, en


def _stage_and_size(rng: random.Random, age: int) -> tuple[str, int]:
    """A start-up's funding stage and head count as its age makes likely."""
    if age <= 1:
        return rng.choice(["idea", "pre_seed"]), rng.randint(2, 6)
    if age <= 3:
        return rng.choice(["pre_seed", "seed", "seed"]), rng.randint(4, 15)
    if age <= 5:
        return rng.choice(["seed", "series_a", "series_a"]), rng.randint(10, 35)
    if age <= 8:
        return rng.choice(["series_a", "series_b", "series_b"]), rng.randint(25, 80)
    return rng.choice(["series_b", "series_c", "growth"]), rng.randint(50, 160)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", plain.lower())


class _Names:
    """Hands out organisation names and e-mail addresses, each once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()
        self.addresses: set[str] = set()

    def _first_free(self, candidates: list[tuple[str, str]]) -> tuple[str, str]:
        for ko, en in candidates:
            if en.lower() not in self.taken:
                self.taken.add(en.lower())
                return ko, en
        raise RuntimeError("the catalogue has too few names for its sectors")

    def startup(self, industry: str) -> tuple[str, str]:
        tails = catalogue.BRAND_TAILS.get(industry, catalogue.BRAND_TAILS["services"])
        options = [(h[0] + t[0], h[1] + t[1]) for h in catalogue.BRAND_HEADS for t in tails]
        self.rng.shuffle(options)
        return self._first_free(options)

    def us(self, sector: str) -> tuple[str, str]:
        nouns = catalogue.US_NOUNS[sector]
        investors = sector.startswith("us-")
        suffixes = [("", "")] if investors else list(catalogue.US_SUFFIXES)
        options = [
            (" ".join(p for p in (place[0], noun[0], suffix[0]) if p),
             " ".join(p for p in (place[1], noun[1], suffix[1]) if p))
            for place in catalogue.US_PLACES for noun in nouns for suffix in suffixes
        ]  # fmt: skip
        self.rng.shuffle(options)
        return self._first_free(options)

    def korean(self, sector: str) -> tuple[str, str]:
        tails = catalogue.KR_SUPPLIER_TAILS if sector == "kr-suppliers" else (("", ""),)
        options = [
            ((f"{tail[0]} " if tail[0] else "") + first[0] + second[0],
             f"{first[1]} {second[1]}" + (f" {tail[1]}" if tail[1] else ""))
            for first in catalogue.KR_FIRST for second in catalogue.KR_SECOND[sector]
            for tail in tails
        ]  # fmt: skip
        self.rng.shuffle(options)
        return self._first_free(options)

    def address(self, local: str, organisation_en: str) -> str:
        base = f"{local}@{_ascii(organisation_en)[:30] or 'org'}.{EMAIL_DOMAIN}"
        address, n = base, 2
        while address in self.addresses:
            address, n = base.replace("@", f"{n}@"), n + 1
        self.addresses.add(address)
        return address


def _person(rng: random.Random, names: _Names, organisation_en: str, foreign: bool,
            title: tuple[str, str]) -> InventedPerson:  # fmt: skip
    if foreign and rng.random() < 0.85:
        given, family = rng.choice(catalogue.ENGLISH_GIVEN), rng.choice(catalogue.ENGLISH_FAMILY)
        name_ko, name_latin = f"{given[0]} {family[0]}", f"{given[1]} {family[1]}"
        local = f"{_ascii(given[1])}.{_ascii(family[1])}"
        return InventedPerson(name_ko, name_latin, title[1],
                              names.address(local, organisation_en), "en")  # fmt: skip
    family, given = rng.choice(catalogue.KOREAN_FAMILY), rng.choice(catalogue.KOREAN_GIVEN)
    if foreign:  # a Korean-American: an English given name, written both ways
        english = rng.choice(catalogue.ENGLISH_GIVEN)
        name_ko, name_latin = f"{english[0]} {family[0]}", f"{english[1]} {family[1]}"
        local = f"{_ascii(english[1])}.{_ascii(family[1])}"
        return InventedPerson(name_ko, name_latin, title[1],
                              names.address(local, organisation_en), "en")  # fmt: skip
    name_ko, name_latin = family[0] + given[0], f"{family[1]} {given[1]}"
    local = f"{_ascii(given[1])}.{_ascii(family[1])}"
    return InventedPerson(name_ko, name_latin, title[0],
                          names.address(local, organisation_en), "ko")  # fmt: skip


def _fill(template: str, values: dict[str, str]) -> str:
    return template.format(**values) if template else ""


def _opportunity(text: OpportunityText | None, values: dict[str, str],
                 industries: tuple[str, ...]) -> InventedOpportunity | None:  # fmt: skip
    if text is None:
        return None
    return InventedOpportunity(
        text.type, _fill(text.title_ko, values), _fill(text.title_en, values),
        _fill(text.description_ko, values), _fill(text.description_en, values),
        text.countries, industries,
    )  # fmt: skip


def _sector_organisations(rng: random.Random, names: _Names,
                          sector: Sector) -> list[InventedOrganisation]:  # fmt: skip
    products = list(sector.products)
    rng.shuffle(products)
    made = []
    for n in range(sector.count):
        product_ko, product_en = products[n % len(products)]
        city_ko, city_en = _weighted(rng, sector.places)
        year = rng.randint(*sector.founded)
        if sector.role == "startup":
            name_ko, name_en = names.startup(sector.industries[0])
            stage, employees = _stage_and_size(rng, AS_OF_YEAR - year)
        elif sector.country == "US":
            name_ko, name_en = names.us(sector.key)
            stage, employees = (
                "",
                rng.randint(15, 2400) if sector.role == "maker" else rng.randint(4, 60),
            )
        else:
            name_ko, name_en = names.korean(sector.key)
            stage, employees = "", rng.randint(8, 600)
        values = {"product_ko": product_ko, "product_en": product_en, "city_ko": city_ko,
                  "city_en": city_en, "year": str(year)}  # fmt: skip
        foreign = sector.country != "KR"
        titles = sector.titles or catalogue.STARTUP_TITLES
        people = tuple(
            _person(rng, names, name_en, foreign, titles[i % len(titles)])
            for i in range(1 + (n + len(name_en)) % 3)
        )
        # Every third organisation of a sector has posted its sector's opportunity.
        opportunity = (
            _opportunity(sector.opportunity, values, sector.industries[:2]) if n % 3 == 0 else None
        )
        made.append(
            InventedOrganisation(
                sector.key,
                sector.role,
                sector.kind,
                name_ko,
                name_en,
                _fill(sector.description_ko, values),
                _fill(sector.description_en, values),
                sector.industries,
                stage,
                city_en,
                sector.country,
                year,
                employees,
                product_ko,
                product_en,
                people,
                opportunity,
            )  # fmt: skip
        )
    return made


@cache
def build_world(seed: int = SEED) -> World:
    """The invented organisations for a seed (the same world for the same seed)."""
    rng = random.Random(seed)
    names = _Names(rng)
    organisations: list[InventedOrganisation] = []
    for sector in catalogue.SECTORS:
        organisations.extend(_sector_organisations(rng, names, sector))
    return World(tuple(organisations))
