"""Recognising time expressions without knowing when the text was written.

`find_mentions(text)` finds "on Sunday", "last month", "between March 10 and March 23",
"in 2017", "four years ago"; each `Mention` has a `kind` (a key of `RESOLVERS`) and the
parts it was built from, and the tense of the clause before it (`tense_before`)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field


from .. import vocab
from ..settings import TIME_REACH_AFTER, TIME_REACH_BEFORE
from .periods import MONTH_ABBREVIATIONS_RE, MONTH_NAMES_RE, WEEKDAY_RE


_MONTH_FULL = MONTH_NAMES_RE
# Abbreviations only with their dot or before a day number ("Dec. 6", "Sept 11"):
# bare "Mar", "Jan" and "May" are too often words or names.
_MONTH_ABBR = r"(?:" + MONTH_ABBREVIATIONS_RE + r")(?:\.|(?=\s+\d))"


def _month(name: str) -> str:
    return rf"(?P<{name}>(?:{_MONTH_FULL})\b|{_MONTH_ABBR})"


def _day(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)(?!\d)"


def _wd(name: str) -> str:
    return rf"(?P<{name}>{WEEKDAY_RE})"


# The words that count in a time expression: "four years ago", "a few days", "a dozen years".
NUMBER_WORDS = {**vocab.mapping("number_words"), **vocab.mapping("indefinite_counts")}
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# Counts too vague to date by ("a few years ago"): they give spans, never "ago" points.
VAGUE_COUNTS = {"few", "a few", "several", "couple of", "a couple of"}

_PART = r"(?P<part>early|late|mid|the end of|end of|the beginning of|beginning of|the start of|start of|the middle of|middle of|the first half of|first half of|the second half of|second half of)"
_MD1 = rf"{_month('m1')}\s+{_day('d1')}(?:,?\s+{_year('y1')})?"
_MD2 = rf"(?:{_month('m2')}\s+)?{_day('d2')}(?:,?\s+{_year('y2')})?"



@dataclass
class Mention:
    """A time expression found in text, not yet resolved."""

    start: int
    end: int
    text: str
    kind: str
    parts: dict = field(default_factory=dict)
    tense: str | None = None  # "past" | "future" | None (unknown)

    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern
    needs: str  # trigger classes (see `_trigger_class`) one of which the expression holds


def _p(kind: str, needs: str, pattern: str, flags: int = 0) -> Pattern:
    return Pattern(kind, re.compile(pattern, flags), needs)


_I = re.IGNORECASE
# Order is priority: on overlap the longer match wins, then the earlier pattern.
PATTERNS: list[Pattern] = [
    # spans between two dates
    _p("date_range", "M", rf"\bbetween\s+{_MD1}\s+and\s+(?:[^.;!?\n]{{0,50}}?\s)??(?:on\s+)?{_MD2}"),
    _p("date_range", "M", rf"\bfrom\s+{_MD1}\s+(?:to|until|till|through)\s+{_MD2}"),
    _p("date_range", "M", rf"\b{_month('m1')}\s+{_day('d1')}\s?(?:-|–|to|and|through)\s?{_day('d2')}(?:,?\s+{_year('y1')})?"),
    _p("date_range", "M", rf"\b(?:between\s+)?{_day('d1')}\s?(?:-|–|to|and)\s?{_day('d2')}\s+{_month('m1')}(?:,?\s+{_year('y1')})?"),
    _p("weekday_range", "W", rf"\b(?:between|from)\s+{_wd('w1')}\s+(?:and|to|until|till|through)\s+{_wd('w2')}"),
    # calendar dates, with or without a year
    _p("date", "M", rf"\b(?:{_wd('w')},?\s+)?{_month('m')}\s+{_day('d')}(?:,?\s+{_year('y')})?"),
    _p("date", "M", rf"\b(?:{_wd('w')},?\s+)?(?:the\s+)?{_day('d')}\s+(?:of\s+)?{_month('m')}(?:,?\s+{_year('y')})?"),
    _p("date", "Y", rf"\b{_year('y')}-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b"),
    # parts of months and years
    _p("month_part", "M", rf"(?i:\b{_PART})[\s-]+{_month('m')}(?:,?\s+{_year('y')})?"),
    _p("month", "M", rf"\b{_month('m')},?\s+(?:of\s+)?{_year('y')}"),
    _p("month_of_year", "M", rf"(?:(?i:\b{_PART})[\s-]+)?\b{_month('m')}\s+(?:of\s+)?(?P<rel>(?i:this|last|next))\s+(?i:year)\b"),
    _p("month", "M", rf"(?i:\b(?P<trig>in|since|until|till|by|from|during|through|throughout|before|after|of|for|early|late|last|next|this|coming|past))\s+(?:{_MONTH_FULL}|{_MONTH_ABBR})\b(?!\s+\d)"),
    _p("year_part", "Y", rf"(?i:\b{_PART})[\s-]+{_year('y')}"),
    _p("season", "S", rf"\b(?:the\s+)?(?P<season>(?i:spring|summer|autumn|winter))\s+(?:of\s+)?{_year('y')}"),
    _p("season", "S", rf"(?i:\b(?P<rel>this|last|next|this past|past|coming)\s+(?P<season>spring|summer|autumn|fall|winter))\b"),
    _p("relative_part", "U", rf"\b{_PART}\s+(?P<rel>this|last|next|the past|the previous)\s+(?P<unit>week|month|year)\b", flags=_I),
    # relative to the publication day
    _p("ago", "A", rf"\b{_NUM}\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b", flags=_I),
    _p("past_span", "U", rf"\b(?:(?:over|in|during|for|within)\s+)?(?:the\s+)?(?P<rel>last|past|previous)\s+{_NUM}\s+(?P<unit>hour|day|week|month|year)s?\b", flags=_I),
    _p("past_span", "R", rf"\b(?:in\s+)?recent\s+(?P<unit>day|week)s\b", flags=_I),
    _p("relative", "U", rf"\b(?:(?P<mod>earlier|later)\s+)?(?P<rel>this|last|next|the past|past|the previous|previous|the coming|coming)\s+(?P<unit>weekend|week|month|year)\b", flags=_I),
    _p("relative", "U", rf"\b(?:over\s+|at\s+|during\s+)?the\s+(?P<unit>weekend)\b", flags=_I),
    _p("day_word", "D", r"\b(?P<word>yesterday|today|tonight|this morning|this afternoon|this evening|the day before yesterday)\b", flags=_I),
    _p("same_day", "U", r"\b(?P<word>earlier in the day|later in the day|earlier that day|later that day|the same day|that same day|the previous day|the day before|the following day|the next day|(?:the|a|one) day (?:earlier|later)|(?:hours|minutes|moments) (?:earlier|later))\b", flags=_I),
    _p("weekday", "W", rf"\b(?:(?P<mod>last|next|this|coming|this past|past)\s+)?{_wd('w')}(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night))?\b"),
    _p("decade", "Y", rf"(?:(?i:\b{_PART})[\s-]+)?(?:\bthe\s+)?(?P<dec>(?:19|20)\d0)['’]?s\b"),
    # years last: "in 2017", "2014", "early 2019"
    _p("year", "Y", rf"(?<![\d,.$£€#/-]){_year('y')}(?![,.]\d|\s?%|\s?(?:km|kilometers|miles|meters|feet|people|troops)\b)"),
]

# Words after a date that make it part of a name, not a time.
_PART_OF_A_NAME = re.compile(r"\s+(?:" + "|".join(vocab.ordered("name_after_date_words")) + r")\b")

# The "month" pattern with a trigger word keeps the trigger out of the text unless
# it changes the meaning ("last December").
_MEANINGFUL_TRIGGERS = {"last", "next", "this", "coming", "past"}


# Every time expression holds one of these words. The patterns are run only on
# the stretches of text around them, each pattern around its own kind of word:
# trying two dozen patterns at every position of a long article costs more than
# the rest of reading it. No leading \b: a plain alternation of literals lets the
# regex engine skip ahead fast; word edges are checked by hand.
_NAME_TRIGGER = re.compile(
    rf"(?:{_MONTH_FULL}|{MONTH_ABBREVIATIONS_RE}|{WEEKDAY_RE[3:-1]}|(?:19|20)\d0['’]?s|(?:19|20)\d\d)"
)
_UNITS = vocab.ordered("calendar_units")  # year, month, weekend, week, ...: "weekend" before "week"
_WORD_TRIGGER = re.compile(
    r"(?:ago|" + "|".join(unit + "s?" for unit in _UNITS) + r"|today|tonight|yesterday|morning|afternoon|evening|"
    r"recent|spring|summer|autumn|fall|winter)"
)
_UNIT_WORDS = frozenset(_UNITS) | {unit + "s" for unit in _UNITS}
_SEASON_WORDS = {"spring", "summer", "autumn", "fall", "winter"}


def _trigger_class(word: str) -> str:
    """M month, W weekday, Y year, U unit of time, A 'ago', D day word, R 'recent', S season."""
    if word[0].isdigit():
        return "Y"
    if word[0].isupper():
        return "W" if word.endswith("day") else "M"
    if word == "ago":
        return "A"
    if word in _UNIT_WORDS:
        return "U"
    if word == "recent":
        return "R"
    if word in _SEASON_WORDS:
        return "S"
    return "D"


def _stretches(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger class, the merged stretches of text around its trigger words."""
    hits: list[tuple[int, int, str]] = []
    n = len(text)

    def edge(i: int) -> bool:
        return i <= 0 or i >= n or not text[i].isalnum()

    for m in _NAME_TRIGGER.finditer(text):
        if edge(m.start() - 1) and edge(m.end()):
            hits.append((m.start(), m.end(), _trigger_class(m.group(0))))
    lower = text.lower()
    if len(lower) == n:  # lowering kept the offsets (it does for all but a few scripts)
        for m in _WORD_TRIGGER.finditer(lower):
            if edge(m.start() - 1) and edge(m.end()):
                hits.append((m.start(), m.end(), _trigger_class(m.group(0))))
    else:
        hits.extend((0, n, c) for c in "UADRS")
    out: dict[str, list[tuple[int, int]]] = {}
    for start, end, cls in sorted(hits):
        if cls == "A":
            _add_stretch(out.setdefault("U", []), start, end, n)  # "four years ago" is also a unit phrase
        _add_stretch(out.setdefault(cls, []), start, end, n)
    return out


