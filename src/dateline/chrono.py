"""Calendar primitives shared by the reader (publication dates) and the language
layer (event dates): month and weekday names, explicit-date patterns, periods, and
a temporal-expression recogniser and resolver for news text.

Kept free of spaCy so the reader stays light.

Two steps, kept apart because the reader and the language layer need different
halves:

- `find_mentions(text)` recognises time expressions ("on Sunday", "last month",
  "between March 10 and March 23", "in 2017", "four years ago") without knowing
  when the text was written. Each `Mention` has a `kind` (a key of `RESOLVERS`)
  and the parts it was built from.
- `resolve(mention, reference)` turns a mention into calendar dates relative to a
  publication `Reference`. A reference known only to the month or year (or only
  within a window) is handled by resolving at both ends of the window and keeping
  what the two agree on; weekday-like expressions fall back to the publication
  month, the convention the gold follows ("Saturday" in a story known only to
  February 2019 is 2019-02-01 at time precision 3).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}

MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# "April 1, 2019", "Sept. 11, 2001", "March 3 2019"
MDY = re.compile(r"\b(?P<month>" + MONTH_RE + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")
# "1 April 2019", "14 June 2021"
DMY = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>" + MONTH_RE + r"),?\s+(?P<year>(?:19|20)\d\d)\b")
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def explicit_dates(text: str) -> list[tuple[int, int, date]]:
    """All full calendar dates in `text` as (start, end, date)."""
    found: list[tuple[int, int, date]] = []
    for pattern in (MDY, DMY):
        for m in pattern.finditer(text):
            d = safe_date(int(m.group("year")), month_number(m.group("month")), int(m.group("day")))
            if d:
                found.append((m.start(), m.end(), d))
    for m in ISO.finditer(text):
        d = safe_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        if d:
            found.append((m.start(), m.end(), d))
    return sorted(found)


@dataclass(frozen=True)
class Period:
    """A calendar period: a day, a month or a year, and the window it spans."""

    start: date
    precision: str  # "day" | "month" | "year"

    @property
    def end(self) -> date:
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            return month_end(self.start)
        return date(self.start.year, 12, 31)


def month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, n: int) -> date:
    """The first of the month `n` months after (or before) the month of `d`."""
    index = d.year * 12 + d.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def week_start(d: date) -> date:
    """The Monday of the week holding `d`."""
    return d - timedelta(days=d.weekday())


def parse_period(value: str) -> Period | None:
    """'2019-03-04' (day), '2019-03' (month), '2019' (year); a datetime keeps its day."""
    value = value.strip()
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?", value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return Period(date(int(year), int(month), int(day)), "day")
        if month:
            return Period(date(int(year), int(month), 1), "month")
        return Period(date(int(year), 1, 1), "year")
    except ValueError:
        return None


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """The latest date on or before `anchor` falling on `weekday` (0 = Monday)."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


# --------------------------------------------------------------------------
# Resolved times and the publication reference
# --------------------------------------------------------------------------

PRECISIONS = ("day", "span", "week", "month", "year")


@dataclass(frozen=True)
class When:
    """A resolved time: a day, a span of days, a week, a month or a year.

    `start`/`end` are None for a year known only as a year (the gold's convention:
    event_date null, `year` set) and for a time that could not be resolved.
    """

    start: date | None
    end: date | None
    precision: str
    year: int | None = None

    @property
    def time_precision(self) -> int:
        """ACLED's 1 (day), 2 (week or a span of days), 3 (month or coarser)."""
        if self.precision == "day":
            return 1
        if self.precision in ("span", "week") and self.start and self.end:
            return 2 if (self.end - self.start).days <= SHORT_SPAN_DAYS else 3
        return 3

    def as_dict(self) -> dict:
        return {
            "date": self.start.isoformat() if self.start else None,
            "end_date": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "time_precision": self.time_precision,
            "year": self.year,
        }


def day(d: date) -> When:
    return When(d, d, "day", d.year)


def days(first: date, last: date, precision: str = "span") -> When:
    if first == last:
        return day(first)
    return When(first, last, precision, first.year if first.year == last.year else None)


