"""Text comparisons the scorer needs: folding, word sets, sentences, names of parties."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# ACLED appends the regime's years to state forces: "Military Forces of Syria (2000-)".
_YEAR_RANGE = re.compile(r"\(\s*\d{4}\s*[-–]\s*(?:\d{4})?\s*\)")
# Arabic article on a transliterated surname: al-Baghdadi = Baghdadi.
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul)[-‐‑]")
# A sentence ends at . ! ? (with closing quotes or brackets) before white space, or at a line break.
# A leading article says nothing about who spoke: "The U.S.-led coalition" = "U.S.-led coalition".
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b(?:[A-Za-z]\.)+[A-Za-z]?)\.$")


def fold(text: object) -> str:
    """Case, accents and white space folded: the form two names are compared in."""
    if text is None or text == "":
        return ""
    if not isinstance(text, str):
        text = str(text)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # typographic quotes and apostrophes compare equal to plain ones ("Iraq’s" = "Iraq's")
    stripped = stripped.translate(_QUOTES)
    return _WS.sub(" ", stripped.casefold()).strip()


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "ʼ": "'", "`": "'"})


def word_set(text: str | None) -> set[str]:
    return set(_WORD.findall(fold(text)))


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def actor_key(name: str | None) -> str:
    """An actor name as scored: case folded, a parenthesised year range dropped."""
    return fold(_YEAR_RANGE.sub(" ", name or ""))


def same_actor(pred: str | None, gold: str | None) -> bool:
    return actor_key(pred) == actor_key(gold)


def party_key(name: str | None) -> str:
    """A speaker or claimant compared whole: folded, a leading article dropped."""
    return _LEADING_ARTICLE.sub("", fold(name))


def last_name(name: str) -> str:
    tokens = [t.strip(".,;:'’\"") for t in fold(name).split()]
    tokens = [t for t in tokens if t]
    return _ARTICLE.sub("", tokens[-1]) if tokens else ""


def looks_like_person(name: str) -> bool:
    """Shape of a personal name (2-4 capitalised words, no acronyms): the fallback when
    the gold record has no entity list to say who is a PERSON."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return False
    for tok in tokens:
        letters = [c for c in tok if c.isalpha()]
        if not letters or not letters[0].isupper():
            return False
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return False
    return True


class PartyJudge:
    """Whether a predicted speaker or claimant names the same party as the gold one.

    People are compared by last name (case and accents folded, "al-" dropped), so
    "Bali" and "Mustafa Bali" agree; bodies ("U.S.-led coalition", "survivors") are
    compared whole (less a leading "the"/"a"). Who counts as a person is read from the gold record's PERSON
    entities; a record without entities falls back to the shape of the name.
    """

    def __init__(self, gold_entities: Iterable[dict] | None) -> None:
        entities = list(gold_entities or [])
        self.has_entities = bool(entities)
        self.persons = {
            fold(e.get(key))
            for e in entities
            if e.get("label") == "PERSON"
            for key in ("text", "canonical")
            if e.get(key)
        }

    def is_person(self, name: str) -> bool:
        if self.has_entities:
            return fold(name) in self.persons
        return looks_like_person(name)

    def same(self, pred: str | None, gold: str | None) -> bool:
        if not pred or not gold:
            return not pred and not gold
        if party_key(pred) == party_key(gold):
            return True
        return self.is_person(gold) and last_name(pred) == last_name(gold)


class Sentences:
    """Sentence spans of a body, to ask whether an offset falls in a given sentence."""

    def __init__(self, body: str) -> None:
        starts = [0]
        for m in _SENTENCE_END.finditer(body):
            if m.group() != "\n" and _ABBREVIATION.search(body[max(0, m.start() - 12) : m.end()].rstrip("\"”’')]")):
                continue
            starts.append(m.end())
        self.starts = starts

    def index(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1
