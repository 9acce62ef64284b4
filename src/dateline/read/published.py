"""Publication dates: carried through when given, inferred from the text when not.

Scraped wire copy rarely carries its date. What it does carry, in the order we
trust it:
- a dateline date ("KABUL, March 3 (Reuters)");
- photo captions with the day the picture was taken. A fresh picture ("Picture
  taken April 1, 2019", a caption with no FILE PHOTO mark) puts the story within
  days of it; a file photo only says the story is not older than the picture
  (unless the body says pictures of that place were taken that weekday);
- dates, months and years the body mentions: in the past they bound the story
  from below ("fell in 2017": not before 2017), in the future from above ("by
  March 2020");
- events the text dates relatively ("collapsed last year", "recaptured Mosul in
  July") that are dated absolutely elsewhere: in the same article, or, through an
  `AnchorBook`, in another article of the same input (`refine_published`);
- a day named with weekday and date but no year ("On Monday, Dec. 26"), in the
  one year of the input's era (the years its surely dated articles span) where
  that date is that weekday;
- wire style, last and least: a year written out in the past tense is usually not
  the current one (a 2017 story says "this year", not "in 2017");
- weekday references ("said on Monday") pin the day once the window is a week.

The window (`earliest`, `latest`) says honestly what is known; `precision` says
how sure the `date` is. Each bound is kept only if it agrees with the surer ones
before it, so one misread phrase cannot empty the window.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from ..chrono import (
    MONTHS,
    RESOLVERS,
    WEEKDAYS,
    Mention,
    Period,
    Reference,
    When,
    explicit_dates,
    find_mentions,
    month_end,
    month_number,
    parse_period,
    resolve,
    safe_date,
)
from ..record import Article
from .parts import parse_dateline

_FILE_PHOTO = re.compile(r"file photo|still image taken from (?:a )?video|posted on the internet", re.IGNORECASE)
_DATELINE_DAY = re.compile(r"^(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})(?:,\s*((?:19|20)\d\d))?$", re.IGNORECASE)

# How far after a fresh (non-file) photo a story may run.
FRESH_PHOTO_DAYS = 6
# A window this short is pinned to a day by the weekdays the story names.
WEEKDAY_FIT_DAYS = 7


def given_published(value: Any) -> dict | None:
    """A publication date the input supplied: 'YYYY-MM-DD', 'YYYY-MM', 'YYYY', ISO datetime, or a record."""
    if isinstance(value, dict):
        inner = value.get("date")
        period = parse_period(str(inner)) if inner else None
        if period and value.get("precision") in ("day", "month", "year"):
            period = Period(period.start, value["precision"])
    elif isinstance(value, date):
        period = Period(value, "day")
    elif isinstance(value, str):
        period = parse_period(value)
    else:
        period = None
    if period is None:
        return None
    return {
        "date": period.start.isoformat(),
        "precision": period.precision,
        "source": "given",
        "earliest": period.start.isoformat(),
        "latest": period.end.isoformat(),
    }


DATE_FORMS = "use YYYY-MM-DD, YYYY-MM or YYYY"


def check_published(value: Any) -> dict | None:
    """A given publication date, validated: the record's `published`, or None when none is given.

    The one check for every way a date is given (`--published`, a JSON Lines
    `published`, the API's `?published=`): a value that is there but is no date
    ("garbage", 12345, "2017-02-30") raises ValueError, whose message is the one-line
    problem, so it is refused the same way everywhere instead of silently replaced by
    an inferred date. None, "" and a record whose `date` is null give no date.
    """
    if value is None or value == "" or (isinstance(value, dict) and value.get("date") in (None, "")):
        return None
    given = None if isinstance(value, bool) else given_published(value)
    if given is None:
        raise ValueError(f"not a date: {value!r} ({DATE_FORMS})")
    return given


# --------------------------------------------------------------------------
# Bounds and the window they leave
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Bound:
    """The publication day lies in lo..hi (either may be open); `why` names the evidence."""

    lo: date | None
    hi: date | None
    why: str


@dataclass(frozen=True)
class Window:
    lo: date | None = None
    hi: date | None = None

    def narrowed(self, bound: Bound) -> Window | None:
        lo = max((d for d in (self.lo, bound.lo) if d), default=None)
        hi = min((d for d in (self.hi, bound.hi) if d), default=None)
        if lo and hi and lo > hi:
            return None
        return Window(lo, hi)


def apply_bounds(bounds: Iterable[Bound], start: Window | None = None) -> tuple[Window, list[Bound]]:
    """Narrow the window bound by bound, surest first; a bound that would empty it is dropped."""
    window = start or Window()
    kept: list[Bound] = []
    for bound in bounds:
        narrowed = window.narrowed(bound)
        if narrowed is not None:
            window = narrowed
            kept.append(bound)
    return window, kept


# --------------------------------------------------------------------------
# Evidence inside one article
# --------------------------------------------------------------------------


def _weekdays_mentioned(mentions: list[Mention]) -> list[int]:
    """Weekdays the body refers to as past or present (future ones are skipped)."""
    out = []
    for m in mentions:
        if m.kind != "weekday" or m.tense == "future":
            continue
        if (m.parts.get("mod") or "").lower() in ("next", "coming", "last", "past", "this past"):
            continue
        out.append(WEEKDAYS[m.parts["w"].lower()])
    return out


_PHOTO_WORDS = re.compile(r"\b(?:photograph|picture|image|footage|video)s?\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


def _body_shows_photo_day(body: str, caption: str, shot: date) -> bool:
    """A file photo is this week's when the story says pictures were taken that weekday.

    "Reuters photographs from Baghouz on Sunday showed ..." beside a FILE PHOTO of
    Baghouz dated a Sunday: the sentence names the weekday, a photo word and a
    place from the caption.
    """
    day_name = shot.strftime("%A")
    caption_words = {w for w in _CAPITALISED.findall(caption) if w.lower() not in MONTHS and w != day_name}
    for sentence in re.split(r"(?<=[.!?])\s+", body):
        if day_name in sentence and _PHOTO_WORDS.search(sentence) and any(w in sentence for w in caption_words):
            return True
    return False


def _fit_weekdays(window: Window, weekdays: list[int]) -> date | None:
    """The day in a short window from which the mentioned weekdays lie closest behind.

    Each mention costs how many days back it lies; the day with the smallest worst
    cost wins, the earliest on ties. Without mentions there is nothing to fit.
    """
    if not weekdays or window.lo is None or window.hi is None:
        return None
    if (window.hi - window.lo).days >= WEEKDAY_FIT_DAYS:
        return None
    best: tuple[int, int, date] | None = None
    d = window.lo
    while d <= window.hi:
        costs = [(d.weekday() - w) % 7 for w in weekdays]
        key = (max(costs), sum(costs), d)
        if best is None or key < best:
            best = key
        d += timedelta(days=1)
    return best[2] if best else None


def _period_bounds(when: When) -> tuple[date, date] | None:
    if when.start and when.end:
        return when.start, when.end
    if when.year:
        return date(when.year, 1, 1), date(when.year, 12, 31)
    return None


@dataclass
class Evidence:
    """What one article says about its own publication date."""

    bounds: list[Bound]  # surest first
    soft: list[Bound]  # wire-style guesses, applied after everything else
    weekdays: list[int]
    mentions: list[Mention]

    @classmethod
    def of(cls, art: Article, dateline_date: str | None = None) -> Evidence:
        body = art.body
        mentions = find_mentions(body)
        bounds: list[Bound] = []
        soft: list[Bound] = []
        fresh: list[date] = []
        floors: list[Bound] = []
        for caption in art.captions:
            found = explicit_dates(caption)
            if not found:
                continue
            shot = max(d for _, _, d in found)
            if not _FILE_PHOTO.search(caption) or _body_shows_photo_day(body, caption, shot):
                fresh.append(shot)
            floors.append(Bound(shot, None, f"caption dated {shot}"))

        if dateline_date is None:
            # The record keeps no dateline date; the body's first paragraph still has it.
            parsed = parse_dateline(body.split("\n", 1)[0])
            dateline_date = parsed[1] if parsed else None
        if dateline_date:
            m = _DATELINE_DAY.match(dateline_date.strip())
            if m:
                month = month_number(m.group(1))
                year = int(m.group(3)) if m.group(3) else _year_near(month, fresh or [b.lo for b in floors])
                d = safe_date(year, month, int(m.group(2))) if year else None
                if d:
                    bounds.append(Bound(d, d, "dateline date"))
        if fresh:
            anchor = max(fresh)
            bounds.append(Bound(anchor, anchor + timedelta(days=FRESH_PHOTO_DAYS), f"fresh photo of {anchor}"))
        bounds.extend(floors)

        for mention in mentions:
            when = RESOLVERS[mention.kind](mention.parts, None, mention.tense)
            if when is None:
                continue  # needs the publication date: see the anchor book
            period = _period_bounds(when)
            if period is None:
                continue
            first, last = period
            if mention.tense == "future":
                bounds.append(Bound(None, last, f"'{mention.text}' ahead"))
            elif mention.tense == "past" or (mention.kind in ("date", "date_range", "month", "month_part") and when.precision != "year"):
                # An unmarked year or season ("the 2014 election", "in the summer of
                # 2017") may lie ahead; a written date rarely does.
                bounds.append(Bound(first, None, f"'{mention.text}' behind"))
            if when.precision == "year" and mention.tense == "past" and when.year:
                soft.append(Bound(date(when.year + 1, 1, 1), None, f"'{mention.text}' written out, so not this year"))
        return cls(bounds, soft, _weekdays_mentioned(mentions), mentions)


def _year_near(month: int, known: list[date]) -> int | None:
    """The year of a month-and-day reference, from the nearest dated evidence."""
    if not known:
        return None
    ref = max(known)
    return ref.year if month >= ref.month else ref.year + 1


def published_record(window: Window, weekdays: list[int]) -> dict | None:
    """A record's `published` object for what the window leaves."""
    lo, hi = window.lo, window.hi
    if lo is None:
        return None  # only an upper bound: too little to say
    if hi is None:
        # Only a floor: the year named is the earliest possible, not a claim.
        return _record(date(lo.year, 1, 1), "year", lo, None)
    fitted = _fit_weekdays(window, weekdays)
    if lo == hi or fitted:
        return _record(fitted or lo, "day", lo, hi)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return _record(lo.replace(day=1), "month", lo, hi)
    if lo.year == hi.year:
        return _record(date(lo.year, 1, 1), "year", lo, hi)
    # Across a new year: the year holding more of the window.
    year = lo.year if (date(lo.year, 12, 31) - lo) >= (hi - date(hi.year, 1, 1)) else hi.year
    return _record(date(year, 1, 1), "year", lo, hi)


def _record(d: date, precision: str, earliest: date | None, latest: date | None) -> dict:
    return {
        "date": d.isoformat(),
        "precision": precision,
        "source": "inferred",
        "earliest": earliest.isoformat() if earliest else None,
        "latest": latest.isoformat() if latest else None,
    }


def infer_published(art: Article, *, dateline_date: str | None = None, book: AnchorBook | None = None) -> dict | None:
    """The publication date the article's own text supports (and `book`'s, when given)."""
    evidence = Evidence.of(art, dateline_date)
    window, _ = apply_bounds(evidence.bounds)
    own = AnchorBook()
    own.add(art, relative=False, mentions=evidence.mentions)
    anchored = own.bounds_for(art, evidence.mentions)
    if book is not None:
        anchored += book.bounds_for(art, evidence.mentions)
    window, _ = apply_bounds(anchored, window)
    window, _ = apply_bounds(evidence.soft, window)
    return published_record(window, evidence.weekdays)


# --------------------------------------------------------------------------
# Dating by events dated elsewhere
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    data = json.loads(resources.files("dateline.data").joinpath("time_anchors.json").read_text(encoding="utf-8"))
    classes: dict[str, set[str]] = defaultdict(set)
    for cls, forms in data["classes"].items():
        for form in forms:
            classes[form].add(cls)
    return {k: frozenset(v) for k, v in classes.items()}, frozenset(data["generic_words"])


_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'.-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘(])|\n+")
# How far from a time expression its occurrence word and its content words may lie.
BIND_TOKENS = 8
CONTEXT_TOKENS = 8
# Kinds whose relation to the publication date can be solved from a dated occurrence.
ANCHORABLE = {"relative", "relative_part", "ago", "month", "month_part", "month_of_year", "season"}
# A solved window wider than this says too little to keep.
MAX_ANCHOR_WINDOW_DAYS = 400
# Widest era (in years, inclusive) in which a month, day and weekday name one day.
WEEKDAY_ERA_YEARS = 4


_LOWER_PREFIXED_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an)-[A-Z]")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)-")


