"""The words of a language, as named concepts loaded from data files.

Code names a concept (`vocab.words("reporting_verbs")`), never the words themselves,
so each concept is defined once and a second language is a second data folder.
Each concept is one self-describing JSON file, `data/<lang>/<concept>.json`:

    {"concept": "reporting_verbs",
     "description": "what the words are for and who reads them",
     "words": ["say", "tell", ...]}          # a set of words or phrases, or
     "map": {"one": 1, "two": 2, ...}}       # words with a value each

`tests/test_vocab.py` checks every file against this shape.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import VocabularyError

DEFAULT_LANG = "en"


@dataclass(frozen=True)
class Concept:
    name: str
    description: str
    words: frozenset[str] = frozenset()
    map: dict[str, Any] = field(default_factory=dict)
    ordered: tuple[str, ...] = ()  # the words in file order, for concepts whose order matters


def _folder(lang: str):
    return resources.files("dateline.data").joinpath(lang)


def concept_names(lang: str = DEFAULT_LANG) -> list[str]:
    return sorted(p.name[:-5] for p in _folder(lang).iterdir() if p.name.endswith(".json"))


@lru_cache(maxsize=None)
def concept(name: str, lang: str = DEFAULT_LANG) -> Concept:
    path = _folder(lang).joinpath(f"{name}.json")
    if not path.is_file():
        raise VocabularyError(f"no concept {name!r} for language {lang!r} (data/{lang}/{name}.json)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise VocabularyError(f"data/{lang}/{name}.json: not JSON ({err})") from None
    if raw.get("concept") != name or not isinstance(raw.get("description"), str):
        raise VocabularyError(f"data/{lang}/{name}.json: needs \"concept\": {name!r} and a \"description\"")
    words = raw.get("words", [])
    mapping = raw.get("map", {})
    if not isinstance(words, list) or not isinstance(mapping, dict) or not (words or mapping):
        raise VocabularyError(f"data/{lang}/{name}.json: needs a non-empty \"words\" list or \"map\" object")
    return Concept(name, raw["description"], frozenset(words), dict(mapping), tuple(words))


@lru_cache(maxsize=None)  # asked hundreds of thousands of times per run: one cached call, not two
def words(name: str, lang: str = DEFAULT_LANG) -> frozenset[str]:
    """The words (or phrases) of a set-like concept."""
    return concept(name, lang).words


def ordered(name: str, lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """The words of a concept in file order (for patterns built longest-first, say)."""
    return concept(name, lang).ordered


def mapping(name: str, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """A concept whose words carry a value each (number words, month names ...)."""
    return concept(name, lang).map


def alternation(name: str, lang: str = DEFAULT_LANG) -> str:
    """The words of a concept (a map's keys) as a regular-expression alternation, escaped,
    longest first so that "claims" is tried before "claim": `rf"\\b(?:{alternation(name)})\\b"`."""
    c = concept(name, lang)
    return "|".join(re.escape(w) for w in sorted(c.words or c.map, key=lambda w: (-len(w), w)))
