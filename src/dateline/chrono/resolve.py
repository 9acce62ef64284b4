"""Resolving mentions against a publication `Reference`: exactly when the day is
known; at both ends of the window, keeping what the two agree on, when it is not."""

from __future__ import annotations

from datetime import date, timedelta

from ..settings import SHORT_SPAN_DAYS
from .mentions import Mention, find_mentions
from .resolvers import _SAME_DAY_OFFSET, DAY_RELATIVE, RESOLVERS
from .when import Reference, UNRESOLVED, When, day, days, whole_month, whole_year


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