def _norm(token: str) -> str:
    """Lower case, no possessive, and one spelling for common transliteration variants
    (al-Raqqah, Raqqah and Raqqa are one name)."""
    token = token.lower().replace("’", "'")
    if token.endswith("'s"):
        token = token[:-2]
    token = token.rstrip(".'")
    token = _ARTICLE_PREFIX.sub("", token)
    if len(token) > 4 and token.endswith("ah"):
        token = token[:-1]
    return token


@dataclass(frozen=True)
class Statement:
    """A time expression with the occurrence it is bound to and the names around it."""

    mention: Mention
    classes: frozenset[str]
    words: frozenset[str]
    sentence: int


def statements(body: str, mentions: list[Mention]) -> list[Statement]:
    """Time expressions bound to an occurrence word ("recaptured Mosul in July")."""
    forms, generic = _lexicon()
    sentences = [0] + [m.end() for m in _SENTENCE_END.finditer(body)] + [len(body)]
    reach = max(BIND_TOKENS, CONTEXT_TOKENS)

    def tokens(start: int, end: int) -> list[tuple[str, bool]]:
        """(normalised token, is a name) between two offsets. Names identify an
        occurrence; common nouns ("militias", "the town") do not, and a capital at
        the start of a sentence proves nothing."""
        out = []
        for m in _TOKEN.finditer(body, start, end):
            i = m.start()
            named = (body[i].isupper() or bool(_LOWER_PREFIXED_NAME.match(body, i))) and i not in sentence_starts
            named = named and body[max(0, i - 1)] not in "“\"‘("
            out.append((_norm(m.group(0)), named))
        return out

    sentence_starts = set(sentences)
    out: list[Statement] = []
    for k, mention in enumerate(mentions):
        sent = bisect_right(sentences, mention.start) - 1
        left = max(sentences[sent], mentions[k - 1].end if k else 0)
        right = min(sentences[sent + 1] if sent + 1 < len(sentences) else len(body),
                    mentions[k + 1].start if k + 1 < len(mentions) else len(body))
        # eight words fit in well under 150 characters; no need to read further
        before = tokens(max(left, mention.start - 150), mention.start)[::-1][:reach]
        after = tokens(mention.end, min(right, mention.end + 150))[:reach]
        classes: frozenset[str] = frozenset()
        for word, _ in before[:BIND_TOKENS] + after[:BIND_TOKENS]:  # nearest before, then nearest after
            if word in forms:
                classes = forms[word]
                break
        if not classes:
            continue
        words = frozenset(
            word for word, named in before[:CONTEXT_TOKENS] + after[:CONTEXT_TOKENS]
            if named and len(word) >= 3 and word not in generic and word not in MONTHS and word not in WEEKDAYS
        )
        if words:
            out.append(Statement(mention, classes, words, sent))
    return out


