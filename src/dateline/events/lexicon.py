"""Trigger lexicon: words and phrases that report an event, per ACLED sub-event type.

The lexicon is data (`data/event_triggers.jsonl`): each class names its event type,
sub-event type, a priority (more specific triggers win over generic ones in the same
sentence) and its patterns. A pattern is a sequence of lemmas, each optionally
restricted to a part of speech: "air strike", "shell/VERB", "mine/NOUN".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .. import settings


LEXICON_FILE = "event_triggers.jsonl"


@dataclass(frozen=True)
class TriggerClass:
    name: str
    event_type: str
    sub_event_type: str
    priority: int
    resolve: str | None = None  # how the sub-event type depends on the actors
    agent_types: tuple[str, ...] = field(default_factory=tuple)
    objects: frozenset[str] = frozenset()  # if set, the trigger's object must be one of these lemmas


@lru_cache(maxsize=1)
def load_classes() -> tuple[dict[str, TriggerClass], dict[str, list[str]]]:
    classes: dict[str, TriggerClass] = {}
    patterns: dict[str, list[str]] = {}
    text = resources.files("dateline.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        classes[row["class"]] = TriggerClass(
            name=row["class"],
            event_type=row["event_type"],
            sub_event_type=row["sub_event_type"],
            priority=int(row.get("priority", settings.DEFAULT_TRIGGER_PRIORITY)),
            resolve=row.get("resolve"),
            agent_types=tuple(row.get("agent_types", ())),
            objects=frozenset(row.get("objects", ())),
        )
        patterns[row["class"]] = list(row["patterns"])
    return classes, patterns


class TriggerIndex:
    """Finds lexicon patterns in a Doc, indexed by each pattern's first word.

    spaCy's Matcher tries every pattern at every token (and the wildcard patterns
    multiply its states); news text mentions few trigger words, so looking patterns
    up by the token's lemma or lower-case form and checking the rest by hand is
    several times faster and matches the same spans.
    """

    def __init__(self) -> None:
        _, patterns = load_classes()
        self.by_first: dict[str, list[tuple[str, tuple]]] = {}
        for name, pats in patterns.items():
            for pattern in pats:
                words = tuple(_word(w) for w in pattern.split())
                first_forms, _ = words[0]
                keys = set(first_forms)
                if len(words) == 1 and "/" not in pattern:
                    keys |= set(_inflections(pattern))
                for key in keys:
                    self.by_first.setdefault(key, []).append((name, words))

    def find(self, doc) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        n = len(doc)
        for i, tok in enumerate(doc):
            lemma, lower = tok.lemma_.lower(), tok.lower_
            entries = self.by_first.get(lemma, [])
            if lower != lemma:
                entries = entries + self.by_first.get(lower, [])
            seen = set()
            for name, words in entries:
                if (name, words) in seen:
                    continue
                seen.add((name, words))
                end = _match(doc, i, words, 0, n, single=len(words) == 1)
                if end is not None:
                    found.append((name, i, end))
        return found


def _word(word: str) -> tuple[frozenset[str] | None, str | None]:
    if word == "*":
        return None, None
    lemma, _, pos = word.partition("/")
    return frozenset(f.lower() for f in _forms(lemma)), (pos or None)


def _match(doc, i: int, words: tuple, k: int, n: int, *, single: bool) -> int | None:
    if k == len(words):
        return i
    forms, pos = words[k]
    if forms is None:  # "*": skip up to two words
        for skip in (0, 1, 2):
            end = _match(doc, i + skip, words, k + 1, n, single=single)
            if end is not None:
                return end
        return None
    if i >= n:
        return None
    tok = doc[i]
    ok = tok.lemma_.lower() in forms or tok.lower_ in forms
    if not ok and single and k == 0:
        ok = True  # reached through an inflected surface form
    if not ok or (pos is not None and tok.pos_ != pos):
        return None
    return _match(doc, i + 1, words, k + 1, n, single=single)


def _forms(lemma: str) -> list[str]:
    # The small model's lemmatiser keeps case for proper-noun-like tokens ("IED").
    return sorted({lemma, lemma.lower(), lemma.upper(), lemma.capitalize()})


def _inflections(word: str) -> list[str]:
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing"}
    return sorted(forms)
