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

from spacy.matcher import Matcher
from spacy.vocab import Vocab

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
            priority=int(row.get("priority", 50)),
            resolve=row.get("resolve"),
            agent_types=tuple(row.get("agent_types", ())),
            objects=frozenset(row.get("objects", ())),
        )
        patterns[row["class"]] = list(row["patterns"])
    return classes, patterns


def token_pattern(pattern: str) -> list[dict]:
    """'shell/VERB' -> [{"LEMMA": {"IN": [...]}, "POS": "VERB"}]; '*' stands for up to two
    words ("force * to stay" matches "forced them to stay")."""
    spec: list[dict] = []
    for word in pattern.split():
        if word == "*":
            spec += [{"OP": "?"}, {"OP": "?"}]
            continue
        lemma, _, pos = word.partition("/")
        entry: dict = {"LOWER": {"IN": _forms(lemma)}} if "-" in lemma else {"LEMMA": {"IN": _forms(lemma)}}
        if pos:
            entry["POS"] = pos
        spec.append(entry)
    return spec


def _forms(lemma: str) -> list[str]:
    # The small model's lemmatiser keeps case for proper-noun-like tokens ("IED").
    return sorted({lemma, lemma.lower(), lemma.upper(), lemma.capitalize()})


def build_matcher(vocab: Vocab) -> Matcher:
    _, patterns = load_classes()
    matcher = Matcher(vocab)
    for name, pats in patterns.items():
        specs = [token_pattern(p) for p in pats]
        # Lemma matching misses tokens the lemmatiser leaves inflected; match their
        # lower-case surface too for single words.
        specs += [[{"LOWER": {"IN": _inflections(p)}}] for p in pats if " " not in p and "/" not in p]
        matcher.add(name, specs)
    return matcher


def _inflections(word: str) -> list[str]:
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing"}
    return sorted(forms)
