"""Which events a query keeps: `EventQuery`, the registry of filter clauses, `where`.

Every filter is a registered clause that returns SQL with `?` placeholders and its
parameters; no value from a caller is ever spliced into SQL text. A new filter is one
field of `EventQuery` and one `@clause` function; `where` runs them all, in order.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...errors import QueryError

# SQLite's INTEGER range: a larger Python int cannot be bound as a parameter at all.
SQL_INT_MIN, SQL_INT_MAX = -(2**63), 2**63 - 1


def storable(value: Any) -> bool:
    return not isinstance(value, int) or isinstance(value, bool) or SQL_INT_MIN <= value <= SQL_INT_MAX


def any_of_values() -> Any:
    """A filter given as a list of values: an event with any of them passes; empty, no filter."""
    return field(default_factory=list)


@dataclass
class EventQuery:
    date_from: str | None = None
    date_to: str | None = None
    event_type: list[str] = any_of_values()
    sub_event_type: list[str] = any_of_values()
    actor: list[str] = any_of_values()
    country: list[str] = any_of_values()
    admin1: list[str] = any_of_values()
    attribution: list[str] = any_of_values()
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    min_confidence: float | None = None
    min_fatalities: int | None = None
    q: str | None = None
    article: str | None = None


Clause = Callable[[EventQuery, sqlite3.Connection], "tuple[str, list[Any]] | None"]
CLAUSES: list[Clause] = []


def clause(fn: Clause) -> Clause:
    CLAUSES.append(fn)
    return fn


def _any_of(column: str, values: list[str], *, nocase: bool = False) -> tuple[str, list[Any]] | None:
    if not values:
        return None
    marks = ", ".join("?" for _ in values)
    collate = " COLLATE NOCASE" if nocase else ""
    return f"{column}{collate} IN ({marks})", list(values)


@clause
def _date_from(q: EventQuery, _: sqlite3.Connection):
    return ("e.event_date >= ?", [q.date_from]) if q.date_from else None


@clause
def _date_to(q: EventQuery, _: sqlite3.Connection):
    return ("e.event_date <= ?", [q.date_to]) if q.date_to else None


@clause
def _event_type(q: EventQuery, _: sqlite3.Connection):
    return _any_of("e.event_type", q.event_type)


@clause
def _sub_event_type(q: EventQuery, _: sqlite3.Connection):
    return _any_of("e.sub_event_type", q.sub_event_type)


@clause
def _country(q: EventQuery, _: sqlite3.Connection):
    return _any_of("e.country", q.country, nocase=True)


@clause
def _admin1(q: EventQuery, _: sqlite3.Connection):
    return _any_of("e.admin1", q.admin1, nocase=True)


@clause
def _attribution(q: EventQuery, _: sqlite3.Connection):
    return _any_of("e.attribution", q.attribution)


@clause
def _min_confidence(q: EventQuery, _: sqlite3.Connection):
    return ("e.confidence >= ?", [q.min_confidence]) if q.min_confidence is not None else None


@clause
def _min_fatalities(q: EventQuery, _: sqlite3.Connection):
    return ("e.fatalities >= ?", [q.min_fatalities]) if q.min_fatalities is not None else None


@clause
def _article(q: EventQuery, _: sqlite3.Connection):
    return ("e.article_id = ?", [q.article]) if q.article else None


@clause
def _bbox(q: EventQuery, _: sqlite3.Connection):
    if q.bbox is None:
        return None
    west, south, east, north = q.bbox
    if west <= east:
        return "e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?", [south, north, west, east]
    # A box across the antimeridian.
    return "e.latitude BETWEEN ? AND ? AND (e.longitude >= ? OR e.longitude <= ?)", [south, north, west, east]


@clause
def _actor(q: EventQuery, conn: sqlite3.Connection):
    """Either side, by canonical name, by name without ACLED's qualifier, or by an alias articles used."""
    if not q.actor:
        return None
    names: set[str] = set()
    for term in q.actor:
        term = " ".join(term.split())
        if not term:
            continue
        names.add(term)
        for (canonical,) in conn.execute("SELECT canonical FROM actor_aliases WHERE alias = ?", (term,)):
            names.add(canonical)
    if not names:
        return None
    # A name matches an actor written with it plus a qualifier ("Islamic State" finds
    # "Islamic State (Syria)"), but a qualified name matches only itself.
    ordered = sorted(names)
    marks = ", ".join("?" for _ in ordered)
    sql = f"e.id IN (SELECT event_id FROM event_actors WHERE actor COLLATE NOCASE IN ({marks}) OR base COLLATE NOCASE IN ({marks}))"
    return sql, [*ordered, *ordered]


@clause
def _text(q: EventQuery, _: sqlite3.Connection):
    if not q.q:
        return None
    return "e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", [fts_query(q.q)]


_PHRASE = re.compile(r'"([^"]*)"|(\w+)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_SEARCH_TERMS = 16


def fts_query(text: str) -> str:
    """Words and "quoted phrases" of user text as an FTS5 query that means: all of them.

    Each term is re-quoted, so FTS5 operators in user text (NEAR, *, :, ^) are plain words.
    """
    terms: list[str] = []
    for phrase, word in _PHRASE.findall(text):
        words = _WORD.findall(phrase) if phrase else ([word] if word else [])
        if words:
            terms.append('"' + " ".join(words) + '"')
    if not terms:
        raise QueryError("search text has no words")
    if len(terms) > MAX_SEARCH_TERMS:
        raise QueryError(f"search text has more than {MAX_SEARCH_TERMS} terms")
    return " ".join(terms)


_COLUMN_REF = re.compile(r"(?<![\w.+])e\.(\w+)")


def where(q: EventQuery, conn: sqlite3.Connection, *, in_sort_order: bool = False) -> tuple[str, list[Any]]:
    """The WHERE condition of a query, with its parameters.

    `in_sort_order`: mark every filtered column with SQLite's unary `+`, so that no
    filter index is used and the query walks the sort index, stopping at its LIMIT;
    the better plan when many events match (see `event_page`). Only our own clause
    text is rewritten; values are always parameters.
    """
    parts, params = [], []
    for make in CLAUSES:
        made = make(q, conn)
        if made:
            sql = _COLUMN_REF.sub(r"+e.\1", made[0]) if in_sort_order else made[0]
            parts.append(f"({sql})")
            params.extend(made[1])
    return (" AND ".join(parts) if parts else "1"), params