def _add_stretch(stretches: list[tuple[int, int]], start: int, end: int, n: int) -> None:
    start, end = max(0, start - TIME_REACH_BEFORE), min(n, end + TIME_REACH_AFTER)
    if stretches and start <= stretches[-1][1]:
        stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
    else:
        stretches.append((start, end))


def _merged(lists: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    spans = sorted(span for spans in lists for span in spans)
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def find_mentions(text: str, *, with_tense: bool = True) -> list[Mention]:
    """Every time expression in `text`, left to right, without overlaps."""
    found: list[tuple[int, int, int, Mention]] = []
    seen: set[tuple[int, int, int]] = set()
    by_class = _stretches(text)
    for priority, pat in enumerate(PATTERNS):
        for start, end in _merged([by_class.get(c, []) for c in pat.needs]):
            for m in pat.regex.finditer(text, start, end):
                mention = _mention(pat, m, text)
                if mention is None or (mention.start, mention.end, priority) in seen:
                    continue
                seen.add((mention.start, mention.end, priority))
                found.append((mention.start, -(mention.end - mention.start), priority, mention))
    chosen: list[Mention] = []
    taken: list[tuple[int, int]] = []
    # Longest first, then earlier pattern; keep those that overlap nothing kept.
    for _, _, _, mention in sorted(found, key=lambda item: (item[1], item[2], item[0])):
        if any(mention.start < e and s < mention.end for s, e in taken):
            continue
        taken.append((mention.start, mention.end))
        chosen.append(mention)
    chosen.sort(key=lambda mn: mn.start)
    if with_tense:
        for mention in chosen:
            if mention.kind in ("date", "date_range") and _ATTRIBUTIVE.search(text, max(0, mention.start - 4), mention.start):
                continue  # "the September 17 airstrike": a name for a past event, whatever the verb
            mention.tense = tense_before(text, mention.start)
    return chosen


def _mention(pat: Pattern, m: re.Match, text: str) -> Mention | None:
    parts = {k: v for k, v in m.groupdict().items() if v is not None}
    start, end = m.start(), m.end()
    kind = pat.kind
    if kind in ("date", "month", "weekday", "year") and _PART_OF_A_NAME.match(text, end):
        return None  # "the March 23 Movement", "the February 17 Revolution"
    if kind == "month":
        if "trig" in parts:
            trig = parts.pop("trig").lower()
            name = text[m.end("trig") :].lstrip()
            month_name = re.match(rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})", name).group(0)
            parts["m"] = month_name
            if trig in _MEANINGFUL_TRIGGERS:
                parts["mod"] = trig
            else:
                start = m.end() - len(month_name)
            if month_name == "May" and trig not in ("in", "since", "until", "by", "early", "late", "last", "next", "this"):
                return None  # "of May", "for May": too often the verb or a name
    if kind == "date":
        if "mn" in parts:
            parts["m"] = calendar.month_name[int(parts.pop("mn"))] if 1 <= int(parts["mn"]) <= 12 else None
            if parts["m"] is None:
                return None
        day_n = int(parts["d"])
        if not 1 <= day_n <= 31:
            return None
        # "May 4" is a date; "may 4" is not (case-sensitive), and "May 2" inside
        # "May 2019" is excluded by the day pattern.
    if kind in ("date", "date_range"):
        for key in ("d", "d1", "d2"):
            if key in parts and not 1 <= int(parts[key]) <= 31:
                return None
    if kind == "year":
        # "2,000" and "1,500" never reach here; a bare 4-digit number after a count
        # word ("some 2000 fighters") is rare in edited news.
        before = text[max(0, start - 8) : start].lower()
        if re.search(r"(?:resolution|no\.|number|route|flight|article)\s*$", before):
            return None
    text_ = text[start:end]
    return Mention(start, end, text_, kind, parts)


