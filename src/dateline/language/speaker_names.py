"""What an article names, for telling who speaks: persons, acronyms, actors.

The lower half of the speaker resolver (`speakers`): the PERSON mentions and their
surnames ("Bali" is "Mustafa Bali"), acronyms the article defines ("Syrian
Democratic Forces (SDF)"), the actors `dateline_actors` found, and the small
helpers that turn tokens into the phrase a record carries. The speech words come
from `data/speech.json`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from .. import vocab
from .doccache import text as doc_text
from .meta import dateline_end


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("dateline.data").joinpath("speech.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


PERSON_LABELS = {"PERSON"}
BODY_LABELS = {"ORG", "NORP", "GPE", "ARMED_GROUP", "FAC", "FACILITY"}


def clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-\u200e")
    return re.sub(r"[’']s$", "", text).strip()


def ends_sentence(tok: Token) -> bool:
    """". ! ?" end a sentence; the period of "Lt." or "Gen." or an initial does not."""
    if tok.text in {"!", "?"}:
        return True
    if tok.text != ".":
        return False
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if not prev.whitespace_ and (prev.lower_ in lexicon()["abbreviations"] or len(prev.text) == 1 and prev.is_upper):
            return False
    return True


def negated(verb: Token) -> bool:
    """"did not say", and "did not release a photograph or say": the report is denied."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "conj" and any(c.dep_ == "neg" for c in verb.head.children)


def name_form(name: str | None) -> str | None:
    """Names are identifiers, not evidence: one apostrophe ("Iraq's", not "Iraq’s")."""
    return name.replace("’", "'").replace("‘", "'") if name else name


def names_itself(tokens: list[Token]) -> bool:
    """ "Islamic State militants" names the group; "U.S.-backed fighters" only describes it."""
    return any(t.pos_ == "PROPN" and not re.search(r"-[a-z]+$", t.text) for t in tokens)


@lru_cache(maxsize=None)
def speech_pattern(template: str, key: str) -> re.Pattern:
    """`template` compiled with `{words}` standing for the speech words under `key`, as an alternation."""
    return re.compile(template.replace("{words}", "|".join(sorted(lexicon()[key]))))


@lru_cache(maxsize=1)
def _article_prefix() -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(vocab.ordered("arabic_articles")) + r"|ad-d)[-‐]")


def surname_key(word: str) -> str:
    """"al-Baghdadi" and "Baghdadi" are one surname."""
    return _article_prefix().sub("", word.lower())


def strip_determiners(tokens: list[Token]) -> list[Token]:
    """Articles, demonstratives, "both" and "one" say nothing about who; "some" and "several" do."""
    while tokens and (
        tokens[0].dep_ in {"det", "predet", "punct"} and tokens[0].lower_ not in {"some", "several", "many", "few"}
        or tokens[0].lower_ in {"one", "both", "all"}
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].dep_ == "punct":
        tokens = tokens[:-1]
    return tokens


def phrase_text(doc: Doc, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return clean(doc[tokens[0].i : tokens[-1].i + 1].text)  # not doc.text: spaCy rebuilds it on every call


class ArticleNames:
    """The names an article gives (persons, acronyms, actors, entities), looked up by position."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # spaCy rebuilds doc.text and doc.ents on every access
        self.ents = list(doc.ents)
        self.entity_spans = self._entity_spans()
        self._labels: dict[int, str] | None = None
        self.body_start = dateline_end(doc)  # "NAIROBI (Dateline Wire) –" is not part of any clause
        self.lex = lexicon()
        self.persons = self._person_names()
        self.surnames = {surname_key(name[-1]) for _, name in self.persons}
        self.acronyms = self._acronyms()
        self.actor_at = self._actor_spans()

    def _entity_spans(self) -> list[tuple[int, int, str]]:
        spans = [(e.start_char, e.end_char, e.label_) for e in self.ents]
        for e in self.doc._.entities or []:
            try:
                spans.append((int(e["start"]), int(e["end"]), str(e["label"])))
            except (KeyError, TypeError, ValueError):
                continue
        return spans

    def _person_names(self) -> list[tuple[int, list[str]]]:
        """(offset, name words) of every PERSON mention, honorifics stripped; not the dateline's place
        or the agency ("GOMA (Dateline Wire)"), which the tagger sometimes takes for people."""
        out = []
        meta = self.doc._.meta or {}
        agency = ((meta.get("dateline") or {}).get("agency") or "").lower()
        for start, end, label in self.entity_spans:
            if label not in PERSON_LABELS or start < self.body_start:
                continue
            if agency and self.text[start:end].lower() == agency:
                continue
            words = self._name_words(self.text[start:end])
            if words:
                out.append((start, words))
        return out

    def _name_words(self, text: str) -> list[str]:
        words = clean(text).split()
        while len(words) > 1 and words[0].lower() in self.lex["honorifics"]:
            words = words[1:]
        return words

    def _acronyms(self) -> dict[str, str]:
        """"Syrian Democratic Forces (SDF)" defines SDF in this article."""
        found: dict[str, str] = {}
        for m in re.finditer(r"\(([A-Z][A-Z-]{1,9})\)", self.text):
            acro = m.group(1)
            before = self.text[max(0, m.start() - 120) : m.start()].rstrip()
            words = re.findall(r"[\w.’'-]+", before)
            letters = [c for c in acro if c.isalpha()]
            # walk back over capitalised words (and small connecting words) until the initials fit
            picked: list[str] = []
            for w in reversed(words):
                if w[0].isupper() or w.lower() in self.lex["acronym_inner_words"]:
                    picked.insert(0, w)
                    initials = [x[0] for x in picked if x[0].isupper()]
                    if initials == letters or (initials and initials[-len(letters):] == letters and len(initials) >= len(letters)):
                        while picked and not picked[0][0].isupper():
                            picked.pop(0)
                        found.setdefault(acro, " ".join(picked))
                        break
                else:
                    break
        return found

    def _actor_spans(self) -> list[tuple[int, int, str]]:
        out = []
        for a in self.doc._.actors or []:
            try:
                if a.get("canonical"):
                    out.append((int(a["start"]), int(a["end"]), str(a["canonical"])))
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
        return out

    def label_at(self, token: Token) -> str | None:
        if self._labels is None:
            self._labels = {}
            for start, end, label in self.entity_spans:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                for t in span or []:
                    self._labels.setdefault(t.i, label)
        return self._labels.get(token.i)

    def full_name(self, words: list[str], at: int) -> list[str]:
        """"Bali" -> "Mustafa Bali": the longest PERSON mention ending with the surname, earlier first."""
        if len(words) != 1:
            return words
        key = surname_key(words[0])
        if key not in self.surnames:
            return words
        best: list[str] | None = None
        for pos, name in sorted(self.persons, key=lambda p: (p[0] > at, p[0])):
            if len(name) > 1 and surname_key(name[-1]) == key and (best is None or len(name) > len(best)):
                best = name
        return best or words

    def canonical_at(self, start: int, end: int) -> str | None:
        for s, e, canon in self.actor_at:
            if s < end and start < e:
                return canon.split(":", 1)[-1].strip()
        return None

    def _known_surname(self, word: str) -> bool:
        return surname_key(word) in self.surnames
