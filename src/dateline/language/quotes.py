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

Steps 1 and 2 live in `quote_marks` and `speakers` (which quantities also borrow);
this module pairs stretches with speakers and finds indirect quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from .doccache import lower_lemmas, lower_words, sent_of
from .doccache import text as doc_text
from .quote_marks import (
    CLOSING,
    OPENING,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    STRAIGHT,
    Stretch,
    is_paragraph_break,
    scan_quote_marks,
)
from .speaker_names import ends_sentence, lexicon, name_form, negated, speech_pattern
from ..settings import SHORT_QUOTE_WORDS
from .meta import ensure
from .speakers import Speaker, SpeakerResolver

SENT_END = {".", "!", "?"}


# 'he said "...', 'like "...', or a colon: what must come before a quote inside a quote
NESTED_QUOTE_CUE = r"(\b({words})\b[\s,]*|:\s*)$"


@dataclass
class Attribution:
    verb: Token
    speaker: Speaker | None
    start: int  # first char of the subject-and-verb phrase
    end: int  # last char + 1


class QuoteFinder:
    def __init__(self, doc: Doc, short_quote_words: int = SHORT_QUOTE_WORDS) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.short_quote_words = short_quote_words
        self.lex = lexicon()
        self.stretches = scan_quote_marks(self.text)
        self.top = [s for s in self.stretches if s.depth == 0]
        self.resolver = SpeakerResolver(doc, lambda pos: self.inside_quote(pos) is not None)
        self.attributions = self._attributions()
        self.attribution_verbs = {a.verb.i for a in self.attributions}
        self.quoted_speakers: list[tuple[int, Speaker | None]] = []
        self.blocks: list[tuple[int, int]] = []  # paragraphs quoted without marks after "X said:"
        self.body_start = self.resolver.body_start

    # -- positions --------------------------------------------------------------------------

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
        doc, verbs = self.doc, self.lex["attribution_verbs"]
        # only these words can be reporting verbs (_is_reporting_verb): the others need no Token
        lowers = lower_words(doc)
        for i, lemma in enumerate(lower_lemmas(doc)):
            if lemma not in verbs and lowers[i] != "according":
                continue
            tok = doc[i]
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
            if "\n" in t.text and is_paragraph_break(self.text, t.idx + t.text.index("\n")):
                break
            if t.text in OPENING + SINGLE_OPEN or (t.text == STRAIGHT and self.inside_quote(t.idx + 1)):
                break
            limit = t.idx + len(t.text)
            if ends_sentence(t):
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
        if not speech_pattern(NESTED_QUOTE_CUE, "nested_quote_cues").search(lead):
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
                if len(words) <= self.short_quote_words and tail is None:
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
        if ends_sentence(prev) or prev.text in CLOSING + STRAIGHT:
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
            if a.speaker is None or negated(a.verb) or self._block_after(a) is not None:
                continue
            span = self._clause_after(a) or self._clause_around(a)
            if span is None:
                continue
            start, end = span
            clause = self.text[start:end]
            words = re.findall(r"\w+", clause)
            if words and words[0].lower() in self.lex["question_words"]:
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
            "speaker": name_form(speaker.name) if speaker else None,
            "speaker_title": name_form(speaker.title) if speaker else None,
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
        settings = "|".join(sorted(self.lex["setting_prepositions"]))
        if not re.fullmatch(rf"{listener}(?:\s+(?:{settings})\b[^:]*)?\s*:", rest):
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


def find_quotes(doc: Doc, short_quote_words: int = SHORT_QUOTE_WORDS) -> list[dict]:
    return QuoteFinder(doc, short_quote_words).quotes()


class QuotesComponent:
    """spaCy component: fills `doc._.quotes`."""

    def __init__(self, short_quote_words: int = SHORT_QUOTE_WORDS) -> None:
        self.short_quote_words = short_quote_words

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, self.short_quote_words)
        return doc


# no annotations: spaCy validates factory arguments and `from __future__ import annotations` hides them
@Language.factory("dateline_quotes", assigns=["doc._.quotes"], requires=["doc.sents", "token.dep", "token.lemma"],
                  default_config={"short_quote_words": SHORT_QUOTE_WORDS})
def make_quotes(nlp, name, short_quote_words):
    # reads the actors and entities (speakers named as the article names them) when they are there
    ensure("meta", "actors", "entities", "quotes")
    return QuotesComponent(short_quote_words)
