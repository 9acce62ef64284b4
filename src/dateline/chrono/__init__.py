"""`dateline.chrono`: calendar primitives shared by the reader (publication dates) and the language
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

The modules, by job: `periods` (names, explicit dates, month arithmetic), `when`
(resolved times and the publication reference), `mentions` (recognition),
`resolvers` (the `@resolver` registry, one function per kind of mention) and
`resolve` (against a reference). This package's namespace is their public face.
"""

from .mentions import NUMBER_WORDS, Mention, find_mentions, tense_before
from .periods import (
    MONTH_RE,
    MONTHS,
    WEEKDAY_RE,
    WEEKDAYS,
    Period,
    add_months,
    explicit_dates,
    month_end,
    month_number,
    month_start,
    parse_period,
    safe_date,
    week_start,
    weekday_on_or_before,
)
from .resolve import resolve, resolve_all, timex_dict, timexes
from .resolvers import ABSOLUTE, DAY_RELATIVE, RESOLVERS, _count, resolver
from .when import UNRESOLVED, Reference, When, _iso, day, days, whole_month, whole_year

__all__ = [
    "MONTHS", "WEEKDAYS", "MONTH_RE", "WEEKDAY_RE", "Period", "When", "Reference", "Mention",
    "explicit_dates", "find_mentions", "resolve", "resolve_all", "timexes", "tense_before",
    "month_end", "month_start", "add_months", "week_start", "parse_period", "safe_date",
    "month_number", "weekday_on_or_before", "timex_dict", "RESOLVERS", "DAY_RELATIVE", "ABSOLUTE", "resolver",
    "UNRESOLVED", "NUMBER_WORDS", "day", "days", "whole_month", "whole_year", "_count", "_iso",
]