def whole_month(d: date) -> When:
    return When(month_start(d), month_end(d), "month", d.year)


def whole_year(y: int) -> When:
    return When(None, None, "year", y)


UNRESOLVED = When(None, None, "day", None)


@dataclass(frozen=True)
class Reference:
    """When a text was published: a window of possible days and how it is known.

    `lo`/`hi` bound the publication day; `hi` is None when only a floor is known
    (then nothing relative can be resolved). `precision` is the record's
    ("day", "month", "year").
    """

    lo: date
    hi: date | None
    precision: str

    @property
    def exact(self) -> bool:
        return self.hi is not None and self.lo == self.hi

    @classmethod
    def on(cls, d: date) -> Reference:
        return cls(d, d, "day")

    @classmethod
    def from_published(cls, published: dict | None) -> Reference | None:
        """From a record's `published` object; None when there is none."""
        if not published or not published.get("date"):
            return None
        period = parse_period(str(published["date"])[:10])
        if period is None:
            return None
        precision = published.get("precision") or period.precision
        if precision not in ("day", "month", "year"):
            precision = period.precision
        period = Period(period.start, precision)
        if precision == "day":
            return cls.on(period.start)
        lo, hi = period.start, period.end
        earliest = _iso(published.get("earliest"))
        latest = _iso(published.get("latest"))
        if earliest and lo <= earliest <= hi:
            lo = earliest
        if published.get("latest", "absent") is None and published.get("source") == "inferred":
            # An inferred date with only a floor: the year it names is not known.
            return cls(earliest or lo, None, precision)
        if latest and lo <= latest <= hi:
            hi = latest
        return cls(lo, hi, precision)


def _iso(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------
# Recognising time expressions
# --------------------------------------------------------------------------

_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
# Abbreviations only with their dot or before a day number ("Dec. 6", "Sept 11"):
# bare "Mar", "Jan" and "May" are too often words or names.
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d))"


def _month(name: str) -> str:
    return rf"(?P<{name}>(?:{_MONTH_FULL})\b|{_MONTH_ABBR})"


def _day(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)(?!\d)"


def _wd(name: str) -> str:
    return rf"(?P<{name}>{WEEKDAY_RE})"


NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "couple of": 2, "a couple of": 2, "few": 3, "a few": 3,
    "several": 3, "dozen": 12, "a dozen": 12,
}
_NUM = r"(?P<n>\d{1,3}|a couple of|couple of|a few|few|several|a dozen|dozen|" + "|".join(
    sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)
) + r")"
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
    _p("same_day", "U", r"\b(?P<word>earlier in the day|later in the day|earlier that day|later that day|the same day|that same day|the previous day|the day before|the following day|the next day)\b", flags=_I),
    _p("weekday", "W", rf"\b(?:(?P<mod>last|next|this|coming|this past|past)\s+)?{_wd('w')}(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night))?\b"),
    _p("decade", "Y", rf"(?:(?i:\b{_PART})[\s-]+)?(?:\bthe\s+)?(?P<dec>(?:19|20)\d0)['’]?s\b"),
    # years last: "in 2017", "2014", "early 2019"
    _p("year", "Y", rf"(?<![\d,.$£€#/-]){_year('y')}(?![,.]\d|\s?%|\s?(?:km|kilometers|miles|meters|feet|people|troops)\b)"),
]

# Words after a date that make it part of a name, not a time.
_PART_OF_A_NAME = re.compile(
    r"\s+(?:Movement|Revolution|Uprising|Agreement|Accords?|Brigades?|Battalion|Alliance|Front|Coalition|Group|"
    r"Party|Square|Street|Road|Bridge|Stadium|University|Hospital|Declaration|Initiative|Manifesto|Martyrs)\b"
)

# The "month" pattern with a trigger word keeps the trigger out of the text unless
# it changes the meaning ("last December").
_MEANINGFUL_TRIGGERS = {"last", "next", "this", "coming", "past"}


