"""Quantities: counted figures about the conflict, what they count and who gives them.

`dateline_quantities` sets `doc._.quantities` to record Quantities (`low, high, approximate, counts,
claimant, start, end`). A figure is digits ("193", "2,000", "2.5 million"), number words ("eight",
"Ninety-Four"), a vague amount ("dozens", "a few thousand", "scores, if not hundreds") or a range
("400 to 600", "1,500-2,500", "between 500 and 1,000"), with the words that make it approximate
("more than", "some", "about"). Years, dates, times, ages, durations, distances, areas,
percentages, fractions, money, phone numbers, ordinals, identifiers ("CTF 50") and "one of" are
not counts. What is counted comes from the parse (the noun the figure modifies, its modifiers and
participle); who gives the figure from the quotes around it (`doc._.quotes`), "according to X",
or the reported speech the paragraph is in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import vocab
from .doccache import sent_of
from .doccache import text as doc_text
from .meta import ensure
from .speaker_names import lexicon as speech_lexicon
from .speakers import SpeakerResolver

# ---------------------------------------------------------------------------------------------
# lexicon and the figure pattern


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, tuple[int, int]]
    approximate_before: tuple[str, ...]
    time_units: frozenset[str]
    measure_units: frozenset[str]
    fractions: frozenset[str]
    money_marks: frozenset[str]
    months: frozenset[str]
    age_words: frozenset[str]
    not_counted_nouns: frozenset[str]
    anaphoric_determiners: frozenset[str]
    one_counts: frozenset[str]
    identifier_nouns: frozenset[str]
    casualty_words: frozenset[str]
    more_words: frozenset[str]
    participle_verbs: dict[str, str]  # lemma -> past participle
    people_verbs: frozenset[str]
    dozen: int

    def word_value(self, word: str) -> int | None:
        w = word.lower()
        return self.units.get(w, self.tens.get(w))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("dateline.data").joinpath("quantities.json").read_text(encoding="utf-8"))
    numbers = vocab.mapping("number_words")
    abbreviations = vocab.mapping("month_abbreviations")  # written with or without their dot ("Jan." is one token)
    months = frozenset([*vocab.mapping("month_names"), *abbreviations, *(f"{a}." for a in abbreviations)])
    return Lexicon(
        units={w: v for w, v in numbers.items() if v < 20},
        tens={w: v for w, v in numbers.items() if v >= 20},
        scales=vocab.mapping("number_scales"),
        vague={k: (v[0], v[1]) for k, v in raw["vague"].items()},
        participle_verbs=raw["participle_verbs"],
        dozen=raw["dozen"],
        approximate_before=tuple(sorted(raw["approximate_before"], key=len, reverse=True)),
        months=months,
        **{
            k: frozenset(raw[k])
            for k in (
                "time_units", "measure_units", "fractions", "money_marks", "age_words",
                "not_counted_nouns", "anaphoric_determiners", "one_counts", "people_verbs", "identifier_nouns",
                "casualty_words", "more_words",
            )
        },
    )


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def figure_pattern() -> re.Pattern[str]:
    lex = lexicon()
    word = f"(?:{_alternation(list(lex.tens) + list(lex.units))})"
    word_number = rf"{word}(?:[- ]{word})?"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    scale = f"(?:{_alternation(lex.scales)})"
    number = (
        rf"(?:(?:{word_number}|\d+)\s+dozen|half\s+an?\s+{scale}"
        rf"|(?:{digits})(?:\s+{scale})?|{word_number}(?:\s+{scale})*|an?\s+{scale})"
    )
    vague = f"(?:{_alternation(lex.vague)})(?:\\s+{scale})?"  # "several hundred thousand"
    mod = f"(?:{_alternation(lex.approximate_before)})"
    end = rf"(?:(?:{mod})\s+)?(?:{vague}|{number})"
    figure = (
        rf"(?:from\s+(?P<f_lo>{end})\s+to\s+(?P<f_hi>{end}))"
        rf"|(?:between\s+(?P<b_lo>{number})\s+(?:and|to)\s+(?P<b_hi>{number}))"
        rf"|(?:(?P<r_lo>{number})\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<r_hi>{number}))"
        rf"|(?:(?P<v1>{vague})(?:,?\s+if\s+not\s+(?P<v2>{vague}))?)"
        rf"|(?:(?P<n>{number})(?P<plus>-plus|\+)?(?P<strong>-strong)?)"
    )
    # not inside a word, an identifier ("F-16"), a decimal, a phone number or money; not followed by
    # a letter ("507th", "24K"), a hyphenated adjective ("20-year-old", "nine-month"), ":30" or "-3383"
    return re.compile(
        rf"(?<![\w$€£¥.,:/\[\-–—])(?<!\d[-–])(?:(?P<mod>{mod})\s+)?(?P<fig>{figure})"
        r"(?![\w\]°′″/])(?!-(?!plus\b|strong\b)[A-Za-z])(?![-–]\d)(?!:\d)(?!,\d)(?!\.\d)",
        re.IGNORECASE,
    )



# ---------------------------------------------------------------------------------------------
# values


def number_value(text: str) -> float | None:
    """ "2,000" -> 2000, "2.5 million" -> 2500000, "Ninety-Four" -> 94, "a hundred" -> 100."""
    lex = lexicon()
    words = re.split(r"[\s-]+", text.strip().lower())
    total, current = 0.0, None
    for w in words:
        if w in {"a", "an"}:
            current = (current or 1.0) if current == 0.5 else 1.0
        elif w == "half":
            current = 0.5
        elif w == "dozen":
            current = (current if current is not None else 1.0) * lex.dozen
        elif re.fullmatch(r"\d[\d,]*(?:\.\d+)?", w):
            current = float(w.replace(",", ""))
        elif (v := lex.word_value(w)) is not None:
            current = (current or 0.0) + v
        elif w in lex.scales:
            current = (current if current is not None else 1.0) * lex.scales[w]
            if lex.scales[w] >= 1000:
                total, current = total + current, None
        else:
            return None
    return total + (current or 0.0)


def vague_value(text: str) -> tuple[float, float]:
    """ "dozens" -> (24, 99); "several hundred thousand" -> (200000, 999999)."""
    lex = lexicon()
    words = re.sub(r"\s+", " ", text.lower()).strip()
    factor = 1
    for scale, value in lex.scales.items():
        if words.endswith(" " + scale) and words not in lex.vague:
            words, factor = words[: -len(scale) - 1], value
            break
    lo, hi = lex.vague[words]
    return lo * factor, (hi + 1) * factor - 1 if factor > 1 else hi


def _end_value(text: str) -> tuple[float, float] | None:
    """One end of "from A to B": a number or a vague amount, modifiers dropped."""
    lex = lexicon()
    text = re.sub(r"\s+", " ", text.strip())
    for mod in lex.approximate_before:
        if text.lower().startswith(mod + " "):
            text = text[len(mod) + 1 :]
            break
    try:
        return vague_value(text)
    except KeyError:
        v = number_value(text)
        return (v, v) if v is not None else None


def _as_number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


@dataclass
class Figure:
    start: int
    end: int
    low: float
    high: float
    approximate: bool
    vague: bool
    single_word: str | None  # "one", "two": a number word standing alone
    digits_only: bool


@lru_cache(maxsize=1)
def _month_before() -> re.Pattern:
    """A month's name or abbreviation ending the text: the figure after it is a day ("March 10")."""
    months = f"{vocab.alternation('month_names')}|{vocab.alternation('month_abbreviations')}"
    return re.compile(rf"\b(?:{months})\.?\s*$", re.IGNORECASE)


