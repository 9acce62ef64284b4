"""Quotes: who said what, in their own words (direct) or reported (indirect).

`dateline_quotes` sets `doc._.quotes` to record Quotes (`text, kind, speaker, speaker_title,
start, end`; offsets of `text` in the body). It works in four steps:

1. quotation marks are paired into stretches of quoted text (curly and straight marks, nested
   quotes, quotes that run on over paragraphs);
2. every reporting verb outside quotes ("said", "told", "added", "according to") gets its speaker
   from the parse, resolved in document order: surnames to the full name the article gives,
   pronouns and "the fighter" to the last speaker they can refer to, acronyms to their long form;
3. each quoted stretch takes the speaker of the reporting verb next to it, or of the last one
   before it; scare quotes ("caliphate") that no one is reported to have said are dropped;
4. the clause a say/tell/add/announce/estimate/report verb governs is an indirect quote.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import pipeline  # noqa: F401  (registers the Doc extensions)

# ---------------------------------------------------------------------------------------------
# lexicon


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("dateline.data").joinpath("speech.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
SENT_END = {".", "!", "?"}
# "BEIRUT (Reuters) – " and the like open the first paragraph; they are not part of any clause.
DATELINE = re.compile(r"^[^\n]{0,120}?\([A-Z][\w .&/-]{0,30}\)\s*[–—-]+\s*")
PERSON_LABELS = {"PERSON"}
BODY_LABELS = {"ORG", "NORP", "GPE", "ARMED_GROUP", "FAC", "FACILITY"}
SHORT_QUOTE_WORDS = 3


# ---------------------------------------------------------------------------------------------
# 1. quotation marks


@dataclass
class Stretch:
    """Text between a pair of quotation marks (or from an opening mark to a paragraph's end)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or of the paragraph end when the quote runs on
    depth: int  # 0 for a top-level quote
    parent: int | None  # index of the enclosing stretch
    closed: bool = True
    runs_on_from: int | None = None  # index of the stretch in the previous paragraph it continues

    def text_span(self, text: str) -> tuple[int, int]:
        """Offsets of the quoted words: white space and a sentence's trailing comma dropped."""
        start, end = self.open + 1, self.close
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
            end -= 1
        return start, end


def _is_paragraph_break(text: str, i: int) -> bool:
    """A newline ends a paragraph when a blank line follows, the line ends a sentence, or a quote opens."""
    j = i + 1
    while j < len(text) and text[j] in " \t\u00a0\u200e":
        j += 1
    if j < len(text) and text[j] == "\n":
        return True
    nxt = text[j] if j < len(text) else ""
    prev = text[:i].rstrip(" \t\u00a0\u200e")[-1:]
    return nxt in OPENING + STRAIGHT or prev in ".!?:”\"’)" or nxt.isupper()


def scan_quote_marks(text: str) -> list[Stretch]:
    """Pair quotation marks into stretches; unclosed quotes run to the paragraph end, and an opening
    mark that starts the next paragraph continues them (`runs_on_from`)."""
    stretches: list[Stretch] = []
    stack: list[tuple[int, str]] = []  # (offset of the opening mark, the mark)
    run_on_opens: set[int] = set()  # opening marks that continue the last paragraph's quote
    pending = False  # the last paragraph ended inside a quote

    def push(i: int, mark: str) -> None:
        nonlocal pending
        if pending and not text[para_start:i].strip():
            run_on_opens.add(i)
        pending = False
        stack.append((i, mark))

    def pop(i: int, closed: bool = True) -> None:
        start, _mark = stack.pop()
        stretches.append(Stretch(open=start, close=i, depth=len(stack), parent=None, closed=closed))

    n = len(text)
    para_start = 0
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            if _is_paragraph_break(text, i):
                pending = bool(stack)
                while stack:
                    pop(i, closed=False)
                para_start = i + 1
            continue
        if ch in OPENING:
            if stack and not prev.isspace() and (nxt.isspace() or nxt in ".,;") and prev not in "([—–":
                pop(i)  # a “ typed where ” was meant
            else:
                push(i, ch)
        elif ch in CLOSING:
            if stack:
                pop(i)
            elif (prev.isspace() or i == 0) and nxt.isalnum():
                push(i, ch)  # a ” typed where “ was meant
        elif ch == STRAIGHT:
            opening_context = (prev.isspace() or prev in "([—–/:" or i == para_start) and not nxt.isspace()
            if stack and stack[-1][1] == STRAIGHT and opening_context and prev.isspace():
                stack.pop()  # two straight openers in a row: the earlier one was stray
                push(i, ch)
            elif stack and not (opening_context and stack[-1][1] != STRAIGHT):
                pop(i)
            elif opening_context:
                push(i, ch)
        elif ch == "‘":
            if stack and not prev.isalnum():
                push(i, ch)
        elif ch == "’":
            if stack and stack[-1][1] == "‘" and not nxt.isalpha():
                pop(i)
    while stack:
        pop(n, closed=False)
    stretches.sort(key=lambda s: (s.open, -s.close))
    _set_parents(stretches)
    for k, s in enumerate(stretches):
        if s.open in run_on_opens:
            earlier = [j for j in range(k) if stretches[j].depth == 0 and not stretches[j].closed]
            if earlier:
                s.runs_on_from = earlier[-1]
    return stretches


def _set_parents(stretches: list[Stretch]) -> None:
    for k, s in enumerate(stretches):
        for j in range(k - 1, -1, -1):
            p = stretches[j]
            if p.open < s.open and s.close <= p.close:
                s.parent = j
                s.depth = p.depth + 1
                break
        else:
            s.depth = 0


# ---------------------------------------------------------------------------------------------
# 2. speakers


@dataclass
class Speaker:
    name: str
    title: str | None
    kind: str  # "person" or "body"
    at: int  # offset of the mention
    head: str  # lower-case head word, for "the fighter said"


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-\u200e")
    return re.sub(r"[’']s$", "", text).strip()


def _strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].dep_ in {"det", "predet", "punct"} or tokens[0].lower_ in {"one", "several", "some"}):
        tokens = tokens[1:]
    while tokens and tokens[-1].dep_ == "punct":
        tokens = tokens[:-1]
    return tokens


