"""Countries: ISO 3166-1 codes, ACLED's English names, aliases and demonyms.

Read from `data/countries.csv` (one row per ISO 3166-1 country, plus Kosovo as ACLED
codes it). Names follow ACLED's spelling ("Democratic Republic of Congo", "Syria",
"Russia"), so "Military Forces of X" and "Civilians (X)" line up with ACLED's rows.

    >>> iso2_for("the U.S.")          # names, aliases, demonyms; any case; "the" optional
    'US'
    >>> demonym_country("Afghans")
    'AF'
    >>> country_name("CD")
    'Democratic Republic of Congo'

Forms without a lowercase letter ("US", "UK", "DRC", "CAR") match only as written,
so the words "us" and "car" are not countries.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "Country",
    "all_countries",
    "country",
    "country_for_name",
    "country_name",
    "country_name_with_article",
    "demonym_country",
    "iso2_for",
    "is_exact_form",
    "surface_forms",
]


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str  # ACLED's spelling
    definite: bool  # takes "the" in running text: "the United States"
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]  # adjectives: "Syrian", "British"
    people: tuple[str, ...]  # plural nouns where distinct: "Afghans", "Britons"
    geonameid: int | None

    @property
    def name_with_article(self) -> str:
        return f"the {self.name}" if self.definite else self.name

    @property
    def demonym(self) -> str | None:
        return self.demonyms[0] if self.demonyms else None


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")


def _fold(text: str) -> str:
    """Case-folded, accents kept apart from letters, apostrophes and spaces normalised."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip().casefold()


def _is_exact_form(form: str) -> bool:
    """Acronyms ("US", "DRC", "U.S.") match only as written."""
    return not any(ch.islower() for ch in form)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Country], dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """(by iso2, name index folded, name index exact, demonym index folded, demonym index exact)."""
    by_iso2: dict[str, Country] = {}
    names_folded: dict[str, str] = {}
    names_exact: dict[str, str] = {}
    dem_folded: dict[str, str] = {}
    dem_exact: dict[str, str] = {}
    path = resources.files("dateline.data").joinpath("countries.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            c = Country(
                iso2=row["iso2"],
                iso3=row["iso3"],
                name=row["name"],
                definite=row["definite"] == "the",
                aliases=_split(row["aliases"]),
                demonyms=_split(row["demonyms"]),
                people=_split(row["people"]),
                geonameid=int(row["geonameid"]) if row["geonameid"] else None,
            )
            by_iso2[c.iso2] = c
    # First writer wins, and official names are written before aliases, so an
    # alias never takes over another country's name ("Congo" stays with the DRC row).
    for pass_ in ("name", "alias"):
        for c in by_iso2.values():
            forms = (c.name,) if pass_ == "name" else c.aliases
            for form in forms:
                index = names_exact if _is_exact_form(form) else names_folded
                key = form if index is names_exact else _fold(form)
                index.setdefault(key, c.iso2)
    for c in by_iso2.values():
        for form in c.demonyms + c.people:
            index = dem_exact if _is_exact_form(form) else dem_folded
            key = form if index is dem_exact else _fold(form)
            index.setdefault(key, c.iso2)
    return by_iso2, names_folded, names_exact, dem_folded, dem_exact


def all_countries() -> Iterator[Country]:
    """Every country in the table, in ISO2 order."""
    yield from _table()[0].values()


def country(iso2: str | None) -> Country | None:
    if not iso2:
        return None
    return _table()[0].get(iso2.upper())


def country_name(iso2: str | None) -> str | None:
    """ACLED's English name for an ISO 3166-1 alpha-2 code ("SY" -> "Syria")."""
    c = country(iso2)
    return c.name if c else None


def country_name_with_article(iso2: str | None) -> str | None:
    """The name as it reads after "of": "the United States", "Syria"."""
    c = country(iso2)
    return c.name_with_article if c else None


def _lookup(text: str, folded: dict[str, str], exact: dict[str, str]) -> str | None:
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).strip()
    text = _SPACES.sub(" ", text)
    candidates = [text]
    stripped = _POSSESSIVE.sub("", text) if not text.endswith(".'") else text
    if stripped != text:
        candidates.append(stripped)
    for cand in list(candidates):
        if cand[:4].lower() == "the ":
            candidates.append(cand[4:])
    for cand in candidates:
        if cand in exact:
            return exact[cand]
        hit = folded.get(_fold(cand))
        if hit:
            return hit
    return None


# The three lookups below are asked of the same few names again and again (the table never changes).
@lru_cache(maxsize=1 << 16)
def iso2_for(text: str | None) -> str | None:
    """The ISO2 code a country name, alias or demonym refers to, or None.

    Case-insensitive except for acronyms; a leading "the" and a trailing possessive
    are ignored ("the Sudan", "Syria's").
    """
    if not text:
        return None
    _, names_folded, names_exact, dem_folded, dem_exact = _table()
    return _lookup(text, names_folded, names_exact) or _lookup(text, dem_folded, dem_exact)


@lru_cache(maxsize=1 << 16)
def country_for_name(text: str | None) -> str | None:
    """Like `iso2_for` but names and aliases only, not demonyms ("Syria", not "Syrian")."""
    if not text:
        return None
    _, names_folded, names_exact, _, _ = _table()
    return _lookup(text, names_folded, names_exact)


@lru_cache(maxsize=1 << 16)
def demonym_country(word: str | None) -> str | None:
    """The ISO2 code of a demonym or people noun ("Iraqi", "Britons"), or None."""
    if not word:
        return None
    _, _, _, dem_folded, dem_exact = _table()
    return _lookup(word, dem_folded, dem_exact)


def surface_forms() -> Iterator[tuple[str, str, str]]:
    """(form, iso2, kind) for every name, alias, demonym and people noun; kind is one of
    "name", "alias", "demonym", "people". For building phrase matchers."""
    for c in all_countries():
        yield c.name, c.iso2, "name"
        for form in c.aliases:
            yield form, c.iso2, "alias"
        for form in c.demonyms:
            yield form, c.iso2, "demonym"
        for form in c.people:
            yield form, c.iso2, "people"


def is_exact_form(form: str) -> bool:
    """True when a form must match case-sensitively (acronyms like "US", "DRC")."""
    return _is_exact_form(form)
