"""Publication dates: carried through when given, inferred from the text when not.

Scraped wire copy rarely carries its date. What it does carry:
- photo captions with the day the picture was taken. A fresh picture ("Picture taken
  April 1, 2019", a caption with no FILE PHOTO mark) anchors the story to within days;
  a file photo only says the story is not older than the picture;
- weekday references ("said on Monday", "On Sunday, ..."): wire style names the
  weekday for the last six days, so the publication day is the first day on or after
  the anchor from which every weekday mentioned lies in the past week;
- a dateline date ("KABUL, March 3 (Reuters)") and explicit dates in the body, which
  bound the publication from below;
- years mentioned as past ("fell in 2017") and "last year" bound it coarsely.
The window (`earliest`, `latest`) says honestly what is known; `precision` says how
sure the `date` is.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..chrono import MONTH_RE, MONTHS, WEEKDAY_RE, WEEKDAYS, Period, explicit_dates, month_end, month_number, parse_period, safe_date
from ..record import Article

_FILE_PHOTO = re.compile(r"file photo|still image taken from (?:a )?video|posted on the internet", re.IGNORECASE)
_WEEKDAY_MENTION = re.compile(r"\b(?:on |last |this |since |by |until |early |late |from )?(" + WEEKDAY_RE + r")(?:’s|'s)?\b")
_FUTURE_CUE = re.compile(r"\b(?:will|would|next|to be held|is due|are due|scheduled|plans? to|expected to)\b[^.]{0,40}$")
_PAST_YEAR = re.compile(r"\b(?:in|since|of|from|during|by|until|early|late|mid-?)\s+((?:19|20)\d\d)\b")
_DATELINE_DAY = re.compile(r"^(" + MONTH_RE + r")\s+(\d{1,2})(?:,\s*((?:19|20)\d\d))?$")

# How far after a fresh (non-file) photo a story may run.
FRESH_PHOTO_DAYS = 6


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


def _weekdays_mentioned(body: str) -> list[int]:
    """Weekdays the body refers to as past or present (future ones are skipped)."""
    days = []
    for m in _WEEKDAY_MENTION.finditer(body):
        before = body[max(0, m.start() - 60) : m.start()]
        if _FUTURE_CUE.search(before) or (m.group(0).lower().startswith("next ")):
            continue
        days.append(WEEKDAYS[m.group(1).lower()])
    return days


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


def _fit_weekdays(anchor: date, weekdays: list[int], *, span: int = FRESH_PHOTO_DAYS) -> date | None:
    """The day on or after `anchor` from which the mentioned weekdays lie closest behind.

    Each mention costs how many days back it lies; the day with the smallest worst
    cost wins, the earliest on ties. Without mentions there is nothing to fit.
    """
    if not weekdays:
        return None
    best: tuple[int, int, date] | None = None
    for offset in range(span + 1):
        day = anchor + timedelta(days=offset)
        costs = [(day.weekday() - w) % 7 for w in weekdays]
        key = (max(costs), sum(costs), day)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def infer_published(art: Article, *, dateline_date: str | None = None) -> dict | None:
    body = art.body
    lower: list[date] = []  # the story is no older than these
    anchors: list[date] = []  # fresh photos: the story runs within days of these
    caption_weekdays_ok: list[date] = []
    weekdays = _weekdays_mentioned(body)

    for caption in art.captions:
        found = explicit_dates(caption)
        if not found:
            continue
        shot = max(d for _, _, d in found)
        lower.append(shot)
        if not _FILE_PHOTO.search(caption):
            anchors.append(shot)
        elif _body_shows_photo_day(body, caption, shot):
            caption_weekdays_ok.append(shot)

    for _, _, d in explicit_dates(body):
        lower.append(d)

    year_floor = None
    for m in _PAST_YEAR.finditer(body):
        y = int(m.group(1))
        year_floor = max(year_floor or y, y)

    if dateline_date:
        m = _DATELINE_DAY.match(dateline_date.strip())
        if m:
            year = int(m.group(3)) if m.group(3) else _year_for(month_number(m.group(1)), anchors or lower)
            if year:
                d = safe_date(year, month_number(m.group(1)), int(m.group(2)))
                if d:
                    return _record(d, "day", d, d)

    anchor = max(anchors + caption_weekdays_ok) if (anchors or caption_weekdays_ok) else None
    floor = max(lower) if lower else None
    if anchor is not None:
        fitted = _fit_weekdays(anchor, weekdays)
        if fitted is not None:
            return _record(fitted, "day", fitted, fitted)
        latest = anchor + timedelta(days=FRESH_PHOTO_DAYS)
        precision = "month" if latest.month == anchor.month else "year"
        if latest.year != anchor.year:
            precision = "year"
        start = anchor.replace(day=1) if precision == "month" else anchor.replace(month=1, day=1)
        return _record(start, precision, anchor, latest)
    if floor is not None or year_floor is not None:
        earliest = floor
        if year_floor is not None and (earliest is None or earliest.year < year_floor):
            earliest = date(year_floor, 1, 1)
        return _record(date(earliest.year, 1, 1), "year", earliest, None)
    return None


def _year_for(month: int, known: list[date]) -> int | None:
    """The year of a month-and-day reference, from the nearest dated evidence."""
    if not known:
        return None
    ref = max(known)
    return ref.year if month >= ref.month else ref.year + 1


def _record(d: date, precision: str, earliest: date | None, latest: date | None) -> dict:
    if precision == "month":
        latest = min(latest, month_end(d)) if latest else month_end(d)
    return {
        "date": d.isoformat(),
        "precision": precision,
        "source": "inferred",
        "earliest": earliest.isoformat() if earliest else None,
        "latest": latest.isoformat() if latest else None,
    }
