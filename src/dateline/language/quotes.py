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

from .doccache import sent_of
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
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
SENT_END = {".", "!", "?"}
# "BEIRUT (Reuters) – " and the like open the first paragraph; they are not part of any clause.
DATELINE = re.compile(r"^[^\n]{0,120}?\([A-Z][\w .&/-]{0,30}\)\s*[–—-]+\s*")
PERSON_LABELS = {"PERSON"}
BODY_LABELS = {"ORG", "NORP", "GPE", "ARMED_GROUP", "FAC", "FACILITY"}
SHORT_QUOTE_WORDS = 3
# what follows a closing mark: 'Caughlin said', 'he added'
ATTRIBUTION_AHEAD = re.compile(
    r"(?:[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}|[Hh]e|[Ss]he|[Tt]hey|[Ii]t) (?:said|says|added|adds|told|wrote|asked)\b"
)


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
    k = i - 1
    while k >= 0 and text[k] in " \t\u00a0\u200e":
        k -= 1
    prev = text[k] if k >= 0 else ""
    return nxt in OPENING + STRAIGHT + SINGLE_OPEN or prev in ".!?:”\"’)" or nxt.isupper()


def _next_visible(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return text[i] if i < len(text) else ""


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

    def drop_stray_singles() -> None:
        # a ‘ never closed was an apostrophe or a typo, not a quotation
        while stack and stack[-1][1] == SINGLE_OPEN:
            stack.pop()

    n = len(text)
    para_start = 0
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            if _is_paragraph_break(text, i):
                if stack and stack[-1][1] == SINGLE_OPEN and _next_visible(text, i) != SINGLE_OPEN:
                    drop_stray_singles()
                if stack:
                    pending = True
                    while stack:
                        pop(i, closed=False)
                elif text[para_start:i].strip():
                    pending = False
                para_start = i + 1
            continue
        if ch in OPENING:
            if stack and not prev.isspace() and (nxt.isspace() or nxt in ".,;") and prev not in "([—–":
                pop(i)  # a “ typed where ” was meant
            elif stack and ATTRIBUTION_AHEAD.match(text, i + 1):
                pop(i)  # '..., “Caughlin said.': an opening mark typed where the closing one was meant
            else:
                push(i, ch)
        elif ch in CLOSING:
            if stack and stack[-1][1] == SINGLE_OPEN and any(m != SINGLE_OPEN for _, m in stack):
                drop_stray_singles()
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
        elif ch == SINGLE_OPEN:
            # British style quotes with single marks, or a quote inside a quote
            if not prev.isalnum() and not nxt.isspace():
                push(i, ch)
        elif ch == SINGLE_CLOSE:
            # not the apostrophe of "didn’t" or "Shi’ite"
            if stack and stack[-1][1] == SINGLE_OPEN and not nxt.isalpha():
                pop(i)
    drop_stray_singles()
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


def _ends_sentence(tok: Token) -> bool:
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


def _negated(verb: Token) -> bool:
    """"did not say", and "did not release a photograph or say": the report is denied."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "conj" and any(c.dep_ == "neg" for c in verb.head.children)


def _name_form(name: str | None) -> str | None:
    """Names are identifiers, not evidence: one apostrophe ("Iraq's", not "Iraq’s")."""
    return name.replace("’", "'").replace("‘", "'") if name else name


def _names_itself(tokens: list[Token]) -> bool:
    """ "Islamic State militants" names the group; "U.S.-backed fighters" only describes it."""
    return any(t.pos_ == "PROPN" and not re.search(r"-[a-z]+$", t.text) for t in tokens)


def _surname_key(word: str) -> str:
    """"al-Baghdadi" and "Baghdadi" are one surname."""
    return re.sub(r"^(?:al|el|ad|ar|as|an|at|az|ash|ad-d)[-‐]", "", word.lower())


def _strip_det(tokens: list[Token]) -> list[Token]:
    """Articles, demonstratives, "both" and "one" say nothing about who; "some" and "several" do."""
    while tokens and (
        tokens[0].dep_ in {"det", "predet", "punct"} and tokens[0].lower_ not in {"some", "several", "many", "few"}
        or tokens[0].lower_ in {"one", "both", "all"}
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].dep_ == "punct":
        tokens = tokens[:-1]
    return tokens


def _text(doc: Doc, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return _clean(doc[tokens[0].i : tokens[-1].i + 1].text)  # not doc.text: spaCy rebuilds it on every call


class SpeakerResolver:
    """Turns the subject of a reporting verb into a Speaker, in document order."""

    def __init__(self, doc: Doc, in_quote=None) -> None:
        self.doc = doc
        self.text = doc.text  # once: spaCy rebuilds doc.text and doc.ents on every access
        self.ents = list(doc.ents)
        self.entity_spans = self._entity_spans()
        self._labels: dict[int, str] | None = None
        self._by_lemma: dict[str, list[int]] | None = None
        m = DATELINE.match(self.text)
        self.body_start = m.end() if m else 0
        self.in_quote = in_quote  # offset -> inside a quotation?
        self.lex = lexicon()
        self.history: list[Speaker] = []
        self.titles: dict[str, str] = {}
        self.persons = self._person_names()
        self.surnames = {_surname_key(name[-1]) for _, name in self.persons}
        self.acronyms = self._acronyms()
        self.actor_at = self._actor_spans()
        self._mentions: list[Speaker] | None = None

    # -- what the article names ------------------------------------------------------------

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
        words = _clean(text).split()
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
        key = _surname_key(words[0])
        if key not in self.surnames:
            return words
        best: list[str] | None = None
        for pos, name in sorted(self.persons, key=lambda p: (p[0] > at, p[0])):
            if len(name) > 1 and _surname_key(name[-1]) == key and (best is None or len(name) > len(best)):
                best = name
        return best or words

    def canonical_at(self, start: int, end: int) -> str | None:
        for s, e, canon in self.actor_at:
            if s < end and start < e:
                return canon.split(":", 1)[-1].strip()
        return None

    # -- subjects ---------------------------------------------------------------------------

    def subject_of(self, verb: Token) -> Token | None:
        """Who does the reporting: the verb's subject, or what the parse missed around it."""
        doc = self.doc
        if verb.lower_ == "according":
            to = next((c for c in verb.children if c.lower_ == "to"), None)
            if to is None and verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "to":
                to = doc[verb.i + 1]
            if to is not None:
                return next((g for g in to.children if g.dep_ == "pobj"), None)
            return None
        surface = self._surface_subject(verb)
        if surface is not None:
            return surface
        subjects = [
            c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and not c.is_punct and self._usable(c, verb)
        ]
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.idx < self.body_start:
                # "NAIROBI (Dateline Wire) – President William Ruto said": the parser hung him on the dateline
                subjects += [a for a in c.children if a.dep_ == "appos" and a.idx >= self.body_start]
        if subjects:
            # before the verb, nearest first; after it only when inverted ('," said X')
            return min(subjects, key=lambda c: (c.i > verb.i, abs(c.i - verb.i)))
        if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            for c in verb.head.children:
                if c.dep_ in {"nsubj", "nsubjpass"} and self._usable(c, verb):
                    return c
        before = self.text[sent_of(verb).start_char : verb.idx].rstrip()
        if verb.lemma_ in {"say", "add", "write", "tweet", "ask", "explain"} and (
            not before or before.endswith(("”", '"', ",", "’"))
        ):
            # inverted: "..., said SDF spokesman Mustafa Bali on Twitter"
            return self._phrase_head_after(verb)
        # the parser hung the subject elsewhere: the first subject-like word before the verb, in the
        # same sentence however the parser cut it ("died.[3] A local physician ... said")
        for t in sent_of(verb):
            if t.i >= verb.i:
                break
            if t.dep_ in {"nsubj", "nsubjpass"} and self._usable(t, verb) and t.head.i < verb.i:
                if not any(_ends_sentence(x) for x in doc[t.i : verb.i]):
                    return t
        return None

    def _surface_subject(self, verb: Token) -> Token | None:
        """ "..., a spokesman for the provincial government told AFP.": the noun phrase between the last
        comma and the verb is the speaker, whatever the parser attached it to."""
        doc = self.doc
        j = verb.i - 1
        while j >= sent_of(verb).start and doc[j].head == verb and doc[j].dep_ in {"aux", "neg", "advmod"}:
            j -= 1  # "... has said", "... also said"
        span: list[Token] = []
        while j >= sent_of(verb).start and doc[j].text != ",":
            t = doc[j]
            # "a member of the team trying to broker a pact has said"
            participle = t.tag_ in {"VBG", "VBN"} and t.dep_ in {"acl", "amod", "xcomp", "advcl"} or t.tag_ == "VB" and t.dep_ == "xcomp"
            if (t.pos_ in {"VERB", "AUX", "PRON", "SCONJ", "CCONJ"} and not participle and t.dep_ != "aux") or (
                t.text in OPENING + CLOSING + STRAIGHT or t.is_space
            ):
                return None
            span.insert(0, t)
            j -= 1
        if j < sent_of(verb).start or not span or doc[j].text != ",":
            return None
        if not any(t.pos_ in {"NOUN", "PROPN"} for t in span) or span[0].pos_ == "ADP":
            return None
        ids = {t.i for t in span}
        roots = [t for t in span if t.head.i not in ids and t.pos_ in {"NOUN", "PROPN"}]
        if not roots:
            # the parser made the participle the root: its subject, else the first noun
            verbs = [t for t in span if t.head.i not in ids and t.pos_ == "VERB"]
            subj = [c for v in verbs for c in v.children if c.i in ids and c.dep_ in {"nsubj", "nsubjpass"}]
            roots = subj or [t for t in span if t.pos_ in {"NOUN", "PROPN"}][:1]
        parsed = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not roots or any(r in parsed or r.head in parsed for r in roots):
            return None  # the parser already has it right ("Joseph Votel, commander of ... said")
        if not self._usable(roots[0], verb):
            return None
        return roots[0]

    def _usable(self, subj: Token, verb: Token) -> bool:
        """Not inside a quotation or the dateline, not across a paragraph break from the verb."""
        if subj.idx < self.body_start:
            return False  # "NAIROBI (Dateline Wire) –" is where the story was filed, not who spoke
        lo, hi = sorted((subj.idx, verb.idx))
        between = self.text[lo:hi]
        if "\n\n" in between or re.search(r"[a-z][.!?](?:\[\d+\])*\s+[A-Z]", between):
            return False  # a paragraph or a sentence ("died.[3] A local physician") lies between
        return not (self.in_quote and self.in_quote(subj.idx))

    def _phrase_head_after(self, verb: Token) -> Token | None:
        """The last noun of the noun phrase right after `verb` ("said the fighter, ..." -> fighter)."""
        head = None
        for t in self.doc[verb.i + 1 : verb.i + 9]:
            if t.ent_type_ == "PERSON" or t.pos_ in {"PROPN", "NOUN"}:
                head = t
                if t.ent_type_ == "PERSON" and (t.i + 1 >= len(self.doc) or self.doc[t.i + 1].ent_type_ != "PERSON"):
                    break
            elif t.pos_ in {"DET", "ADJ", "NUM"} or t.text in {".", "-"}:
                if head is not None:
                    break
            else:
                break
        return head

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
            if low in {"who", "that", "which"}:
                # "Hashimi, who advises ..., told": the relative pronoun stands for its antecedent
                return self.describe(subj.head.head) if subj.head.dep_ == "relcl" else None
            if low not in lex["person_pronouns"] | lex["group_pronouns"]:
                # "those interviewed", "many of them": the phrase itself, when it says who
                if any(c.dep_ in {"relcl", "acl", "prep", "amod"} for c in subj.children):
                    return Speaker(_text(doc, list(subj.subtree)), None, "body", subj.idx, low)
                return None
            return self.pronoun(subj)

        # "the fighter, Chegovara Zerik": a named apposition is the speaker, the noun its title
        appos = [c for c in subj.children if c.dep_ == "appos"]
        named_appos = [a for a in appos if self._is_name(a)]
        if not self._is_name(subj) and named_appos:
            person = self.named(named_appos[0])
            if person is not None:
                role = _text(doc, _strip_det([t for t in subj.subtree if t.i < named_appos[0].left_edge.i]))
                person.title = ", ".join(p for p in (role, person.title) if p) or None
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
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or label in BODY_LABELS and not self._known_surname(tok.text):
            return False
        if tok.lower_ in self.lex["honorifics"] or tok.lower_ in self.lex["person_nouns"]:
            return False  # "Commander", "President" alone name an office, not a person
        if tok.text in self.acronyms or tok.text.isupper():
            return False
        return self._known_surname(tok.text) or label is None

    def _known_surname(self, word: str) -> bool:
        return _surname_key(word) in self.surnames

    def named(self, tok: Token) -> Speaker | None:
        """A person named by `tok` (a PROPN inside the name), with title from the phrase around it."""
        doc = self.doc
        # the name: the PERSON entity, else the run of PROPN compounds ending at tok
        ent = next((e for e in self.ents if e.start <= tok.i < e.end and e.label_ in PERSON_LABELS), None)
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
            if a.dep_ == "appos" and a.i > head.i and not a.like_num:  # "Kevin Mwangi, 23, a student"
                parts.append(_text(doc, list(a.subtree)))
                break
        title = ", ".join(p for p in parts if p) or self.titles.get(name)
        return Speaker(name, title, "person", tok.idx, words[-1].lower())

    def nominal(self, subj: Token) -> Speaker | None:
        """A description: "the U.S.-led coalition", "state media", "the fighter", "an SDF official"."""
        doc, lex = self.doc, self.lex
        toks = [t for t in subj.subtree if t.i <= subj.i and not (t != subj and (t.dep_ == "appos" or t.head.dep_ == "appos" and t.head != subj))]
        # keep only the contiguous phrase ending at the head
        while toks and any(t.i > toks[0].i and t.i - 1 not in {x.i for x in toks} for t in toks[1:]):
            toks = toks[1:]
        toks = _strip_det(toks)
        # "co-chairman" cut by the tokenizer into "co", "-", "chairman"
        j = subj.i
        while j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_:
            toks = toks + [doc[j + 1], doc[j + 2]]
            j += 2
        # "the Iraqi and Syrian governments and their international backers"
        for c in subj.children:
            if c.dep_ == "conj" and c.i > subj.i and toks:
                toks = toks + list(doc[subj.i + 1 : c.i + 1])
        # "the Federal Bureau of Investigation": a name that runs through "of"
        if subj.pos_ == "PROPN":
            for c in subj.children:
                if c.dep_ == "prep" and c.lower_ == "of" and c.i == subj.i + 1:
                    toks = toks + list(c.subtree)
        definite = any(t.dep_ == "det" and t.lower_ in {"the", "this", "that"} for t in subj.children)
        head = subj.lemma_.lower()
        person_noun = head in lex["person_nouns"] or subj.lower_ in lex["person_nouns"]
        if toks and toks[-1] == subj:
            toks = toks + self._post_modifiers(subj, group=subj.tag_ in {"NNS", "NNPS"} or not person_noun)
        phrase = self._phrase_with_named_possessor(toks)
        if not phrase:
            return None
        if phrase in self.acronyms:
            phrase = self.acronyms[phrase]
        group = subj.tag_ in {"NNS", "NNPS"} or not person_noun
        fuller = self.fuller_mention(subj) if toks == [subj] and group else None
        if fuller:
            # "militants said": the article named them in full earlier ("Islamic State militants")
            return Speaker(fuller, None, "body", subj.idx, head)
        if definite and (person_noun or "year" in phrase):
            found = self.by_role(head, phrase)
            if found is not None:
                return Speaker(found.name, found.title, found.kind, subj.idx, found.head)
        if head in lex["generic_group_nouns"] and not _names_itself(toks):
            # "the militia", "U.S.-backed fighters": name the actor the article means
            canon = self.canonical_at(subj.left_edge.idx, subj.idx + len(subj.text))
            if canon:
                phrase = canon
        title = None
        if subj.pos_ == "PROPN" and subj.text[:1].isupper() and toks and toks[0].i < subj.i:
            # "police agency Europol", "state-funded Kenya National Commission ...": a descriptor, then the name
            k = next((k for k, t in enumerate(toks) if t.text[:1].isupper()), 0)
            if k > 0:
                title, phrase = _text(doc, toks[:k]), self._phrase_with_named_possessor(toks[k:])
        return Speaker(phrase, title, "person" if person_noun else "body", subj.idx, head)

    def fuller_mention(self, head: Token) -> str | None:
        """The last earlier mention of the same noun with modifiers that say whose it is."""
        if self._by_lemma is None:
            self._by_lemma = {}
            for t in self.doc:
                if t.pos_ in {"NOUN", "PROPN"}:
                    self._by_lemma.setdefault(t.lemma_, []).append(t.i)
        for i in reversed(self._by_lemma.get(head.lemma_, [])):
            t = self.doc[i]
            if t.i >= head.i or t.pos_ != head.pos_:
                continue
            mods = [c for c in t.lefts if c.dep_ in {"compound", "amod", "nmod", "poss"} and c.pos_ in {"PROPN", "ADJ", "NOUN"}]
            if mods and any(c.pos_ == "PROPN" or c.ent_type_ in {"NORP", "GPE", "ORG"} for c in mods):
                start = min(c.left_edge.i for c in mods)
                return _text(self.doc, list(self.doc[start : t.i + 1]))
        return None

    def _phrase_with_named_possessor(self, toks: list[Token]) -> str:
        """ "the group’s news channel" -> "Islamic State news channel" when the actors know the group."""
        out = []
        skip_case = False
        for t in toks:
            if skip_case and t.dep_ == "case":
                skip_case = False
                continue
            skip_case = False
            if t.dep_ == "poss" and t.lemma_.lower() in self.lex["generic_group_nouns"]:
                canon = self.canonical_at(t.idx, t.idx + len(t.text))
                if canon:
                    out = [x for x in out if x[0].dep_ != "det" or x[0].head != t]
                    out.append((t, canon))
                    skip_case = True
                    continue
            out.append((t, None))
        if not out:
            return ""
        if all(c is None for _, c in out):
            return _text(self.doc, toks)
        parts = []
        for k, (t, canon) in enumerate(out):
            parts.append(canon if canon else t.text)
            if k + 1 < len(out) and (canon or t.whitespace_):
                parts.append(" ")
        return _clean("".join(parts))

    def _post_modifiers(self, subj: Token, group: bool) -> list[Token]:
        """ "officials on both sides of the border", "people interviewed", "a report by U.N. experts",
        "a spokesman for the army": who, more exactly. A single person keeps only the role's "for"/"of"."""
        doc = self.doc
        preps = {"for", "of", "by"} | ({"on", "in", "at", "from", "across", "inside", "near", "along"} if group else set())
        for c in subj.children:
            if c.i <= subj.i:
                continue
            if c.dep_ == "prep" and c.lower_ in preps:
                span = list(doc[subj.i + 1 : c.right_edge.i + 1])
                if len(span) <= 8 and not any(t.text in {",", "“", "”", '"'} or t.pos_ in {"VERB", "AUX"} for t in span):
                    return span
            if group and c.dep_ == "acl" and c.tag_ == "VBN" and c.i == subj.i + 1 and not list(c.children):
                return [c]
        return []

    def previous_subject_person(self, pronoun: Token) -> Speaker | None:
        """The named person who is the subject of the previous sentence's main clause, if any."""
        sent = sent_of(pronoun)
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1]
        while prev.is_space and prev.i > 0:
            prev = self.doc[prev.i - 1]
        root = sent_of(prev).root
        for c in root.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and self._usable(c, root) and self._is_name(c):
                return self.named(c)
        return None

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
        # "Defense Secretary Ash Carter offered ..." earlier, then "the secretary added"
        for mention in reversed(self.person_mentions()):
            if mention.title and head in mention.title.lower():
                return mention
        return None

    def person_mentions(self) -> list[Speaker]:
        if self._mentions is None:
            self._mentions = []
            for ent in self.ents:
                if ent.label_ in PERSON_LABELS:
                    sp = self.named(ent[-1])
                    if sp is not None:
                        self._mentions.append(sp)
        return self._mentions

    def pronoun(self, subj: Token) -> Speaker | None:
        low = subj.lower_
        if low in self.lex["person_pronouns"]:
            # the person the sentence before is about ("Ruto had called ... . In his address, he said")
            named = self.previous_subject_person(subj)
            if named is not None:
                return Speaker(named.name, named.title, named.kind, subj.idx, named.head)
            for sp in reversed(self.history):
                if sp.kind == "person":
                    return Speaker(sp.name, sp.title, sp.kind, subj.idx, sp.head)
            before = [p for p in self.persons if p[0] < subj.idx]
            if before:
                words = self.full_name(before[-1][1], before[-1][0])
                return Speaker(" ".join(words), self.titles.get(" ".join(words)), "person", subj.idx, words[-1].lower())
            return None
        # it / they: the subject of the clause it reports ("X have slowed ..., they said"), of this
        # sentence's main clause, else of the sentence before
        sent = sent_of(subj)
        candidates = []
        verb = subj.head
        for comp in verb.children:
            if comp.dep_ in {"ccomp", "parataxis"} and comp.i < verb.i:
                candidates += [c for c in comp.children if c.dep_ in {"nsubj", "nsubjpass"}]
        root = sent.root
        for c in root.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i < subj.i and c != subj:
                candidates.append(c)
        if not candidates and sent.start > 0:
            prev = sent_of(self.doc[sent.start - 1])
            if prev.root.is_space and prev.start > 0:
                prev = sent_of(self.doc[prev.start - 1])
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
                if canon and c.lemma_.lower() in self.lex["generic_group_nouns"] and not _names_itself(list(c.subtree)):
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
        self.resolver = SpeakerResolver(doc, lambda pos: self.inside_quote(pos) is not None)
        self.attributions = self._attributions()
        self.attribution_verbs = {a.verb.i for a in self.attributions}
        self.quoted_speakers: list[tuple[int, Speaker | None]] = []
        self.blocks: list[tuple[int, int]] = []  # paragraphs quoted without marks after "X said:"
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
        if tok.dep_ == "relcl" and any(c.dep_ == "ccomp" for c in tok.children):
            return True  # "air raids in which it said 20 people were killed"
        if tok.dep_ in {"amod", "acl", "compound", "nmod", "relcl"} or tok.tag_ == "VBG" and tok.dep_ not in {"ROOT", "conj", "ccomp"}:
            return False  # "the continuing cooperation", "the caliphate he declared"
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
        for t in self.doc[tok.i + 1 : tok.i + 60]:
            if "\n" in t.text and _is_paragraph_break(self.text, t.idx + t.text.index("\n")):
                break
            if t.text in OPENING + SINGLE_OPEN or (t.text == STRAIGHT and self.inside_quote(t.idx + 1)):
                break
            limit = t.idx + len(t.text)
            if _ends_sentence(t):
                break
        ended = self.text[s.open + 1 : s.close].rstrip()[-1:] in SENT_END
        for a in self.attributions:
            # the attribution must start right after the quote: '," she said', '" Trump tweeted'
            if s.close < a.verb.idx < limit and not re.search(r"\w", self.text[s.close + 1 : a.start]):
                if ended and any(c.dep_ == "ccomp" and c.i > a.verb.i for c in a.verb.children):
                    return None  # '... mercenaries.” A Houthi official said up to 500 ...': a new report
                return a
        return None

    def _head_attribution(self, s: Stretch) -> Attribution | None:
        """A reporting verb earlier in the sentence: 'Trump said on Sunday ... “we will ...”'."""
        tok = self._token_at(s.open)
        if tok is None:
            return None
        start = sent_of(tok).start_char
        # not across an earlier quote or a paragraph break
        for other in self.top:
            if other.close < s.open and other.close >= start:
                start = other.close + 1
        para = self.text.rfind("\n", 0, s.open)
        start = max(start, para + 1)
        found = [a for a in self.attributions if start <= a.verb.idx < s.open]
        if not found:
            return None
        first = self._token_at(s.open + 1)
        governing = [a for a in found if first is not None and a.verb in first.ancestors]
        if governing:
            # the outermost: "Trump said ... that IS had claimed ... “the wonderful people”"
            return min(governing, key=lambda a: sum(1 for _ in a.verb.ancestors))
        return found[-1]

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
        if any(self.doc[i].dep_ == "oprd" for i in quoted):
            return False, None, None  # 'also called “Q-West”' names a thing
        direct_object = any(t.i in quoted and t.dep_ in {"dobj", "pobj"} and t.head == first for t in chain)
        if direct_object and first.lemma_.lower() in self.lex["not_speech_objects_of"]:
            return False, None, None
        speech = [
            v for v in verbs
            if v.lemma_.lower() in self.lex["short_quote_verbs"]
            and not any(c.dep_ == "auxpass" for c in v.children)
            and v.dep_ not in {"acl", "amod"}  # 'Qayyarah Airfield West, also called “Q-West”' names, not quotes
        ]
        if speech:
            outer = speech[-1]
            att = next((a for a in self.attributions if a.verb == outer), None)
            if att is not None:
                return True, att, att.speaker
            subj = self.resolver.subject_of(outer)
            return True, None, self.resolver.describe(subj) if subj is not None else None
        top = verbs[-1]
        subj = self.resolver.subject_of(top)
        if subj is not None and self.resolver._is_name(subj):
            return True, None, self.resolver.describe(subj)
        return False, None, None

    def _is_nickname(self, s: Stretch) -> bool:
        """'Brig. Gen. Richard "Tex" Coe': quoted words between the parts of a name."""
        before = self.text[max(0, s.open - 30) : s.open].split()
        after = self.text[s.close + 1 : s.close + 30].split()
        return bool(before and after and before[-1][:1].isupper() and after[0][:1].isupper() and not before[-1].endswith((",", ":")))

    def _introduced_by_colon(self, s: Stretch) -> Speaker | None:
        """'X provided the following statement:' then the quote: X is the speaker."""
        before = self.text[: s.open].rstrip(" \t\n\u00a0\u200e")
        if not before.endswith(":"):
            return None
        tok = self._token_at(len(before) - 1)
        if tok is None:
            return None
        root = sent_of(tok).root
        subj = self.resolver.subject_of(root) if root.pos_ in {"VERB", "AUX"} else None
        if subj is None:
            subj = next((t for t in sent_of(tok) if t.dep_ in {"nsubj", "nsubjpass"}), None)
        speaker = self.resolver.describe(subj) if subj is not None else None
        if speaker is not None:
            self.resolver.remember(speaker)
        return speaker

    def _last_speaker_before(self, pos: int) -> Speaker | None:
        """The last speaker reported before `pos`, by a reporting verb or an earlier quote."""
        events = [(a.verb.idx, a.speaker) for a in self.attributions if a.speaker is not None]
        events += [(at, sp) for at, sp in self.quoted_speakers if sp is not None]
        before = [e for e in events if e[0] < pos]
        return max(before, key=lambda e: e[0])[1] if before else None

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
                    if self.text[start:end].isupper() or self._is_nickname(s):
                        continue
                    keep, gov_att, gov_speaker = self._governing_attribution(s)
                    if not keep:
                        continue
                    speaker = gov_speaker if gov_speaker is not None else speaker
                if att is None and speaker is None:
                    speaker = self._introduced_by_colon(s)
                if att is None and speaker is None:
                    if s.runs_on_from is not None and s.runs_on_from in speakers:
                        speaker = speakers[s.runs_on_from]
                    else:
                        speaker = self._last_speaker_before(s.open)
                speakers[k] = speaker
                self.quoted_speakers.append((s.open, speaker))
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

    def _attributes_direct_quote(self, a: Attribution) -> bool:
        """'," said X' / '," X said': the verb reports the quote before it."""
        before = self.text[sent_of(a.verb).start_char : a.start]
        before = re.split(r"\n\s*\n", before)[-1].rstrip()  # this paragraph only
        return before.endswith(tuple(CLOSING + STRAIGHT)) or before.endswith(SINGLE_CLOSE) and before[-2:-1] in ",.!?"

    def _clause_after(self, a: Attribution) -> tuple[int, int] | None:
        """"X said (that) CLAUSE": the clause, to the sentence end unless another report takes over."""
        verb, doc = a.verb, self.doc
        if self._attributes_direct_quote(a):
            return None
        s_start, s_end = self._sentence_bounds(verb)
        end_tok = self._token_at(s_end - 1)
        last = end_tok.i if end_tok is not None else sent_of(verb).end - 1
        comps = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} and c.i > verb.i]
        if not comps:
            if s_end <= sent_of(verb).end_char or verb.i + 1 >= len(doc):
                return None
            # the parser lost the clause at a line break: "Davis said the number ... \ncampaign\n now totals"
            first = verb.i + 1
            while first < last and (doc[first].lower_ == "that" or doc[first].is_space or doc[first].is_punct):
                first += 1
            toks = [t for t in doc[first : last + 1] if not t.is_space]
            while toks and toks[-1].is_punct and toks[-1].text not in CLOSING + STRAIGHT + SINGLE_CLOSE:
                toks = toks[:-1]
            return (toks[0].idx, toks[-1].idx + len(toks[-1].text)) if toks else None
        comp = comps[0]
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WP", "WDT"} for c in comp.children):
            return None  # "a man who it said was wanted": the clause belongs to the relative
        first = comp.left_edge.i
        for t in doc[comp.i + 1 : last + 1]:
            takes_over = (
                t.dep_ == "conj"
                and t.head in (verb, comp)
                and t.pos_ in {"VERB", "AUX"}
                and (
                    t.lemma_.lower() in self.lex["attribution_verbs"]
                    or t.head == verb and any(c.dep_ in {"nsubj", "nsubjpass", "ccomp"} for c in t.children)
                )
            )
            if takes_over or (t.i != verb.i and t.i in self.attribution_verbs and t.head == verb):
                last = t.left_edge.i - 1
                while last > first and (doc[last].dep_ == "cc" or doc[last].is_punct or doc[last].is_space):
                    last -= 1
                break
        toks = list(doc[first : last + 1])
        while toks and (toks[0].lower_ in {"that", ",", ":"} or toks[0].is_space):
            toks = toks[1:]
        # "said on Wednesday he would ...": the day belongs to the saying
        if toks and toks[0].dep_ == "prep" and toks[0].head.i > toks[0].right_edge.i:
            adjunct = list(toks[0].subtree)
            if any(t.ent_type_ in {"DATE", "TIME"} for t in adjunct) and len(adjunct) < len(toks):
                toks = toks[len(adjunct) :]
                while toks and (toks[0].lower_ in {"that", ","} or toks[0].is_space):
                    toks = toks[1:]
        while toks and (toks[-1].is_space or toks[-1].is_punct and toks[-1].text not in CLOSING + STRAIGHT + SINGLE_CLOSE):
            toks = toks[:-1]
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    def _clause_around(self, a: Attribution) -> tuple[int, int] | None:
        """", X said." closing a sentence: the clause before it; "..., X said, CLAUSE" after it."""
        s_start, s_end = self._sentence_bounds(a.verb)
        s_start = max(s_start, self.body_start if s_start < self.body_start else 0)
        att_start = self._attribution_phrase_start(a, s_start)
        before = self.text[s_start:att_start]
        if not before.rstrip().endswith(",") or self._attributes_direct_quote(a):
            return None
        # "Also in the past 24 hours, Davis said, the coalition conducted ...": the clause follows
        rest = self.text[a.end : s_end]
        m = re.match(r"^[^,.;]*?,\s*", rest)
        if m and len(re.findall(r"\w+", rest[m.end() :])) >= 3 and len(re.findall(r"\w+", before)) <= 6:
            start, end = a.end + m.end(), s_end
        else:
            start, end = s_start, s_start + len(before.rstrip().rstrip(","))
        stripped = self.text[start:end].rstrip(" .,;\n")
        end = start + len(stripped)
        while start < end and self.text[start].isspace():
            start += 1
        return (start, end) if end > start else None

    def _attribution_phrase_start(self, a: Attribution, floor: int) -> int:
        """Where ", Pentagon press operations director Navy Capt. Jeff Davis said" begins, even when the
        parser lost the words before the name at an abbreviation."""
        start = a.start
        first = self._token_at(start)
        if first is None:
            return start
        j = first.i - 1
        while j >= 0 and self.doc[j].idx >= floor:
            t = self.doc[j]
            if t.text == ",":
                return t.idx + 1
            if not (t.pos_ in {"PROPN", "NOUN", "ADJ", "DET"} or t.text == "."):
                break
            j -= 1
        return start

    def _continues(self, prev: Token, nxt: Token) -> bool:
        """Whether the parser's sentence break between `prev` and `nxt` is false: after "Capt." or a
        comma, or at a single line break in the middle of a sentence."""
        gap = self.text[prev.idx + len(prev.text) : nxt.idx]
        if re.search(r"\n\s*\n", gap):
            return False
        if _ends_sentence(prev) or prev.text in CLOSING + STRAIGHT:
            return False
        if prev.text == "." or prev.text.endswith(".") and prev.lower_.rstrip(".") in self.lex["abbreviations"]:
            return True  # "Capt." (one token or two)
        if prev.text == ",":
            return True
        return "\n" in gap and (nxt.text[:1].islower() or prev.text[-1:].isalnum() and not nxt.text[:1].isupper())

    def _neighbour(self, i: int, step: int) -> Token | None:
        while 0 <= i < len(self.doc) and self.doc[i].is_space:
            i += step
        return self.doc[i] if 0 <= i < len(self.doc) else None

    def _sentence_bounds(self, tok: Token) -> tuple[int, int]:
        """The sentence around `tok`, mended where the parser cut it."""
        first_sent = last_sent = sent_of(tok)
        while first_sent.start > 0:
            prev = self._neighbour(first_sent.start - 1, -1)
            first = self._neighbour(first_sent.start, 1)
            if prev is None or first is None or not self._continues(prev, first):
                break
            first_sent = sent_of(prev)
        while last_sent.end < len(self.doc):
            last = self._neighbour(last_sent.end - 1, -1)
            nxt = self._neighbour(last_sent.end, 1)
            if last is None or nxt is None or not self._continues(last, nxt):
                break
            last_sent = sent_of(nxt)
        end = last_sent.end_char
        while end > first_sent.start_char and self.text[end - 1].isspace():
            end -= 1
        return first_sent.start_char, end

    def _sentence_start(self, tok: Token) -> int:
        return self._sentence_bounds(tok)[0]

    def indirect(self) -> list[dict]:
        out: list[dict] = []
        seen: set[tuple[int, int]] = set()
        for a in self.attributions:
            if a.verb.lemma_.lower() not in self.lex["indirect_verbs"] or a.verb.lower_ == "according":
                continue
            if a.speaker is None or _negated(a.verb) or self._block_after(a) is not None:
                continue
            span = self._clause_after(a) or self._clause_around(a)
            if span is None:
                continue
            start, end = span
            clause = self.text[start:end]
            words = re.findall(r"\w+", clause)
            if words and words[0].lower() in {"whether", "if", "how", "why", "what", "when", "where", "who"}:
                continue  # "did not say whether ...": a question, not a statement
            # the words of a direct quote are not also an indirect one ('said: “..."')
            if len(words) < 3 or clause.startswith(tuple(OPENING + STRAIGHT + SINGLE_OPEN)) or self.quoted_share(start, end) > 0.9:
                continue
            if not self._has_finite_verb(start, end):
                continue
            if (start, end) in seen:
                continue
            seen.add((start, end))
            out.append(self._record(start, end, "indirect", a.speaker))
        return out

    def _has_finite_verb(self, start: int, end: int) -> bool:
        """A clause, not a noun phrase: "does not report the number of munitions dropped" is none."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(
            t.tag_ in {"VBD", "VBZ", "VBP", "MD"}
            or t.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in t.children)
            for t in span
        )

    def _record(self, start: int, end: int, kind: str, speaker: Speaker | None) -> dict:
        return {
            "text": self.text[start:end],
            "kind": kind,
            "speaker": _name_form(speaker.name) if speaker else None,
            "speaker_title": _name_form(speaker.title) if speaker else None,
            "start": start,
            "end": end,
        }

    def _block_after(self, a: Attribution) -> tuple[int, int] | None:
        """'Foreign Secretary Philip Hammond said:' and then a paragraph of his words without marks."""
        line_end = self.text.find("\n", a.verb.idx)
        if line_end < 0:
            return None
        rest = self.text[a.verb.idx + len(a.verb.text) : line_end].rstrip()
        if not rest.endswith(":") or len(rest) > 60:
            return None
        # only where and how it was said may stand between: 'said in a statement:', 'told reporters:'
        listener = r"(?:\s+[\w.’'-]+){1,3}" if a.verb.lemma_ == "tell" else ""
        if not re.fullmatch(rf"{listener}(?:\s+(?:in|on|at|during|after|before|via|by|from|to)\b[^:]*)?\s*:", rest):
            return None  # 'explained the command’s top priorities:' introduces a list, not words
        start = line_end
        while start < len(self.text) and self.text[start].isspace():
            start += 1
        if start >= len(self.text) or self.text[start] in OPENING + STRAIGHT + SINGLE_OPEN + "-•*–":
            return None
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if len(re.findall(r"\w+", self.text[start:end])) >= 3 else None

    def block_quotes(self) -> list[dict]:
        out = []
        for a in self.attributions:
            span = self._block_after(a)
            if span is not None and a.speaker is not None:
                self.blocks.append(span)
                out.append(self._record(span[0], span[1], "direct", a.speaker))
        return out

    def quotes(self) -> list[dict]:
        found = self.block_quotes() + self.direct() + self.indirect()
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
