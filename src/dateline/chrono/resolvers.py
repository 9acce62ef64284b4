"""Resolving one kind of mention against one publication day: the `@resolver` registry.

Each kind of `Mention` has one function registered here with `@resolver(kind)`; a new
kind of time expression is a pattern in `mentions` and one registered function."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from ..registry import Registry
from .mentions import NUMBER_WORDS, VAGUE_COUNTS
from .periods import WEEKDAYS, add_months, month_end, month_number, safe_date, week_start
from .when import When, day, days, whole_month, whole_year


Resolver = Callable[[dict, "date | None", "str | None"], "When | None"]
RESOLVERS: dict[str, Resolver] = Registry("time resolver")
# Kinds that name a day relative to publication: when the publication day is not
# known they fall back to the publication month (or year).
DAY_RELATIVE: set[str] = set()
# Kinds that need no publication date at all.
ABSOLUTE: set[str] = set()


def resolver(kind: str, *, day_relative: bool = False) -> Callable[[Resolver], Resolver]:
    def register(fn: Resolver) -> Resolver:
        RESOLVERS.register(kind)(fn)
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


_SAME_DAY_OFFSET = {"the previous day": -1, "the day before": -1, "the following day": 1, "the next day": 1,
                    **{f"{det} day {side}": step for det in ("the", "a", "one")
                       for side, step in (("earlier", -1), ("later", 1))}}