def _solve(mention: Mention, period: tuple[date, date]) -> Bound | None:
    """The publication days from which `mention` lands on `period` (month-end steps)."""
    fn = RESOLVERS[mention.kind]
    first, last = period
    agreeing: list[date] = []
    # Publication days worth trying: a year either side of the period, shifted by the
    # mention's own distance when it has one ("four years ago", "a decade ago").
    reach = 1
    if mention.kind == "ago":
        from ..chrono import _count

        n = _count(mention.parts.get("n", "")) or 0
        unit = (mention.parts.get("unit") or "").lower()
        reach += n * (10 if unit == "decade" else 1) if unit in ("year", "decade") else 0
    month = date(max(first.year - 1, 1), 1, 1)
    stop = date(min(last.year + reach + 2, 9998), 1, 1)
    while month < stop:
        for pub in (month, month_end(month)):
            when = fn(mention.parts, pub, mention.tense)
            span = _period_bounds(when) if when else None
            if span and span[0] <= last and first <= span[1]:
                agreeing.append(pub)
        month = month_end(month) + timedelta(days=1)
    if not agreeing:
        return None
    lo, hi = min(agreeing), max(agreeing)
    if (hi - lo).days > MAX_ANCHOR_WINDOW_DAYS:
        return None
    return Bound(lo, hi, f"'{mention.text}' dated by {first}..{last} elsewhere")


