"""The trigger table: what reports an event, per ACLED sub-event type, and how to code it.

The table is data (`data/event_triggers.jsonl`), one JSON object per trigger class:

- `class`, `event_type`, `sub_event_type`: the class's name and the ACLED types it codes;
- `priority`: more specific triggers win over generic ones in the same sentence;
- `patterns`: what finds it, each a sequence of lemmas optionally restricted to a part of
  speech ("air strike", "shell/VERB", "mine/NOUN"; "*" skips up to two words, a hyphenated one counting once);
- how to code it, each optional (a name refers to a registered function):
  `resolve` (a strategy of `resolve.py` that settles the type from the sides),
  `checks` (exclusion checks of `checks.py` this class adds to the ones every class gets),
  `objects` (lemmas one of which the trigger's object must be, read by the object_named check;
  "@name" stands for the words of the concept data/en/name.json),
  `agent_types` (actor types that carry it out; another agent gives way to the article's main
  side of these types), `speaker_acts` (with nobody named, the speaker's side acted),
  `claimant_acts` (false: a claim of responsibility does not name the actor),
  `actor1_fallback` / `default_actor1` (registered in `sides.py`: a side the article names,
  else a role of the country), `attempt_is_fight` (an attempt that was made is a clash),
  `noun_names_participants` (the noun names people who were there, whatever the mood),
  `generic` / `stands_in_for_specific` (folded into specific triggers of the sentence; a
  generic one that stands in is kept when no specific one reports harm), `infers_adversary`
  (false: no other side is inferred), `air_only_lemmas` (lemmas that count only in the air),
  `airborne_lemmas` + `becomes_in_the_air` (lemmas that are the named class in the air),
  `aircraft_fired_lemmas` (lemmas that are the `becomes_in_the_air` class only when an aircraft
  fires them: "helicopters fired rockets"), `air_dropped_lemmas` (lemmas that are that class
  when dropped: "bombs dropped on a market", see `air.py`),
  `crowd_riots` (done by a crowd, the act is a riot: see `crowds.py`), `absorbed_by` (event
  or sub-event types that, coded in the same sentence, hold this class's mention as a part of
  them: arrests at a protest, houses burned in a raid), `needs_actor` (false: an event even
  with nobody named acting, such as a grave found), `toll` (the fatalities such an event
  always has: 0 for a grave found, whose dead are not of that day), `people_are_civilians`
  (people it is done to who name no side, "arrested a blogger", are civilians: actor2),
  `learned_veto` (false: the learned classifier's veto does not apply, for kinds of sentence
  its training data hardly hold), `nationwide` (an agreement for a whole country: with no place in
  its sentence, the article's country, not a place told before);
- `note`: why, for the reader.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span

from .. import settings, vocab
from ..language.doccache import lower_lemmas, lower_words
from ..errors import TriggerTableError

LEXICON_FILE = "event_triggers.jsonl"


@dataclass(frozen=True)
class TriggerClass:
    name: str
    event_type: str
    sub_event_type: str
    priority: int = settings.DEFAULT_TRIGGER_PRIORITY
    resolve: str | None = None
    checks: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()
    agent_types: frozenset[str] = frozenset()
    speaker_acts: bool = False
    claimant_acts: bool = True
    actor1_fallback: str | None = None
    default_actor1: str | None = None
    attempt_is_fight: bool = False
    noun_names_participants: bool = False
    generic: bool = False
    stands_in_for_specific: bool = False
    infers_adversary: bool = True
    air_only_lemmas: frozenset[str] = frozenset()
    airborne_lemmas: frozenset[str] = frozenset()
    becomes_in_the_air: str | None = None
    aircraft_fired_lemmas: frozenset[str] = frozenset()
    air_dropped_lemmas: frozenset[str] = frozenset()
    crowd_riots: bool = False
    absorbed_by: frozenset[str] = frozenset()
    needs_actor: bool = True
    toll: int | None = None
    people_are_civilians: bool = False
    learned_veto: bool = True
    nationwide: bool = False


_FIELDS = {f.name: f for f in fields(TriggerClass)}
_SETS = {"objects", "agent_types", "air_only_lemmas", "airborne_lemmas", "aircraft_fired_lemmas", "air_dropped_lemmas", "absorbed_by"}
_NOT_CODING = {"class", "patterns", "note"}  # the row's name, how it is found, and prose


@dataclass(frozen=True, eq=False)
class TriggerTable:
    """The trigger classes and what finds them in a Doc."""

    classes: dict[str, TriggerClass]
    index: "TriggerIndex"

    def triggers(self, doc: Doc) -> list[tuple[TriggerClass, Span]]:
        """The candidate events of a Doc: trigger matches in text order, dropping any inside a
        longer match ('artillery' in 'air and artillery strikes')."""
        found = [(self.classes[name], doc[s:e]) for name, s, e in self.index.find(doc)]
        kept = []
        for cls, span in found:
            inside_longer = any(
                other.start <= span.start and span.end <= other.end and (other.end - other.start) > (span.end - span.start)
                for _, other in found
            )
            if not inside_longer:
                kept.append((cls, span))
        return sorted(kept, key=lambda item: (item[1].start, item[1].end))


@lru_cache(maxsize=None)
def load_table(file: str = LEXICON_FILE) -> TriggerTable:
    """The trigger table in `data/<file>`, read once per process."""
    classes, patterns = load_classes(file)
    return TriggerTable(classes, TriggerIndex(patterns))


@lru_cache(maxsize=None)
def load_classes(file: str = LEXICON_FILE) -> tuple[dict[str, TriggerClass], dict[str, list[str]]]:
    """The trigger classes by name, and their patterns."""
    classes: dict[str, TriggerClass] = {}
    patterns: dict[str, list[str]] = {}
    path = resources.files("dateline.data").joinpath(file)
    if not path.is_file():
        raise TriggerTableError(f"data/{file}: no such trigger table")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            cls = _trigger_class(row)
            patterns[cls.name] = [str(p) for p in row["patterns"]]
        except (ValueError, KeyError, TypeError) as err:
            raise TriggerTableError(f"data/{file}, line {n}: {err}") from None
        classes[cls.name] = cls
    for cls in classes.values():
        if cls.becomes_in_the_air is not None and cls.becomes_in_the_air not in classes:
            raise TriggerTableError(f"data/{file}: class {cls.name!r} becomes unknown class {cls.becomes_in_the_air!r}")
    return classes, patterns


def _trigger_class(row: dict) -> TriggerClass:
    unknown = set(row) - set(_FIELDS) - _NOT_CODING
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    values = {k: v for k, v in row.items() if k in _FIELDS and k != "name"}
    if "objects" in values:  # "@civilian_nouns": the words of a concept (data/en/)
        values["objects"] = [w for o in values["objects"] for w in (vocab.words(o[1:]) if o.startswith("@") else [o])]
    for k in _SETS & set(values):
        values[k] = frozenset(values[k])
    if "checks" in values:
        values["checks"] = tuple(values["checks"])
    if "priority" in values:
        values["priority"] = int(values["priority"])
    return TriggerClass(name=row["class"], **values)


_INFIX_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


class TriggerIndex:
    """Finds lexicon patterns in a Doc, indexed by each pattern's first word.

    spaCy's Matcher tries every pattern at every token (and the wildcard patterns
    multiply its states); news text mentions few trigger words, so looking patterns
    up by the token's lemma or lower-case form and checking the rest by hand is
    several times faster and matches the same spans.
    """

    def __init__(self, patterns: dict[str, list[str]]) -> None:
        self.by_first: dict[str, list[tuple[str, tuple]]] = {}
        for name, pats in patterns.items():
            for pattern in pats:
                # the tokenizer splits "stone-throwing" into "stone", "-", "throwing": so does the pattern
                words = tuple(_word(w) for w in _INFIX_HYPHEN.sub(" - ", pattern).split())
                first_forms, _ = words[0]
                keys = set(first_forms)
                if len(words) == 1 and "/" not in pattern:
                    keys |= set(_inflections(pattern))
                for key in keys:
                    self.by_first.setdefault(key, []).append((name, words))

    def find(self, doc) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        n = len(doc)
        lowers = lower_words(doc)
        for i, lemma in enumerate(lower_lemmas(doc)):  # lists: most words open no pattern, and need no Token
            lower = lowers[i]
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
        for start in _after_words(doc, i, 2, n):
            end = _match(doc, start, words, k + 1, n, single=single)
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


def _after_words(doc, i: int, most: int, n: int) -> list[int]:
    """Where the next pattern word may start after skipping 0..`most` words from token i; a
    hyphenated word is one word ("drove al-Shabaab fighters out")."""
    starts, j = [i], i
    for _ in range(most):
        if j >= n:
            break
        j += 1
        while j < n and not doc[j - 1].whitespace_ and "-" in (doc[j].text, doc[j - 1].text):
            j += 1
        starts.append(j)
    return starts


def _forms(lemma: str) -> list[str]:
    # The small model's lemmatiser keeps case for proper-noun-like tokens ("IED"), and leaves
    # some irregular forms as written ("retook").
    irregular = vocab.mapping("irregular_verb_forms").get(lemma.lower(), [])
    return sorted({lemma, lemma.lower(), lemma.upper(), lemma.capitalize(), *irregular})


def _inflections(word: str) -> list[str]:
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", *vocab.mapping("irregular_verb_forms").get(w, [])}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing"}
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        forms |= {w[:-1] + "ied", w[:-1] + "ies"}  # occupy: occupied, occupies
    return sorted(forms)
