"""Calendar names and periods: month and weekday names, explicit-date patterns
("March 10, 2017", "10 March 2017", "2017-03-10"), `Period`, month arithmetic."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .. import vocab


# The names (data/en/month_names.json, month_abbreviations.json, weekday_names.json), lower case -> number.
MONTHS = {**vocab.mapping("month_names"), **vocab.mapping("month_abbreviations")}
WEEKDAYS = dict(vocab.mapping("weekday_names"))
# As written: "January|...|December", "Jan|...|Dec" (full names first), "Monday|...|Sunday".
MONTH_NAMES_RE = "|".join(name.capitalize() for name in vocab.mapping("month_names"))
MONTH_ABBREVIATIONS_RE = "|".join(name.capitalize() for name in vocab.mapping("month_abbreviations"))

MONTH_RE = r"(?:" + MONTH_NAMES_RE + "|" + MONTH_ABBREVIATIONS_RE + r")\.?"
WEEKDAY_RE = r"(?:" + "|".join(name.capitalize() for name in WEEKDAYS) + r")"

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