# Every time expression holds one of these words. The patterns are run only on
# the stretches of text around them, each pattern around its own kind of word:
# trying two dozen patterns at every position of a long article costs more than
# the rest of reading it. No leading \b: a plain alternation of literals lets the
# regex engine skip ahead fast; word edges are checked by hand.
_NAME_TRIGGER = re.compile(
    rf"(?:{_MONTH_FULL}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|{WEEKDAY_RE[3:-1]}|(?:19|20)\d0['’]?s|(?:19|20)\d\d)"
)
_WORD_TRIGGER = re.compile(
    r"(?:ago|years?|months?|weekends?|weeks?|days?|hours?|decades?|today|tonight|yesterday|morning|afternoon|evening|"
    r"recent|spring|summer|autumn|fall|winter)"
)
_UNIT_WORDS = {"year", "years", "month", "months", "week", "weeks", "weekend", "weekends", "day", "days",
               "hour", "hours", "decade", "decades"}
_SEASON_WORDS = {"spring", "summer", "autumn", "fall", "winter"}
# How far an expression may reach before and after its trigger word
# ("between March 10 and the declared victory on March 23", "over the last two days").
_REACH_BEFORE = 40
_REACH_AFTER = 70


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
    start, end = max(0, start - _REACH_BEFORE), min(n, end + _REACH_AFTER)
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
_IRREGULAR_PAST = (
    "became|began|bled|blew|bore|bought|broke|brought|built|caught|chose|came|dealt|drew|drove|dug|fed|fell|felt|"
    "fled|flew|fought|forbade|foresaw|found|froze|gave|got|grew|heard|held|hid|hung|kept|knew|laid|led|left|lent|"
    "lost|made|meant|met|overran|oversaw|overthrew|paid|ran|rang|rebuilt|redrew|rode|rose|sank|sat|saw|sent|shook|"
    "shot|slept|slid|sold|sought|spent|spoke|stole|stood|strove|struck|stuck|swept|swore|taught|thought|threw|"
    "told|took|tore|undertook|understood|upheld|went|withdrew|withheld|woke|won|wore|wound|wrote"
)
_FUTURE_CUE = re.compile(
    r"\b(?:will|won[’']t|shall|"
    r"(?:hope|hopes|hoped|hoping|plan|plans|planned|planning|expect|expects|expected|aim|aims|aimed|"
    r"want|wants|wanted|intend|intends|intended|vow|vows|vowed|pledge|pledged|promise|promised|seek|seeks|sought|"
    r"due|set|scheduled|going|poised|likely|able) to(?: be)? \w+|next|upcoming|coming|by the end of|before the end of|would)\b",
    re.IGNORECASE,
)
_FUTURE_CONTRACTION = re.compile(r"\w[’']ll\b")
_PAST_CUE = re.compile(
    r"\b(?:said|says|tells|announced|added|reported|declared|claimed|confirmed|denied|was|were|had|did|has|have|"
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


# --------------------------------------------------------------------------
# Resolving against one publication day
# --------------------------------------------------------------------------

Resolver = Callable[[dict, "date | None", "str | None"], "When | None"]
RESOLVERS: dict[str, Resolver] = {}
# Kinds that name a day relative to publication: when the publication day is not
# known they fall back to the publication month (or year).
DAY_RELATIVE: set[str] = set()
# Kinds that need no publication date at all.
ABSOLUTE: set[str] = set()


def resolver(kind: str, *, day_relative: bool = False) -> Callable[[Resolver], Resolver]:
    def register(fn: Resolver) -> Resolver:
        RESOLVERS[kind] = fn
        if day_relative:
            DAY_RELATIVE.add(kind)
        return fn

    return register


def _count(value: str) -> int | None:
    value = value.lower()
    if value.isdigit():
        return int(value)
    return NUMBER_WORDS.get(value)


def _year_for(month: int, dom: int | None, pub: date, tense: str | None, mod: str | None = None) -> int:
    """The year of a month (and day) named without one, seen from `pub`."""
    this_year = date(pub.year, month, min(dom or 1, calendar.monthrange(pub.year, month)[1]))
    key_pub = (pub.month, pub.day if dom else 1)
    key = (month, dom or 1)
    if mod in ("last", "past"):
        return pub.year if (month < pub.month) else pub.year - 1
    if mod in ("next", "coming"):
        return pub.year if (month > pub.month) else pub.year + 1
    if mod == "this":
        return pub.year
    if tense == "future":
        return pub.year if key >= key_pub else pub.year + 1
    if tense == "past" or dom is None:
        return pub.year if key <= key_pub else pub.year - 1
    # a day-and-month with no tense cue: the nearest occurrence
    candidates = [this_year.replace(year=pub.year + k) for k in (-1, 0, 1) if safe_date(pub.year + k, month, dom or 1)]
    return min(candidates, key=lambda d: (abs((d - pub).days), d > pub)).year


@resolver("date")
def _resolve_date(parts: dict, pub: date | None, tense: str | None) -> When | None:
    month = month_number(parts["m"])
    dom = int(parts["d"])
    if "y" in parts:
        d = safe_date(int(parts["y"]), month, dom)
        return day(d) if d else None
    if pub is None:
        return None
    d = safe_date(_year_for(month, dom, pub, tense), month, dom)
    return day(d) if d else None


@resolver("date_range")
def _resolve_date_range(parts: dict, pub: date | None, tense: str | None) -> When | None:
    m1 = month_number(parts["m1"])
    m2 = month_number(parts["m2"]) if "m2" in parts else m1
    y1 = int(parts["y1"]) if "y1" in parts else None
    y2 = int(parts["y2"]) if "y2" in parts else None
    if y1 is None and y2 is not None:
        y1 = y2 if m1 <= m2 else y2 - 1
    if y1 is None:
        if pub is None:
            return None
        y1 = _year_for(m1, int(parts["d1"]), pub, tense)
    if y2 is None:
        y2 = y1 if m2 >= m1 else y1 + 1
    first = safe_date(y1, m1, int(parts["d1"]))
    last = safe_date(y2, m2, int(parts["d2"]))
    if not first or not last or last < first or (last - first).days > 366:
        return None
    return days(first, last)


@resolver("weekday_range", day_relative=True)
def _resolve_weekday_range(parts: dict, pub: date | None, tense: str | None) -> When | None:
    if pub is None:
        return None
    w1, w2 = WEEKDAYS[parts["w1"].lower()], WEEKDAYS[parts["w2"].lower()]
    if tense == "future":
        first = pub + timedelta(days=(w1 - pub.weekday()) % 7)
    else:
        last = pub - timedelta(days=(pub.weekday() - w2) % 7)
        first = last - timedelta(days=(w2 - w1) % 7)
        return days(first, last)
    return days(first, first + timedelta(days=(w2 - w1) % 7))


def _part_bounds(part: str, first: date, last: date) -> tuple[date, date]:
    """'early' -> the first third of a month; 'late' -> the last; 'mid' -> the middle."""
    part = part.lower().removeprefix("the ")
    length = (last - first).days + 1
    third = max(1, round(length / 3))
    if part in ("early", "beginning of", "start of"):
        return first, first + timedelta(days=third - 1)
    if part in ("late", "end of"):
        return last - timedelta(days=length - 2 * third - 1), last
    if part in ("mid", "middle of"):
        return first + timedelta(days=third), first + timedelta(days=2 * third - 1)
    if part == "first half of":
        return first, first + timedelta(days=length // 2 - 1)
    if part == "second half of":
        return first + timedelta(days=length // 2), last
    return first, last


@resolver("month_part")
def _resolve_month_part(parts: dict, pub: date | None, tense: str | None) -> When | None:
    month = month_number(parts["m"])
    if "y" in parts:
        year = int(parts["y"])
    elif pub is None:
        return None
    else:
        year = _year_for(month, None, pub, tense)
    first = date(year, month, 1)
    a, b = _part_bounds(parts["part"], first, month_end(first))
    return When(a, b, "span", year)


@resolver("month")
def _resolve_month(parts: dict, pub: date | None, tense: str | None) -> When | None:
    month = month_number(parts["m"])
    if "y" in parts:
        return whole_month(date(int(parts["y"]), month, 1))
    if pub is None:
        return None
    return whole_month(date(_year_for(month, None, pub, tense, parts.get("mod")), month, 1))


@resolver("month_of_year")
def _resolve_month_of_year(parts: dict, pub: date | None, tense: str | None) -> When | None:
    """"June last year", "in October this year", "late March next year"."""
    if pub is None:
        return None
    year = pub.year + {"this": 0, "last": -1, "next": 1}[parts["rel"].lower()]
    first = date(year, month_number(parts["m"]), 1)
    if "part" in parts:
        a, b = _part_bounds(parts["part"], first, month_end(first))
        return When(a, b, "span", year)
    return whole_month(first)


# Northern-hemisphere meteorological seasons: first month, and how many months.
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}


def _season(name: str, year: int) -> When:
    first_month, length = SEASONS[name.lower()]
    first = date(year, first_month, 1)
    last = add_months(first, length) - timedelta(days=1)
    return When(first, last, "span", year if first.year == last.year else None)


@resolver("season")
def _resolve_season(parts: dict, pub: date | None, tense: str | None) -> When | None:
    name = parts["season"].lower()
    if "y" in parts:
        return _season(name, int(parts["y"]))
    if pub is None:
        return None
    rel = parts["rel"].lower()
    this = _season(name, pub.year)
    if rel == "this" or (rel in ("coming",) and this.start > pub):
        if rel == "this" and name == "winter" and pub.month <= 2:
            return _season(name, pub.year - 1)  # "this winter" in January
        return this
    if rel in ("last", "past", "this past"):
        year = pub.year if this.end < pub else pub.year - 1
        return _season(name, year)
    return _season(name, pub.year if this.start > pub else pub.year + 1)


@resolver("decade")
def _resolve_decade(parts: dict, pub: date | None, tense: str | None) -> When | None:
    """"the 1990s", "the early 2000s": a span of years, no single year."""
    first = int(parts["dec"])
    if "part" in parts:
        a, b = _part_bounds(parts["part"], date(first, 1, 1), date(first + 9, 12, 31))
        return When(date(a.year, 1, 1), date(b.year, 12, 31), "span", None)
    return When(date(first, 1, 1), date(first + 9, 12, 31), "span", None)


@resolver("year_part")
def _resolve_year_part(parts: dict, pub: date | None, tense: str | None) -> When | None:
    return whole_year(int(parts["y"]))


@resolver("year")
def _resolve_year(parts: dict, pub: date | None, tense: str | None) -> When | None:
    return whole_year(int(parts["y"]))


def _shift(pub: date, unit: str, n: int) -> When:
    """The unit (day, week, month, year) `n` units before `pub` (after when n < 0)."""
    if unit == "day":
        return day(pub - timedelta(days=n))
    if unit == "week":
        monday = week_start(pub) - timedelta(weeks=n)
        return When(monday, monday + timedelta(days=6), "week", monday.year)
    if unit == "month":
        return whole_month(add_months(pub, -n))
    if unit == "decade":
        return whole_year(pub.year - 10 * n)
    return whole_year(pub.year - n)


@resolver("ago")
def _resolve_ago(parts: dict, pub: date | None, tense: str | None) -> When | None:
    if pub is None or parts["n"].lower() in VAGUE_COUNTS:
        return None
    n = _count(parts["n"])
    if n is None:
        return None
    return _shift(pub, parts["unit"].lower(), n)


DAY_RELATIVE.add("ago")  # "three days ago" needs the day; "four years ago" does not (see resolve)


@resolver("past_span", day_relative=True)
def _resolve_past_span(parts: dict, pub: date | None, tense: str | None) -> When | None:
    if pub is None:
        return None
    unit = parts["unit"].lower()
    n = _count(parts.get("n", "")) if parts.get("n") else None
    if n is None:
        n = 7 if unit == "day" else 4  # "in recent days", "in recent weeks"
        unit = "day" if unit == "day" else "week"
    if unit == "hour":
        span = max(1, -(-n // 24))
        return days(pub - timedelta(days=span), pub)
    if unit == "day":
        return days(pub - timedelta(days=n), pub)
    if unit == "week":
        return days(pub - timedelta(weeks=n), pub)
    if unit == "month":
        return days(add_months(pub, -n).replace(day=min(pub.day, 28)), pub)
    return days(date(pub.year - n, pub.month, min(pub.day, 28)), pub)


def _weekend(pub: date, rel: str, tense: str | None) -> When:
    saturday_before = pub - timedelta(days=(pub.weekday() - 5) % 7)
    if pub.weekday() >= 5:  # a weekend story: this weekend is now
        this = saturday_before
    elif tense == "future" or (tense is None and pub.weekday() >= 3):
        this = saturday_before + timedelta(days=7)
    else:
        this = saturday_before
    if rel in ("last", "past", "the past", "previous", "the previous"):
        this = saturday_before if pub.weekday() < 5 else saturday_before - timedelta(days=7)
    elif rel in ("next", "coming", "the coming"):
        this = saturday_before + timedelta(days=7)
    return When(this, this + timedelta(days=1), "span", this.year)


@resolver("relative", day_relative=True)
def _resolve_relative(parts: dict, pub: date | None, tense: str | None) -> When | None:
    if pub is None:
        return None
    unit = parts["unit"].lower()
    rel = (parts.get("rel") or "this").lower()
    mod = (parts.get("mod") or "").lower()
    step = {"this": 0, "last": 1, "past": 1, "the past": 1, "previous": 1, "the previous": 1,
            "next": -1, "coming": -1, "the coming": -1}[rel]
    if unit == "weekend":
        return _weekend(pub, rel, tense)
    if rel in ("past", "the past") and unit in ("week", "month", "year"):
        # "the past week": the seven days up to publication, not last calendar week
        back = {"week": timedelta(days=7), "month": timedelta(days=30), "year": timedelta(days=365)}[unit]
        return days(pub - back, pub)
    when = _shift(pub, unit, step)
    if step == 0 and mod and when.start and when.end:
        if unit == "year":
            # "earlier this year": still the year, the span of it is too vague to keep
            return when
        if mod == "earlier":
            last = max(when.start, pub - timedelta(days=1))
            return days(when.start, last, when.precision)
        first = min(when.end, pub + timedelta(days=1))
        return days(first, when.end, when.precision)
    return when


@resolver("relative_part")
def _resolve_relative_part(parts: dict, pub: date | None, tense: str | None) -> When | None:
    if pub is None:
        return None
    rel = parts["rel"].lower().removeprefix("the ")
    step = {"this": 0, "last": 1, "past": 1, "previous": 1, "next": -1}[rel]
    unit = parts["unit"].lower()
    when = _shift(pub, unit, step)
    if unit == "year":
        return when
    a, b = _part_bounds(parts["part"], when.start, when.end)
    return When(a, b, "span", a.year)


@resolver("day_word", day_relative=True)
def _resolve_day_word(parts: dict, pub: date | None, tense: str | None) -> When | None:
    if pub is None:
        return None
    word = parts["word"].lower()
    if word == "yesterday":
        return day(pub - timedelta(days=1))
    if word == "the day before yesterday":
        return day(pub - timedelta(days=2))
    return day(pub)


@resolver("weekday", day_relative=True)
def _resolve_weekday(parts: dict, pub: date | None, tense: str | None) -> When | None:
    if pub is None:
        return None
    wd = WEEKDAYS[parts["w"].lower()]
    mod = (parts.get("mod") or "").lower()
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if mod in ("last", "past", "this past"):
        return day(pub - timedelta(days=back or 7))
    if mod in ("next", "coming"):
        return day(pub + timedelta(days=ahead or 7))
    if tense == "future" and ahead:
        return day(pub + timedelta(days=ahead))
    # Wire style: a bare weekday is within the past week, and the publication
    # weekday itself is that day ("on Thursday" in a Thursday story), not a week back.
    return day(pub - timedelta(days=back))


@resolver("same_day", day_relative=True)
def _resolve_same_day(parts: dict, pub: date | None, tense: str | None) -> When | None:
    # Resolved against the day of the previous expression by `resolve_all`;
    # alone, against the publication day.
    if pub is None:
        return None
    return day(pub + timedelta(days=_SAME_DAY_OFFSET.get(parts["word"].lower(), 0)))


_SAME_DAY_OFFSET = {"the previous day": -1, "the day before": -1, "the following day": 1, "the next day": 1}


# --------------------------------------------------------------------------
# Resolving against a publication reference
# --------------------------------------------------------------------------


def resolve(mention: Mention, ref: Reference | None) -> When:
    """The mention's dates, given what is known about the publication date."""
    when = _resolve(mention, ref)
    if when is UNRESOLVED:
        return _unknown(mention)
    return when


def _resolve(mention: Mention, ref: Reference | None) -> When:
    fn = RESOLVERS[mention.kind]
    absolute = fn(mention.parts, None, mention.tense)
    if absolute is not None:
        return absolute
    if ref is None or ref.hi is None:
        return UNRESOLVED
    if ref.exact:
        return fn(mention.parts, ref.lo, mention.tense) or UNRESOLVED
    at_lo = fn(mention.parts, ref.lo, mention.tense)
    at_hi = fn(mention.parts, ref.hi, mention.tense)
    if at_lo is None or at_hi is None:
        return UNRESOLVED
    if at_lo == at_hi:
        return at_lo
    if mention.kind in DAY_RELATIVE and at_lo.precision in ("day", "span", "week"):
        first, last = at_lo.start, at_hi.end
        if first and last and first <= last and (last - first).days <= SHORT_SPAN_DAYS:
            # A publication window of a few days: the days the expression can cover.
            return days(first, last)
        # A day named relative to a publication known only to the month: the
        # publication month itself, at month precision (the gold's convention).
        return _publication_period(ref)
    return _common(at_lo, at_hi)


_SOME_DAY = date(2001, 6, 13)
# Spans up to two weeks are ACLED time precision 2; longer ones are a month's worth.
SHORT_SPAN_DAYS = 13


def _unknown(mention: Mention) -> When:
    """No dates, but the precision the expression has ("in July" is a month)."""
    sample = RESOLVERS[mention.kind](mention.parts, _SOME_DAY, mention.tense)
    return When(None, None, sample.precision if sample else "day", None)


def _publication_period(ref: Reference) -> When:
    if ref.hi is not None and (ref.lo.year, ref.lo.month) == (ref.hi.year, ref.hi.month):
        return whole_month(ref.lo)
    if ref.hi is not None and ref.lo.year == ref.hi.year:
        return whole_year(ref.lo.year)
    return UNRESOLVED


def _common(a: When, b: When) -> When:
    """What two resolutions agree on: the month or the year they share."""
    if a.start and b.start and a.end and b.end:
        first, last = min(a.start, b.start), max(a.end, b.end)
        if (first.year, first.month) == (last.year, last.month):
            return whole_month(first)
        if first.year == last.year:
            return whole_year(first.year)
        return UNRESOLVED
    if a.year is not None and a.year == b.year:
        return whole_year(a.year)
    return UNRESOLVED


def resolve_all(mentions: list[Mention], ref: Reference | None) -> list[tuple[Mention, When]]:
    """Resolve mentions in text order; "earlier in the day" takes the day before it."""
    out: list[tuple[Mention, When]] = []
    last_day: date | None = None
    for mention in mentions:
        if mention.kind == "same_day" and last_day is not None:
            when = day(last_day + timedelta(days=_SAME_DAY_OFFSET.get(mention.parts["word"].lower(), 0)))
        else:
            when = resolve(mention, ref)
        if when.precision == "day" and when.start:
            last_day = when.start
        out.append((mention, when))
    return out


def timexes(text: str, published: dict | None) -> list[dict]:
    """The `doc._.timexes` shape for `text` published as `published` (a record object)."""
    ref = Reference.from_published(published)
    return [timex_dict(m, w) for m, w in resolve_all(find_mentions(text), ref)]


def timex_dict(mention: Mention, when: When) -> dict:
    out = {"text": mention.text, "start": mention.start, "end": mention.end}
    out.update(when.as_dict())
    out["kind"] = mention.kind
    return out


__all__ = [
    "MONTHS", "WEEKDAYS", "MONTH_RE", "WEEKDAY_RE", "Period", "When", "Reference", "Mention",
    "explicit_dates", "find_mentions", "resolve", "resolve_all", "timexes", "tense_before",
    "month_end", "month_start", "add_months", "week_start", "parse_period", "safe_date",
]