def figures_in(text: str) -> list[Figure]:
    lex = lexicon()
    out = []
    for m in figure_pattern().finditer(text):
        mod = m.group("mod")
        if mod is not None and mod.lower() in {"over", "under"} and not re.match(r"\d", m.group("fig")):
            # "complained over two air raids": a preposition, not "more than"
            m2 = figure_pattern().match(text, m.start("fig"))
            if m2 is None:
                continue
            m = m2
            mod = None
        approx = mod is not None  # "more than N", "some N", "about N": low = high = N, approximate
        vague = False
        if m.group("f_lo"):
            # "from about 200 to several hundred", "from tens of thousands to several hundred thousand"
            ends = [_end_value(m.group("f_lo")), _end_value(m.group("f_hi"))]
            if None in ends:
                continue
            lo, hi = ends[0][0], ends[1][1]
            approx = True
            vague = True
        elif m.group("b_lo"):
            lo, hi = number_value(m.group("b_lo")), number_value(m.group("b_hi"))
            approx = True
        elif m.group("r_lo"):
            if _month_before().search(text[max(0, m.start("r_lo") - 12) : m.start("r_lo")]):
                if not re.search(r"\bto\b", text[m.end("r_lo") : m.start("r_hi")], re.I):
                    continue  # "May 15-24": a span of days
                # "since Dec. 5 to 922": a date, then a figure
                lo = hi = number_value(m.group("r_hi"))
                out.append(Figure(m.start("r_hi"), m.end(), lo, hi, False, False, None, m.group("r_hi").isdigit()))
                continue
            lo, hi = number_value(m.group("r_lo")), number_value(m.group("r_hi"))
            approx = True
            if lo is not None and hi is not None and hi < lo:
                # "Ninety-Four" is one number, not a range from 90 down to 4
                lo = hi = number_value(m.group("fig"))
                approx = False
        elif m.group("v1"):
            lo, hi = vague_value(m.group("v1"))
            if m.group("v2"):
                hi = vague_value(m.group("v2"))[1]
            approx, vague = True, True
        else:
            lo = hi = number_value(m.group("n"))
            if m.group("plus") or re.search(r"\bdozen$", m.group("n"), re.I):
                approx = True
        if lo is None or hi is None:
            continue
        if hi < lo:
            continue
        fig_text = m.group("fig")
        single = fig_text.lower() if m.group("n") and lex.word_value(fig_text) is not None else None
        out.append(
            Figure(
                start=m.start(),
                end=m.end(),
                low=lo,
                high=hi,
                approximate=approx,
                vague=vague,
                single_word=single,
                digits_only=bool(re.fullmatch(r"[\d,.]+", fig_text)),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# what is counted, and what is not a count


@dataclass
class Counted:
    head: Token | None  # the counted noun
    end: int  # end offset of the counted phrase (or of the figure)
    text: str  # short noun phrase


class QuantityFinder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lexicon()
        self.reporting = speech_lexicon()["indirect_verbs"] | {"accord"}  # "according to" reports too
        self._resolver: SpeakerResolver | None = None

    @property
    def resolver(self) -> SpeakerResolver:
        if self._resolver is None:
            self._resolver = SpeakerResolver(self.doc)
        return self._resolver

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    # -- the counted noun -----------------------------------------------------------------

    def counted(self, fig: Figure, toks: Span) -> Counted:
        doc = self.doc
        after = doc[toks.end :] if toks.end < len(doc) else None
        head = None
        # "193 air and artillery strikes": the noun the number modifies
        for t in toks:
            if t.dep_ in {"nummod", "quantmod"} and t.head.i >= toks.end and t.head.pos_ in {"NOUN", "PROPN"}:
                head = t.head
        if head is None and after is not None and len(after):
            j = toks.end
            # "Dozens more fighters", "Around 700 of the fighters’ wives", "two of my children"
            while j < len(doc) and doc[j].lower_ in self.lex.more_words:
                j += 1
            if j < len(doc) and doc[j].lower_ == "of":
                j += 1
                while j < len(doc) and (doc[j].dep_ in {"det", "poss", "predet"} or doc[j].lower_ in self.lex.anaphoric_determiners):
                    j += 1
            run = []
            while j < len(doc) and len(run) < 8:
                t = doc[j]
                if t.pos_ in {"NOUN", "PROPN", "ADJ"} or t.text in {"-", "’", "'s", "’s", "'"} or t.pos_ == "ADV" and t.lower_.endswith("ly") or (
                    t.tag_ in {"VBN", "VBG"} and t.dep_ in {"amod", "compound"}
                ):
                    run.append(t)
                    j += 1
                    continue
                break
            nouns = [t for t in run if t.pos_ in {"NOUN", "PROPN"}]
            if nouns:
                # the fighters’ wives: the possessed noun; air and artillery strikes: the last noun
                head = nouns[-1]
        if head is None:
            return Counted(None, fig.end, "")
        return Counted(head, max(fig.end, head.idx + len(head.text)), self.phrase(head, toks))

    def phrase(self, head: Token, toks: Span) -> str:
        """ "foreign fighters held", "civilians evacuated": modifiers, the noun, its participle."""
        doc = self.doc
        left = [
            t for t in head.subtree
            if toks.end <= t.i < head.i
            and (t.dep_ in {"compound", "amod", "nmod", "npadvmod", "cc", "conj", "case"} or t.text == "-"
                 or t.dep_ == "poss" and t.pos_ in {"NOUN", "PROPN"})
        ]
        # keep the contiguous run that ends at the head ("the fighters’ wives", not "my children")
        first = head.i
        for t in sorted(left, key=lambda t: -t.i):
            if first - t.i == 1:
                first = t.i
        while first < head.i and (doc[first].dep_ in {"cc", "punct", "case"} or doc[first].lower_ in self.lex.more_words):
            first += 1
        last = head.i
        # "fighters and family members": nouns that share the figure, not "caches, two bridges"
        for c in head.children:
            if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i - head.i <= 4 and not any(
                g.dep_ in {"nummod", "det"} or g.like_num for g in c.subtree
            ):
                last = c.i
                break
        text = doc[first : last + 1].text
        participle = None
        for c in head.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.i == last + 1 and c.lower_ not in {"aged", "named", "called"}:
                participle = c.text
                break
        # "20,000 civilians were evacuated", "killed eight people", "killed thousands of people"
        anchor = head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i in {t.i for t in toks}:
            anchor = head.head.head
        verb = anchor.head
        if participle is None and anchor.dep_ in {"nsubjpass", "dobj"}:
            participle = self.participle(verb)
        if participle is not None:
            text += " " + participle
        return re.sub(r"\s+", " ", text)

    def participle(self, verb: Token) -> str | None:
        """ "killed" for "killed"/"killing"/"kill" when the verb says what happened to the counted."""
        if verb.pos_ != "VERB" or verb.tag_ not in {"VBD", "VBN", "VBG"}:
            return None
        return self.lex.participle_verbs.get(verb.lemma_.lower())

    # -- not a count ----------------------------------------------------------------------

    def excluded(self, fig: Figure, toks: Span, counted: Counted) -> bool:
        doc, lex, text = self.doc, self.lex, self.text
        fig_text = text[fig.start : fig.end]
        before = text[max(0, fig.start - 12) : fig.start]
        before_long = text[max(0, fig.start - 30) : fig.start]
        after = text[fig.end : fig.end + 16]
        prev = doc[toks.start - 1] if toks.start > 0 else None
        nxt = next((t for t in doc[toks.end : toks.end + 3] if not t.is_space), None)
        nxt_low = nxt.lower_ if nxt is not None else ""

        # money, percentages, times of day
        if before.rstrip()[-1:] in lex.money_marks or re.match(r"\s*(%|per\s*cent\b|percent\b|a\.m\.|p\.m\.|GMT\b|o[’']clock)", after, re.I):
            return True
        # dates: next to a month name, or "..., 2016"
        if prev is not None and prev.lower_ in lex.months or nxt_low in lex.months:
            return True
        if re.match(r",\s*\d{4}\b", after) and prev is not None and prev.lower_.rstrip(".") in {m.rstrip(".") for m in lex.months}:
            return True
        # years ("in 2014", "from 2014 to 2017", "the 2011 agreement", "a 2008 raid")
        last_number = (re.findall(r"\d[\d,]*", fig_text) or [""])[-1]
        if re.fullmatch(r"(1[89]|20)\d\d", last_number):
            if counted.head is None or counted.head.tag_ not in {"NNS", "NNPS"} or counted.head.lower_ in lex.time_units:
                return True
        # a decimal is a measurement unless a scale follows ("2.5 million"): "33.783", "7.5 km"
        if re.search(r"\d\.\d", fig_text) and not re.search(r"[a-z]$", fig_text, re.I):
            return True
        # a unit right after the figure: "84 MW", "575 B.C.", "5.0 mi"
        if nxt is not None and (nxt_low.strip(".") in lex.measure_units or nxt_low in lex.measure_units):
            return True
        # identifiers: "Eager Lion 16", "CTF 50", "Passcode 3080897", "Mobile Unit Two"
        if re.fullmatch(r"\d{6,}", fig_text):
            return True
        plain = not fig.approximate and not fig.vague
        if prev is not None and plain and (prev.pos_ == "PROPN" or prev.text.isupper() and prev.is_alpha) and not prev.whitespace_ == "":
            if not (prev.ent_type_ == "PERSON" and nxt_low in {",", "."}):
                return True  # "France 2 television", "Eager Lion 16"
        if prev is not None and plain and counted.head is None and prev.text == ")":
            return True  # "Task Force (CTF) 50"
        if fig_text[:1].isupper() and prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper():
            return True
        if prev is not None and plain and prev.lower_ in lex.identifier_nouns:
            return True  # "Chapter three", "Resolution 2254", "Brigade 93"
        # ages: "aged 29", "Saipov, 29,", "29 years old"
        if prev is not None and prev.lower_ in lex.age_words or re.search(r"\b(?:as (?:young|old) as|age of|ages of)\s*$", before_long, re.I):
            return True
        if re.match(r"\s*(years?|yrs?)[\s-]+old\b", after, re.I):
            return True
        if (
            fig.digits_only and prev is not None and prev.text == "," and toks.start >= 2
            and doc[toks.start - 2].pos_ == "PROPN" and nxt_low in {",", ".", ";", "of", "and", ")"}
        ):
            return True  # "Dayton, 42, of Woodbridge"
        # "one of the ...", "one" that is an article more than a count
        if fig.single_word == "one":
            if nxt_low == "of" or counted.head is None or counted.head.lemma_.lower() not in lex.one_counts:
                return True
        # "the two leaders", "its two main prizes": a number word that refers back
        if fig.single_word is not None and prev is not None and prev.lower_ in lex.anaphoric_determiners:
            return True
        if counted.head is not None:
            head = counted.head
            lemma, low = head.lemma_.lower(), head.lower_
            if lemma in lex.time_units or low in lex.time_units or lemma in lex.measure_units or low in lex.measure_units:
                return True
            if lemma in lex.fractions or low in lex.not_counted_nouns or lemma in lex.not_counted_nouns:
                return True
            if low in lex.months:
                return True
            # the figure is not right before its noun: "2014 when it declared", "16 years"
            if head.i < toks.start:
                return True
        else:
            # a bare figure: the named-entity tagger knows dates, times, money and percentages
            if any(t.ent_type_ in {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"} for t in toks) and not fig.vague:
                return True
            if nxt_low in lex.time_units or nxt_low in lex.measure_units:
                return True
        return False

    # -- what a bare figure counts ---------------------------------------------------------

    def elliptical(self, fig: Figure, toks: Span, earlier: list[tuple[Figure, Counted]]) -> str:
        """ "2,000-3,000 in Albu Kamal", "some 1,500 have returned", "now totals 6,602"."""
        sent = sent_of(toks)
        before = self.text[sent.start_char : fig.start]
        m = re.search(r"\b(?:total\s+)?number\s+of\s+([\w-]+(?:\s+[\w-]+)?)", sent.text, re.I)
        if m:
            return m.group(1)
        if re.search(r"\b(?:death\s+)?toll\b", before, re.I):
            return "deaths"  # "the death toll rose to 34"
        last = toks[-1]
        own = self.participle(last.head) if last.dep_ in {"nsubj", "nsubjpass", "dobj"} else None
        for f, c in reversed(earlier):
            if c.head is not None and sent.start_char <= f.start < fig.start:
                # "One soldier was killed and two were wounded", "killing 12 rebels and wounding 30"
                if own is not None:
                    return f"{c.head.text} {own}"
                return c.text

        # "around 50 dead", "300 wounded"
        nxt = self.doc[toks.end] if toks.end < len(self.doc) else None
        if nxt is not None and nxt.lower_ in self.lex.casualty_words:
            return f"people {nxt.lower_}"
        # "killed scores, if not hundreds", "ruled over millions": people, by what was done to them
        for t in toks:
            verb = t.head.head if t.dep_ == "pobj" else t.head
            if t.dep_ in {"dobj", "pobj", "nsubjpass"} and verb.lemma_.lower() in self.lex.people_verbs and verb.tag_ in {"VBD", "VBN"}:
                return f"people {verb.text}"
        for t in reversed(list(self.doc[sent.start : toks.start])):
            if t.pos_ == "NOUN" and t.tag_ == "NNS" and toks.start - t.i <= 8:
                return t.text
        return ""

    # -- who gives the figure --------------------------------------------------------------

    def claimant(self, start: int, end: int) -> str | None:
        quotes = [q for q in (self.doc._.quotes or []) if q.get("start", 0) <= start and end <= q.get("end", 0)]
        if quotes:
            # the innermost quote: a direct quote inside an indirect one is the more precise
            q = min(quotes, key=lambda q: q["end"] - q["start"])
            if q.get("speaker"):
                return q["speaker"]
        tok = self.span(start, end)
        if tok is None:
            return None
        sent = sent_of(tok)
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                subj = self.resolver.subject_of(t)
                speaker = self.resolver.describe(subj) if subj is not None else None
                if speaker is not None:
                    return speaker.name
        # "..., the army said in a statement, adding that two dozen mines had been cleared": a report that
        # governs the figure's clause, though its quote was cut shorter
        if any(t.lemma_ in self.reporting and t.pos_ == "VERB" for t in tok[0].ancestors):
            for q in self.doc._.quotes or []:
                if q.get("kind") == "indirect" and q.get("speaker") and sent.start_char <= q["start"] < sent.end_char:
                    return q["speaker"]
        return self.continued_report(sent)

    def continued_report(self, sent: Span) -> str | None:
        """"X said A. B. C." in one paragraph: B and C are still X's, unless they report someone else."""
        for _ in range(4):
            if any(t.lemma_ in self.reporting for t in sent) or sent.start == 0:
                return None
            prev = sent_of(self.doc[sent.start - 1])
            gap = self.text[prev.end_char : sent.start_char]
            if "\n" in gap or "\n\n" in prev.text:
                return None
            for q in self.doc._.quotes or []:
                if q.get("kind") == "indirect" and prev.start_char <= q["start"] < prev.end_char and q["end"] >= prev.end_char - 2:
                    return q.get("speaker")
            sent = prev
        return None

    # -- all together ----------------------------------------------------------------------

    def quantities(self) -> list[dict]:
        out: list[dict] = []
        found: list[tuple[Figure, Counted]] = []
        for fig in figures_in(self.text):
            toks = self.span(fig.start, fig.end)
            if toks is None or not len(toks):
                continue
            counted = self.counted(fig, toks)
            if self.excluded(fig, toks, counted):
                continue
            counts = counted.text or self.elliptical(fig, toks, found)
            if not counts and fig.single_word is not None:
                continue  # "a mother of five": a number word that counts nothing we can name
            found.append((fig, counted))
            out.append(
                {
                    "low": _as_number(fig.low),
                    "high": _as_number(fig.high),
                    "approximate": fig.approximate,
                    "counts": counts,
                    "claimant": self.claimant(fig.start, counted.end),
                    "start": fig.start,
                    "end": counted.end,
                }
            )
        return out


def find_quantities(doc: Doc) -> list[dict]:
    return QuantityFinder(doc).quantities()


class QuantitiesComponent:
    """spaCy component: fills `doc._.quantities`."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = find_quantities(doc)
        return doc


# no annotations: spaCy validates factory arguments and `from __future__ import annotations` hides them
@Language.factory("dateline_quantities", assigns=["doc._.quantities"], requires=["doc._.quotes", "token.dep"])
def make_quantities(nlp, name):
    ensure("meta", "actors", "entities", "quotes", "quantities")
    return QuantitiesComponent()