# Words just before an expression that tell its tense. The cue nearest the
# expression wins; an unmarked expression is treated as past (news reports what
# happened).
# Irregular past forms common in news; forms that are also the present ("hit",
# "set", "put", "spread") are left out, since "will hit" must stay future.
_IRREGULAR_PAST = "|".join(vocab.ordered("irregular_past_forms"))
_FUTURE_CUE = re.compile(
    r"\b(?:will|won[’']t|shall|"
    r"(?:" + "|".join(vocab.ordered("future_cue_verbs")) + r") to(?: be)? \w+"
    r"|next|upcoming|coming|by the end of|before the end of|would)\b",
    re.IGNORECASE,
)
_FUTURE_CONTRACTION = re.compile(r"\w[’']ll\b")
_PAST_CUE = re.compile(
    r"\b(?:" + "|".join(vocab.ordered("past_cue_forms")) + "|"
    + _IRREGULAR_PAST
    + r"|\w{3,}ed)\b",
    re.IGNORECASE,
)
_ATTRIBUTIVE = re.compile(r"\b[Tt]he\s$")
_SENTENCE_BREAK = re.compile(r"[.!?;:]\s+(?=[A-Z“\"‘'(])|\n")


def tense_before(text: str, start: int, reach: int = 70) -> str | None:
    """'future' or 'past' from the nearest cue before `start` in its clause; None if none."""
    before = text[max(0, start - reach) : start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    best: tuple[int, str] | None = None
    for regex, tense in ((_PAST_CUE, "past"), (_FUTURE_CUE, "future"), (_FUTURE_CONTRACTION, "future")):
        for m in regex.finditer(before):
            # ties go to the future cue: "expected to be completed" ends on both
            key = (m.end(), 1 if tense == "future" else 0)
            if best is None or key > (best[0], 1 if best[1] == "future" else 0):
                best = (m.end(), tense)
    return best[1] if best else None
