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

The window arithmetic is `bounds`; the book of events dated elsewhere is `anchors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..chrono import (
    MONTHS,
    RESOLVERS,
    WEEKDAYS,
    Mention,
    Period,
    explicit_dates,
    month_number,
    parse_period,
    safe_date,
)
from ..record import Article
from ..settings import FRESH_PHOTO_DAYS, WEEKDAY_FIT_DAYS
from .anchors import AnchorBook, body_mentions
from .bounds import Bound, Window, apply_bounds, period_bounds
from .parts import parse_dateline

_FILE_PHOTO = re.compile(r"file photo|still image taken from (?:a )?video|posted on the internet", re.IGNORECASE)
_DATELINE_DAY = re.compile(r"^(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})(?:,\s*((?:19|20)\d\d))?$", re.IGNORECASE)



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
        mentions = list(body_mentions(body))
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
            period = period_bounds(when)
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
    own.add(art, relative=False)  # the body's own statements: read once, remembered (anchors.body_statements)
    anchored = own.bounds_for(art)
    if book is not None:
        anchored += book.bounds_for(art)
    window, _ = apply_bounds(anchored, window)
    window, _ = apply_bounds(evidence.soft, window)
    return published_record(window, evidence.weekdays)


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
