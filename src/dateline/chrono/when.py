"""Resolved times (`When`, with a precision) and the publication `Reference` they are
resolved against (a day, or a window when the publication date is known only roughly)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..settings import SHORT_SPAN_DAYS
from .periods import Period, month_end, month_start, parse_period


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