def _text(doc: Doc, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return _clean(doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])


class SpeakerResolver:
    """Turns the subject of a reporting verb into a Speaker, in document order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex = lexicon()
        self.history: list[Speaker] = []
        self.titles: dict[str, str] = {}
        self.persons = self._person_names()
        self.acronyms = self._acronyms()
        self.actor_at = self._actor_spans()

    # -- what the article names ------------------------------------------------------------

    def _entity_spans(self) -> list[tuple[int, int, str]]:
        spans = [(e.start_char, e.end_char, e.label_) for e in self.doc.ents]
        for e in self.doc._.entities or []:
            try:
                spans.append((int(e["start"]), int(e["end"]), str(e["label"])))
            except (KeyError, TypeError, ValueError):
                continue
        return spans

    def _person_names(self) -> list[tuple[int, list[str]]]:
        """(offset, name words) of every PERSON mention, honorifics stripped."""
        out = []
        for start, end, label in self._entity_spans():
            if label not in PERSON_LABELS:
                continue
            words = self._name_words(self.doc.text[start:end])
            if words:
                out.append((start, words))
        return out

    def _name_words(self, text: str) -> list[str]:
        words = _clean(text).split()
        while len(words) > 1 and words[0].lower() in self.lex["honorifics"]:
            words = words[1:]
        return words

    def _acronyms(self) -> dict[str, str]:
        """"Syrian Democratic Forces (SDF)" defines SDF in this article."""
        found: dict[str, str] = {}
        for m in re.finditer(r"\(([A-Z][A-Z-]{1,9})\)", self.doc.text):
            acro = m.group(1)
            before = self.doc.text[max(0, m.start() - 120) : m.start()].rstrip()
            words = re.findall(r"[\w.’'-]+", before)
            letters = [c for c in acro if c.isalpha()]
            # walk back over capitalised words (and small connecting words) until the initials fit
            picked: list[str] = []
            for w in reversed(words):
                if w[0].isupper() or w.lower() in {"of", "the", "and", "for", "al", "in"}:
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
        for start, end, label in self._entity_spans():
            if start <= token.idx < end:
                return label
        return None

    def full_name(self, words: list[str], at: int) -> list[str]:
        """"Bali" -> "Mustafa Bali": the longest PERSON mention ending with the surname, earlier first."""
        if len(words) != 1:
            return words
        key = words[0].lower()
        best: list[str] | None = None
        for pos, name in sorted(self.persons, key=lambda p: (p[0] > at, p[0])):
            if len(name) > 1 and name[-1].lower() == key and (best is None or len(name) > len(best)):
                best = name
        return best or words

    def canonical_at(self, start: int, end: int) -> str | None:
        for s, e, canon in self.actor_at:
            if s < end and start < e:
                return canon.split(":", 1)[-1].strip()
        return None

    # -- subjects ---------------------------------------------------------------------------

    def subject_of(self, verb: Token) -> Token | None:
        if verb.lower_ == "according":
            for c in verb.children:
                if c.lower_ == "to":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
            nxt = verb.nbor(1) if verb.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                for g in nxt.children:
                    if g.dep_ == "pobj":
                        return g
            return None
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return c
        if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            for c in verb.head.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    return c
        if verb.lemma_ in {"say", "add", "write", "tweet", "ask", "explain"}:
            # "..., said SDF spokesman Mustafa Bali": the parser sometimes takes him for an object
            for c in verb.rights:
                if c.dep_ in {"dobj", "attr", "npadvmod", "appos"} and c.pos_ in {"PROPN", "NOUN"} and c.i - verb.i <= 6:
                    return c
        return None

    def resolve(self, verb: Token) -> Speaker | None:
        subj = self.subject_of(verb)
        if subj is None:
            return None
        speaker = self.describe(subj)
        if speaker is not None:
            self.remember(speaker)
        return speaker

    def remember(self, speaker: Speaker) -> None:
        self.history.append(speaker)
        if speaker.title and speaker.kind == "person":
            self.titles.setdefault(speaker.name, speaker.title)

    def describe(self, subj: Token) -> Speaker | None:
        doc, lex = self.doc, self.lex
        low = subj.lower_
        if subj.pos_ == "PRON" or low in lex["person_pronouns"] | lex["group_pronouns"]:
            if low in {"those", "who", "that", "which"} and not any(c.dep_ == "relcl" for c in subj.children):
                if low in {"who", "that", "which"} and subj.head.dep_ == "relcl":
                    return self.describe(subj.head.head)
                return None
            if low in {"those", "these"}:
                return Speaker(_text(doc, list(subj.subtree)), None, "body", subj.idx, low)
            return self.pronoun(subj)

        # "the fighter, Chegovara Zerik": a named apposition is the speaker, the noun its title
        appos = [c for c in subj.children if c.dep_ == "appos"]
        named_appos = [a for a in appos if self._is_name(a)]
        if not self._is_name(subj) and named_appos:
            person = self.named(named_appos[0])
            if person is not None:
                if not person.title:
                    person.title = _text(doc, _strip_det([t for t in subj.subtree if t.i < named_appos[0].left_edge.i]))
                return person

        if self._is_name(subj):
            person = self.named(subj)
            if person is not None:
                return person

        return self.nominal(subj)

    def _is_name(self, tok: Token) -> bool:
        label = self.label_at(tok)
        if label in PERSON_LABELS:
            return True
        if tok.pos_ != "PROPN" or label in BODY_LABELS and not self._known_surname(tok.text):
            return False
        if tok.text in self.acronyms or tok.text.isupper():
            return False
        return self._known_surname(tok.text) or label is None

    def _known_surname(self, word: str) -> bool:
        return any(name[-1].lower() == word.lower() for _, name in self.persons)

    def named(self, tok: Token) -> Speaker | None:
        """A person named by `tok` (a PROPN inside the name), with title from the phrase around it."""
        doc = self.doc
        # the name: the PERSON entity, else the run of PROPN compounds ending at tok
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end and e.label_ in PERSON_LABELS), None)
        if ent is not None:
            name_toks = list(ent)
        else:
            name_toks = [tok]
            j = tok.i - 1
            while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].head.i in {t.i for t in name_toks} | {tok.i}:
                name_toks.insert(0, doc[j])
                j -= 1
        name_toks = [t for t in name_toks if t.dep_ != "punct" or t.text in {".", "-"}]
        words = _clean(_text(doc, name_toks)).split()
        honor = []
        while len(words) > 1 and words[0].lower() in self.lex["honorifics"]:
            honor.append(words.pop(0))
        if not words:
            return None
        words = self.full_name([re.sub(r"[’']s$", "", w) for w in words], tok.idx)
        name = " ".join(words)
        # title: modifiers before the name ("German Foreign Minister"), honorifics, appositions
        head = tok if tok.dep_ not in {"compound", "flat"} else tok.head
        left = [t for t in head.subtree if t.i < name_toks[0].i and t.dep_ not in {"det", "punct"}]
        left = _strip_det(left)
        parts = []
        if left and left[-1].i == name_toks[0].i - 1 or left and all(t.i < name_toks[0].i for t in left):
            parts.append(_text(doc, left))
        if honor:
            parts.append(" ".join(honor))
        for a in head.children:
            if a.dep_ == "appos" and a.i > head.i:
                parts.append(_text(doc, list(a.subtree)))
                break
        title = ", ".join(p for p in parts if p) or self.titles.get(name)
        return Speaker(name, title, "person", tok.idx, words[-1].lower())

    def nominal(self, subj: Token) -> Speaker | None:
        """A description: "the U.S.-led coalition", "state media", "the fighter", "an SDF official"."""
        doc, lex = self.doc, self.lex
        toks = [t for t in subj.subtree if t.i <= subj.i and not (t.dep_ == "appos" or t.head.dep_ == "appos" and t.head != subj)]
        # keep only the contiguous phrase ending at the head
        while toks and any(t.i > toks[0].i and t.i - 1 not in {x.i for x in toks} for t in toks[1:]):
            toks = toks[1:]
        toks = _strip_det(toks)
        # "the Federal Bureau of Investigation": a name that runs through "of"
        if subj.pos_ == "PROPN":
            for c in subj.children:
                if c.dep_ == "prep" and c.lower_ == "of" and c.i == subj.i + 1:
                    toks = toks + list(c.subtree)
        definite = any(t.dep_ == "det" and t.lower_ in {"the", "this", "that"} for t in subj.children)
        head = subj.lemma_.lower()
        phrase = _text(doc, toks)
        if not phrase:
            return None
        if phrase in self.acronyms:
            phrase = self.acronyms[phrase]
        person_noun = head in lex["person_nouns"] or subj.lower_ in lex["person_nouns"]
        if definite and (person_noun or "year" in phrase):
            found = self.by_role(head, phrase)
            if found is not None:
                return Speaker(found.name, found.title, found.kind, subj.idx, found.head)
        if definite and not person_noun:
            canon = self.canonical_at(subj.left_edge.idx, subj.idx + len(subj.text))
            if canon and not (set(w.lower() for w in phrase.split()) & set(w.lower() for w in canon.split())):
                phrase = canon
        return Speaker(phrase, None, "person" if person_noun else "body", subj.idx, head)

    def by_role(self, head: str, phrase: str) -> Speaker | None:
        """"the source", "the press secretary": the last speaker so described."""
        words = {w.lower() for w in re.findall(r"[\w-]+", phrase)} - {"the", "this", "that"}
        for sp in reversed(self.history):
            said = f"{sp.name} {sp.title or ''}".lower()
            if head in said or sp.head == head or words and words <= set(re.findall(r"[\w-]+", said)):
                return sp
        for name, title in self.titles.items():
            if head in title.lower():
                return Speaker(name, title, "person", 0, name.split()[-1].lower())
        return None

    def pronoun(self, subj: Token) -> Speaker | None:
        low = subj.lower_
        if low in self.lex["person_pronouns"]:
            for sp in reversed(self.history):
                if sp.kind == "person":
                    return Speaker(sp.name, sp.title, sp.kind, subj.idx, sp.head)
            before = [p for p in self.persons if p[0] < subj.idx]
            if before:
                words = self.full_name(before[-1][1], before[-1][0])
                return Speaker(" ".join(words), self.titles.get(" ".join(words)), "person", subj.idx, words[-1].lower())
            return None
        # it / they: the subject of this sentence's main clause, else of the sentence before
        sent = subj.sent
        candidates = []
        root = sent.root
        for c in root.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i < subj.i and c != subj:
                candidates.append(c)
        if not candidates and sent.start > 0:
            prev = self.doc[sent.start - 1].sent
            if prev.root.is_space and prev.start > 0:
                prev = self.doc[prev.start - 1].sent
            for c in prev.root.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    candidates.append(c)
        for c in candidates:
            if c.pos_ == "PRON" or c.lower_ in self.lex["person_pronouns"] | self.lex["group_pronouns"]:
                continue
            if self._is_name(c):
                continue
            sp = self.describe(c)
            if sp is not None:
                canon = self.canonical_at(c.left_edge.idx, c.idx + len(c.text))
                if canon and sp.kind == "body" and not (
                    set(w.lower() for w in sp.name.split()) & set(w.lower() for w in canon.split())
                ):
                    sp.name = canon
                return Speaker(sp.name, sp.title, sp.kind, subj.idx, sp.head)
        for sp in reversed(self.history):
            if sp.kind == "body":
                return Speaker(sp.name, sp.title, sp.kind, subj.idx, sp.head)
        return None


# ---------------------------------------------------------------------------------------------
# 3. and 4. quotes


@dataclass
class Attribution:
    verb: Token
    speaker: Speaker | None
    start: int  # first char of the subject-and-verb phrase
    end: int  # last char + 1


class QuoteFinder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lexicon()
        self.stretches = scan_quote_marks(self.text)
        self.top = [s for s in self.stretches if s.depth == 0]
        self.resolver = SpeakerResolver(doc)
        self.attributions = self._attributions()
        self.body_start = self._body_start()

    # -- positions --------------------------------------------------------------------------

    def _body_start(self) -> int:
        m = DATELINE.match(self.text)
        return m.end() if m else 0

    def inside_quote(self, pos: int) -> Stretch | None:
        for s in self.top:
            if s.open < pos < s.close:
                return s
        return None

    def quoted_share(self, start: int, end: int) -> float:
        if end <= start:
            return 0.0
        covered = 0
        for s in self.top:
            lo, hi = max(start, s.open), min(end, s.close + 1)
            if hi > lo:
                covered += hi - lo
        return covered / (end - start)

    # -- reporting verbs --------------------------------------------------------------------

    def _is_reporting_verb(self, tok: Token) -> bool:
        if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
            return True
        if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in self.lex["attribution_verbs"]:
            return False
        if any(c.dep_ == "auxpass" for c in tok.children):
            return False  # "were estimated to be", "was reported killed"
        if tok.dep_ in {"amod", "acl"} and tok.tag_ == "VBN":
            return False
        return True

    def _attributions(self) -> list[Attribution]:
        out = []
        for tok in self.doc:
            if not self._is_reporting_verb(tok) or self.inside_quote(tok.idx):
                continue
            speaker = self.resolver.resolve(tok)
            subj = self.resolver.subject_of(tok)
            start = min(tok.idx, subj.left_edge.idx) if subj is not None else tok.idx
            end = max(tok.idx + len(tok.text), subj.right_edge.idx + len(subj.right_edge.text)) if subj is not None else tok.idx + len(tok.text)
            out.append(Attribution(tok, speaker, start, end))
        return out

    # -- direct quotes ----------------------------------------------------------------------

    def _token_at(self, pos: int) -> Token | None:
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _tail_attribution(self, s: Stretch) -> Attribution | None:
        """A reporting verb after the closing mark, before the sentence ends: '," she said.'"""
        tok = self._token_at(s.close)
        if tok is None:
            return None
        limit = s.close
        for t in self.doc[tok.i + 1 : tok.i + 40]:
            if "\n" in t.text and _is_paragraph_break(self.text, t.idx + t.text.index("\n")):
                break
            if t.text in OPENING or (t.text == STRAIGHT and self.inside_quote(t.idx + 1)):
                break
            limit = t.idx + len(t.text)
            if t.text in SENT_END:
                break
        for a in self.attributions:
            if s.close < a.verb.idx < limit:
                return a
        return None

    def _head_attribution(self, s: Stretch) -> Attribution | None:
        """A reporting verb earlier in the sentence: 'Trump said on Sunday ... “we will ...”'."""
        tok = self._token_at(s.open)
        if tok is None:
            return None
        start = tok.sent.start_char
        # not across an earlier quote or a paragraph break
        for other in self.top:
            if other.close < s.open and other.close >= start:
                start = other.close + 1
        para = self.text.rfind("\n", 0, s.open)
        start = max(start, para + 1)
        found = [a for a in self.attributions if start <= a.verb.idx < s.open]
        return found[-1] if found else None

    def _governing_attribution(self, s: Stretch) -> tuple[bool, Attribution | None, Speaker | None]:
        """For a short quote: is it said by someone? Walk up the parse from the quoted words."""
        tok = self._token_at(s.open + 1)
        if tok is None:
            return False, None, None
        chain = []
        node = tok
        seen = set()
        while node.i not in seen:
            seen.add(node.i)
            chain.append(node)
            if node.head == node:
                break
            node = node.head
        verbs = [t for t in chain if t.pos_ in {"VERB", "AUX"}]
        if not verbs:
            return False, None, None
        first = verbs[0]
        quoted = {t.i for t in self.doc.char_span(s.open, s.close + 1, alignment_mode="expand") or []}
        direct_object = any(t.i in quoted and t.dep_ in {"dobj", "pobj"} and t.head == first for t in chain)
        if direct_object and first.lemma_.lower() in self.lex["not_speech_objects_of"]:
            return False, None, None
        speech = [v for v in verbs if v.lemma_.lower() in self.lex["short_quote_verbs"]]
        if speech:
            outer = speech[-1]
            att = next((a for a in self.attributions if a.verb == outer), None)
            if att is not None:
                return True, att, att.speaker
            subj = self.resolver.subject_of(outer)
            return True, None, self.resolver.describe(subj) if subj is not None else None
        top = verbs[-1]
        subj = self.resolver.subject_of(top)
        if subj is not None and self.resolver.label_at(subj) in PERSON_LABELS:
            return True, None, self.resolver.describe(subj)
        return False, None, None

    def _last_speaker_before(self, pos: int) -> Speaker | None:
        best = None
        for a in self.attributions:
            if a.verb.idx < pos and a.speaker is not None:
                best = a.speaker
        return best

    def _nested_speaker(self, s: Stretch, parent: Stretch) -> tuple[bool, Speaker | None]:
        """A quote inside a quote counts only when someone else is reported saying it."""
        lead = self.text[max(parent.open + 1, s.open - 40) : s.open]
        if not re.search(r"(\b(like|said|says|say|asked|asks|ask|told|tells|tell|shouted|yelled|screamed|saying|replied|wrote)\b[\s,]*|:\s*)$", lead):
            return False, None
        inner = self.text[parent.open + 1 : s.open]
        m = list(re.finditer(r"\(([^()]{2,60})\)", inner))
        if m:
            span = self.doc.char_span(parent.open + 1 + m[-1].start(1), parent.open + 1 + m[-1].end(1), alignment_mode="expand")
            if span is not None:
                nouns = [t for t in span if t.pos_ in {"PROPN", "NOUN"}]
                if nouns:
                    return True, self.resolver.describe(nouns[-1])
        span = self.doc.char_span(parent.open + 1, s.open, alignment_mode="expand")
        if span is not None:
            for t in reversed(list(span)):
                if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ != "PRON":
                    return True, self.resolver.describe(t)
        return True, None

    def direct(self) -> list[dict]:
        out: list[dict] = []
        speakers: dict[int, Speaker | None] = {}
        for k, s in enumerate(self.stretches):
            start, end = s.text_span(self.text)
            words = re.findall(r"\w+", self.text[start:end])
            if not words:
                continue
            if s.depth > 0:
                parent = self.stretches[s.parent] if s.parent is not None else None
                if parent is None:
                    continue
                keep, speaker = self._nested_speaker(s, parent)
                if not keep:
                    continue
            else:
                tail = self._tail_attribution(s)
                head = None if tail else self._head_attribution(s)
                att = tail or head
                speaker = att.speaker if att is not None else None
                if len(words) <= SHORT_QUOTE_WORDS and tail is None:
                    if self.text[start:end].isupper():
                        continue
                    keep, gov_att, gov_speaker = self._governing_attribution(s)
                    if not keep:
                        continue
                    speaker = gov_speaker if gov_speaker is not None else speaker
                if att is None and speaker is None:
                    if s.runs_on_from is not None and s.runs_on_from in speakers:
                        speaker = speakers[s.runs_on_from]
                    else:
                        speaker = self._last_speaker_before(s.open)
                speakers[k] = speaker
            out.append(self._record(start, end, "direct", speaker))
        # a quote that runs on shares the speaker found for its last part
        for k, s in enumerate(self.stretches):
            if s.runs_on_from is not None and k in speakers and speakers[k] is not None:
                j = s.runs_on_from
                for rec in out:
                    st, _ = self.stretches[j].text_span(self.text)
                    if rec["start"] == st and rec["kind"] == "direct":
                        rec["speaker"], rec["speaker_title"] = speakers[k].name, speakers[k].title
        return out

    # -- indirect quotes --------------------------------------------------------------------

    def _clause_after(self, a: Attribution) -> tuple[int, int] | None:
        verb = a.verb
        comps = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} and c.i > verb.i]
        if not comps:
            return None
        comp = comps[0]
        toks = list(comp.subtree)
        # the clause runs on through verbs that share the reporting verb's subject ("... and investigates")
        for sib in verb.children:
            if sib.dep_ == "conj" and sib.i > comp.i and not any(c.dep_ in {"nsubj", "nsubjpass", "ccomp"} for c in sib.children):
                if sib.lemma_.lower() not in self.lex["attribution_verbs"]:
                    toks = [t for t in self.doc[toks[0].i : sib.right_edge.i + 1]]
        while toks and (toks[0].dep_ in {"mark", "punct"} and toks[0].lower_ in {"that", ",", ":"}):
            toks = toks[1:]
        while toks and toks[-1].is_punct and toks[-1].text not in CLOSING + STRAIGHT:
            toks = toks[:-1]
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    def _clause_around(self, a: Attribution) -> tuple[int, int] | None:
        """", X said." closing a sentence: the clause before it; ", X said, ..." mid-sentence: after it."""
        sent = a.verb.sent
        s_start = max(sent.start_char, self.body_start if sent.start_char < self.body_start else 0)
        before = self.text[s_start : a.start]
        if not before.rstrip().endswith((",", ",”", ",\"")):
            return None
        after_toks = [t for t in sent if t.idx >= a.end]
        # skip the attribution's own adjuncts: "on Sunday", "in a statement", "told Reuters"
        rest = self.text[a.end : sent.end_char]
        m = re.match(r"^[^,.;]*?,\s*", rest)
        tail_clause = None
        if m and len(re.findall(r"\w+", rest[m.end() :])) >= 3:
            start = a.end + m.end()
            end = sent.end_char
            tail_clause = (start, end)
        if tail_clause and not re.search(r"\w", re.sub(r"\b(also|and|but|so|then)\b", "", before.lower())[:-1] if len(before) < 40 else "x"):
            pass
        words_before = re.findall(r"\w+", before)
        if tail_clause and len(words_before) <= 6:
            start, end = tail_clause
        else:
            start, end = s_start, s_start + len(before.rstrip().rstrip(",”\"").rstrip(","))
            if before.rstrip().endswith(("”", "\"")):
                end = s_start + len(before.rstrip().rstrip(","))
        del after_toks
        text = self.text[start:end]
        stripped = text.rstrip(" .,;\n")
        if stripped.endswith(("”", "\"")) and not stripped.startswith(("“", "\"")):
            pass
        end = start + len(stripped)
        while start < end and self.text[start].isspace():
            start += 1
        return (start, end) if end > start else None

    def indirect(self) -> list[dict]:
        out: list[dict] = []
        seen: set[tuple[int, int]] = set()
        for a in self.attributions:
            if a.verb.lemma_.lower() not in self.lex["indirect_verbs"] or a.verb.lower_ == "according":
                continue
            if a.speaker is None:
                continue
            span = self._clause_after(a) or self._clause_around(a)
            if span is None:
                continue
            start, end = span
            clause = self.text[start:end]
            words = re.findall(r"\w+", clause)
            if len(words) < 3 or self.quoted_share(start, end) > 0.6:
                continue
            if not self._has_verb(start, end):
                continue
            if (start, end) in seen:
                continue
            seen.add((start, end))
            out.append(self._record(start, end, "indirect", a.speaker))
        return out

    def _has_verb(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(t.pos_ in {"VERB", "AUX"} for t in span)

    def _record(self, start: int, end: int, kind: str, speaker: Speaker | None) -> dict:
        return {
            "text": self.text[start:end],
            "kind": kind,
            "speaker": speaker.name if speaker else None,
            "speaker_title": speaker.title if speaker else None,
            "start": start,
            "end": end,
        }

    def quotes(self) -> list[dict]:
        found = self.direct() + self.indirect()
        return sorted(found, key=lambda q: (q["start"], q["kind"]))


def find_quotes(doc: Doc) -> list[dict]:
    return QuoteFinder(doc).quotes()


class QuotesComponent:
    """spaCy component: fills `doc._.quotes`."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc


# no annotations: spaCy validates factory arguments and `from __future__ import annotations` hides them
@Language.factory("dateline_quotes")
def make_quotes(nlp, name):
    return QuotesComponent()