class AnchorBook:
    """Occurrences dated in the text, to date other texts that mention them relatively.

    Keyed by (occurrence class, content word): "Mosul ... recaptured ... July 2017"
    files July 2017 under (recapture, mosul). An article saying "recaptured Mosul
    in July" with no year is then published between July 2017 and June 2018. A key
    holding several periods counts for each; a mention is dated by the period most
    of its words point to, and not at all when two periods tie.
    """

    def __init__(self) -> None:
        self._index: dict[tuple[str, str], dict[tuple[date, date], set[tuple[str, int]]]] = defaultdict(lambda: defaultdict(set))
        # Years the input's surely dated articles were published in: its era.
        self._years: set[int] = set()

    def add(self, art: Article, *, relative: bool = True, mentions: list[Mention] | None = None) -> None:
        """File the article's dated occurrences: absolute ones always, relative ones
        ("in July") when `relative` and its publication date is known to the day or month."""
        reference = _reliable_reference(art.published) if relative else None
        if reference is not None:
            self._years.add(reference.lo.year)
        mentions = mentions if mentions is not None else find_mentions(art.body)
        for st in statements(art.body, mentions):
            when = RESOLVERS[st.mention.kind](st.mention.parts, None, st.mention.tense)
            if when is None:
                if reference is None:
                    continue
                when = resolve(st.mention, reference)
            period = _period_bounds(when)
            if period is None:
                continue
            for cls in st.classes:
                for word in st.words:
                    self._index[(cls, word)][period].add((art.id, st.sentence))

    def bounds_for(self, art: Article, mentions: list[Mention] | None = None) -> list[Bound]:
        """Bounds on the article's publication from its relatively dated occurrences."""
        mentions = mentions if mentions is not None else find_mentions(art.body)
        out: list[Bound] = []
        for st in statements(art.body, mentions):
            if st.mention.kind not in ANCHORABLE:
                continue
            if RESOLVERS[st.mention.kind](st.mention.parts, None, st.mention.tense) is not None:
                continue  # dated on its own
            votes: Counter[tuple[date, date]] = Counter()
            for word in st.words:
                periods: set[tuple[date, date]] = set()
                for cls in st.classes:
                    for period, sources in self._index.get((cls, word), {}).items():
                        if any(src != (art.id, st.sentence) for src in sources):
                            periods.add(period)
                for period in periods:
                    votes[period] += 1
            bound = self._best(st.mention, votes)
            if bound is not None:
                out.append(bound)
        out.extend(self._weekday_date_bounds(mentions))
        return out

    def era(self) -> tuple[int, int] | None:
        """The years the input's surely dated articles span, one year either side."""
        if not self._years:
            return None
        return min(self._years) - 1, max(self._years) + 1

    def _weekday_date_bounds(self, mentions: list[Mention]) -> list[Bound]:
        """Bounds from days named with weekday and date but no year ("On Monday, Dec. 26").

        A month, day and weekday recur only every 5, 6 or 11 years, so within the
        input's era (at most five years wide) one year at most fits. News style names
        the weekday only for days within a week of the story (AP: "within seven days
        before or after"), so that day bounds the publication: from it to a week after
        for a past or untensed day, from a week before to it for a future one. Nothing
        when no surely dated article gives an era, or when the era admits two years.
        """
        era = self.era()
        if era is None or era[1] - era[0] > WEEKDAY_ERA_YEARS:
            return []
        out = []
        for m in mentions:
            if m.kind != "date" or "w" not in m.parts or "y" in m.parts:
                continue
            month, dom = month_number(m.parts["m"]), int(m.parts["d"])
            weekday = WEEKDAYS.get(m.parts["w"].lower())
            days = [
                d
                for year in range(era[0], era[1] + 1)
                if (d := safe_date(year, month, dom)) is not None and d.weekday() == weekday
            ]
            if len(days) != 1:
                continue
            (d,) = days
            if m.tense == "future":
                out.append(Bound(d - timedelta(days=WEEKDAY_FIT_DAYS), d, f"'{m.text}' ahead, in {d.year} of the input's era"))
            else:
                out.append(Bound(d, d + timedelta(days=WEEKDAY_FIT_DAYS), f"'{m.text}', in {d.year} of the input's era"))
        return out

    @staticmethod
    def _best(mention: Mention, votes: Counter) -> Bound | None:
        """The window the best-supported period gives; None on a tie between disagreeing ones."""
        solved: list[tuple[int, Bound]] = []
        for period, n in votes.items():
            bound = _solve(mention, period)
            if bound is not None:
                solved.append((n, bound))
        if not solved:
            return None
        solved.sort(key=lambda item: -item[0])
        top_n, top = solved[0]
        for n, other in solved[1:]:
            if n == top_n and Window(top.lo, top.hi).narrowed(other) is None:
                return None  # two periods equally supported and incompatible
        return top


