"""Bounds on a publication day and the window they leave (the publication-date reader's arithmetic).

Each piece of evidence is a `Bound` (the day lies in lo..hi); `apply_bounds` narrows a
`Window` bound by bound, surest first, dropping a bound that would empty it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..chrono import When


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


def period_bounds(when: When) -> tuple[date, date] | None:
    if when.start and when.end:
        return when.start, when.end
    if when.year:
        return date(when.year, 1, 1), date(when.year, 12, 31)
    return None