def _reliable_reference(published: dict | None) -> Reference | None:
    """A publication date good enough to date other articles' events by."""
    ref = Reference.from_published(published)
    if ref is None or ref.hi is None:
        return None
    if (ref.hi - ref.lo).days > 31:
        return None
    return ref


def refine_published(articles: list[Article], *, dateline_dates: dict[str, str | None] | None = None) -> int:
    """Re-infer the publication dates of an input's articles with each other's help.

    Articles whose date is given or known to the day are kept; the others are
    re-inferred with an `AnchorBook` of every article's dated occurrences. Returns
    how many records changed.

    For a stream too large to hold, read twice: `book.add(art)` for every article
    of a first read, then `refine_article(art, book)` on each of a second.
    """
    book = AnchorBook()
    for art in articles:
        book.add(art)
    changed = 0
    for art in articles:
        new = refine_one(art, book, (dateline_dates or {}).get(art.id))
        if new != art.published:
            art.published = new
            changed += 1
    return changed


def refine_article(art: Article, book: AnchorBook) -> Article:
    """The article with its publication date re-inferred against `book` (for a stream)."""
    art.published = refine_one(art, book)
    return art


def refine_one(art: Article, book: AnchorBook, dateline_date: str | None = None) -> dict | None:
    """The article's publication record, re-inferred with `book` when it is not sure."""
    pub = art.published
    if pub and (pub.get("source") == "given" or pub.get("precision") == "day"):
        return pub
    return infer_published(art, dateline_date=dateline_date, book=book)
