"""Reading the store: event filters, sorting, cursor pages, statistics, full-text search.

Every filter is a registered clause that returns SQL with `?` placeholders and its
parameters; no value from a caller is ever spliced into SQL text. Column names and
sort expressions come only from the fixed tables below, looked up by key.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from . import tiles
from .rows import record_from_row


# SQLite's INTEGER range: a larger Python int cannot be bound as a parameter at all.
SQL_INT_MIN, SQL_INT_MAX = -(2**63), 2**63 - 1


def _storable(value: Any) -> bool:
    return not isinstance(value, int) or isinstance(value, bool) or SQL_INT_MIN <= value <= SQL_INT_MAX


@dataclass
class EventQuery:
    date_from: str | None = None
    date_to: str | None = None
    event_type: list[str] = field(default_factory=list)
    sub_event_type: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
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


# -- sorting and cursors --------------------------------------------------------------

# key -> SQL expression (NULLs mapped to a value below any real one, so that
# keyset comparisons stay total).
SORTS: dict[str, str] = {
    "date": "COALESCE(e.event_date, '')",
    "fatalities": "COALESCE(e.fatalities, -1)",
    "confidence": "COALESCE(e.confidence, -1.0)",
    "type": "COALESCE(e.event_type, '')",
    "sub_event_type": "COALESCE(e.sub_event_type, '')",
    "actor1": "COALESCE(e.actor1, '')",
    "actor2": "COALESCE(e.actor2, '')",
    "country": "COALESCE(e.country, '')",
    "admin1": "COALESCE(e.admin1, '')",
    "location": "COALESCE(e.location, '')",
    "attribution": "COALESCE(e.attribution, '')",
}
DEFAULT_SORT = "-date"


def parse_sort(sort: str | None) -> tuple[str, bool]:
    """'-date' -> ('date', descending)."""
    sort = (sort or DEFAULT_SORT).strip()
    desc = sort.startswith("-")
    key = sort.lstrip("-+")
    if key not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)} (prefix - for descending), not {sort!r}")
    return key, desc


def encode_cursor(sort: str, value: Any, last_id: int) -> str:
    raw = json.dumps({"s": sort, "v": value, "i": last_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        value, last_id, made_for = data["v"], data["i"], data["s"]
    except (ValueError, KeyError, TypeError):
        raise QueryError("cursor is not one this server gave out") from None
    if made_for != sort:
        raise QueryError("cursor was made for another sort order; start again without it")
    if not isinstance(last_id, int) or isinstance(value, (list, dict, bool)) or not (_storable(last_id) and _storable(value)):
        raise QueryError("cursor is not one this server gave out")
    return value, last_id


EVENT_SELECT = """
    SELECT e.id, e.article_id, a.title AS article_title, e.event_date, e.year, e.time_precision,
           e.event_type, e.sub_event_type, e.actor1, e.actor2, e.country, e.admin1, e.location,
           e.latitude, e.longitude, e.geo_precision, e.source, e.notes, e.fatalities, e.attribution,
           e.confidence, e.evidence_start, e.evidence_end, e.evidence_text
    FROM events e JOIN articles a ON a.id = e.article_id
"""


def event_dict(row: sqlite3.Row) -> dict[str, Any]:
    d = {k: row[k] for k in row.keys() if not k.startswith("evidence_")}
    d["evidence"] = {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence_text"]}
    return d


@dataclass
class EventPage:
    events: list[dict[str, Any]]
    next_cursor: str | None


# Sorts with an index on their expression (schema: events_date_sort, events_fatalities_sort).
INDEXED_SORTS = {"date", "fatalities"}


def _ordered_sql(
    q: EventQuery,
    conn: sqlite3.Connection,
    sort: str | None,
    cursor: str | None,
    *,
    select: str = EVENT_SELECT,
    in_sort_order: bool = False,
) -> tuple[str, list[Any], str, bool]:
    key, desc = parse_sort(sort)
    sort_label = ("-" if desc else "") + key
    expr = SORTS[key]
    cond, params = where(q, conn, in_sort_order=in_sort_order)
    if cursor:
        value, last_id = decode_cursor(cursor, sort_label)
        cond += f" AND ({expr}, e.id) {'<' if desc else '>'} (?, ?)"
        params += [value, last_id]
    direction = "DESC" if desc else "ASC"
    sql = f"{select} WHERE {cond} ORDER BY {expr} {direction}, e.id {direction}"
    return sql, params, sort_label, desc


# sort key -> the selected column its value comes from, and that value's stand-in for NULL
_SORT_COLUMN = {k: {"type": "event_type", "date": "event_date"}.get(k, k) for k in SORTS}
_NULL_AS = {"fatalities": -1, "confidence": -1.0}


def _sort_value(row: sqlite3.Row, key: str) -> Any:
    raw = row[_SORT_COLUMN[key]]
    return _NULL_AS.get(key, "") if raw is None else raw


def event_page(
    conn: sqlite3.Connection,
    q: EventQuery,
    *,
    sort: str | None = None,
    cursor: str | None = None,
    limit: int = 100,
    matches: int | None = None,
) -> EventPage:
    """One page of events. `matches`, when the caller has counted them, picks the plan:

    walking the sort index and filtering costs about limit * events / matches rows;
    filtering by index and sorting costs about `matches` rows. So when
    matches^2 > limit * events the walk wins (a broad filter), otherwise the filter
    indexes do (a narrow one). Either way only ids are sorted, and the wide rows are
    read for the page alone.
    """
    key, _ = parse_sort(sort)
    in_order = False
    if key in INDEXED_SORTS:
        if matches is None:
            in_order = not where(q, conn)[1]  # no filter at all
        else:
            events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            in_order = matches * matches > limit * events
    id_sql, params, sort_label, desc = _ordered_sql(q, conn, sort, cursor, select="SELECT e.id FROM events e", in_sort_order=in_order)
    ids = [r[0] for r in conn.execute(id_sql + " LIMIT ?", [*params, limit + 1])]
    more = len(ids) > limit
    ids = ids[:limit]
    rows: list[sqlite3.Row] = []
    if ids:
        marks = ", ".join("?" for _ in ids)
        by_id = {r["id"]: r for r in conn.execute(f"{EVENT_SELECT} WHERE e.id IN ({marks})", ids)}
        rows = [by_id[i] for i in ids]
    nxt = None
    if more and rows:
        nxt = encode_cursor(sort_label, _sort_value(rows[-1], sort_label.lstrip("-")), rows[-1]["id"])
    return EventPage([event_dict(r) for r in rows], nxt)


def iter_events(
    conn: sqlite3.Connection, q: EventQuery, *, sort: str | None = None, cursor: str | None = None, limit: int
) -> Iterator[dict[str, Any]]:
    sql, params, _, _ = _ordered_sql(q, conn, sort, cursor)
    for row in conn.execute(sql + " LIMIT ?", [*params, limit]):
        yield event_dict(row)


def next_cursor_after(conn: sqlite3.Connection, q: EventQuery, sort: str | None, cursor: str | None, limit: int) -> str | None:
    """The cursor for the page after `limit` rows, or None when they are the last."""
    sql, params, sort_label, _ = _ordered_sql(q, conn, sort, cursor)
    rows = conn.execute(sql + " LIMIT 2 OFFSET ?", [*params, limit - 1]).fetchall()
    if len(rows) < 2:
        return None
    return encode_cursor(sort_label, _sort_value(rows[0], sort_label.lstrip("-")), rows[0]["id"])


def count_events(conn: sqlite3.Connection, q: EventQuery) -> int:
    cond, params = where(q, conn)
    return conn.execute(f"SELECT count(*) FROM events e WHERE {cond}", params).fetchone()[0]


# -- statistics -----------------------------------------------------------------------

# interval -> SQL expression for the start of the period holding e.event_date.
INTERVALS: dict[str, str] = {
    "month": "substr(e.event_date, 1, 7) || '-01'",
    "week": "date(e.event_date, '-6 days', 'weekday 1')",  # the Monday on or before
    "year": "substr(e.event_date, 1, 4) || '-01-01'",
}


def event_stats(conn: sqlite3.Connection, q: EventQuery, *, interval: str = "month", top: int = 20) -> dict[str, Any]:
    """Counts for a filter. Each figure is read once: the counts by type are the sums of the
    counts by period and type (plus the undated events), and with no filter the actors'
    counts need no join with the events."""
    if interval not in INTERVALS:
        raise QueryError(f"interval must be one of {', '.join(INTERVALS)}")
    cond, params = where(q, conn)
    unfiltered = cond == "1"
    # With no filter, the articles are counted apart: along an index, with no sort.
    articles = "0" if unfiltered else "count(DISTINCT e.article_id)"
    total = conn.execute(
        f"SELECT count(*), COALESCE(sum(e.fatalities), 0), min(e.event_date), max(e.event_date), {articles} FROM events e WHERE {cond}",
        params,
    ).fetchone()
    if unfiltered:
        total = (*total[:4], conn.execute("SELECT count(DISTINCT article_id) FROM events").fetchone()[0])
    period = INTERVALS[interval]
    by_period = [
        {"period": r[0], "event_type": r[1], "events": r[2], "fatalities": r[3]}
        for r in conn.execute(
            f"SELECT {period} AS p, e.event_type, count(*), COALESCE(sum(e.fatalities), 0) FROM events e"
            f" WHERE e.event_date IS NOT NULL AND {cond} GROUP BY p, e.event_type ORDER BY p, e.event_type",
            params,
        )
    ]
    undated = conn.execute(
        f"SELECT e.event_type, count(*), COALESCE(sum(e.fatalities), 0) FROM events e WHERE e.event_date IS NULL AND {cond} GROUP BY e.event_type",
        params,
    ).fetchall()
    types: dict[str | None, list[int]] = {}
    for etype, n, dead in [(r["event_type"], r["events"], r["fatalities"]) for r in by_period] + [tuple(r) for r in undated]:
        sums = types.setdefault(etype, [0, 0])
        sums[0] += n
        sums[1] += dead
    # as SQL's ORDER BY count(*) DESC, event_type: most first, then by name, no type first
    by_type = [
        {"event_type": t, "events": n, "fatalities": dead}
        for t, (n, dead) in sorted(types.items(), key=lambda kv: (-kv[1][0], kv[0] is not None, kv[0] or ""))
    ]
    actors_from = "event_actors ea" if unfiltered else "event_actors ea JOIN events e ON e.id = ea.event_id"
    by_actor = [
        {"actor": r[0], "events": r[1]}
        for r in conn.execute(
            f"SELECT ea.actor, count(DISTINCT ea.event_id) AS n FROM {actors_from}"
            f" WHERE {cond} GROUP BY ea.actor ORDER BY n DESC, ea.actor LIMIT ?",
            [*params, top],
        )
    ]
    by_country = [
        {"country": r[0], "events": r[1]}
        for r in conn.execute(
            f"SELECT e.country, count(*) AS n FROM events e WHERE {cond} GROUP BY e.country ORDER BY n DESC, e.country LIMIT ?",
            [*params, top],
        )
    ]
    return {
        "events": total[0],
        "fatalities": total[1],
        "first_date": total[2],
        "last_date": total[3],
        "articles": total[4],
        "interval": interval,
        "by_type": by_type,
        "by_period": by_period,
        "by_actor": by_actor,
        "by_country": by_country,
    }


def facets(conn: sqlite3.Connection) -> dict[str, list]:
    """The values the dashboard offers in its filters."""
    return {
        "event_type": [r[0] for r in conn.execute("SELECT DISTINCT event_type FROM events WHERE event_type IS NOT NULL ORDER BY 1")],
        "sub_event_type": [
            r[0] for r in conn.execute("SELECT DISTINCT sub_event_type FROM events WHERE sub_event_type IS NOT NULL ORDER BY 1")
        ],
        "country": [r[0] for r in conn.execute("SELECT DISTINCT country FROM events WHERE country IS NOT NULL ORDER BY 1")],
        "admin1": [r[0] for r in conn.execute("SELECT DISTINCT admin1 FROM events WHERE admin1 IS NOT NULL ORDER BY 1")],
        "attribution": [r[0] for r in conn.execute("SELECT DISTINCT attribution FROM events WHERE attribution IS NOT NULL ORDER BY 1")],
    }


# -- the map ------------------------------------------------------------------------

# One cell of one event type: an index range walk (schema: events_map), the filters
# read from the same index. The cells come as JSON [[x, y, first code, end code], ...].
_CELL_TYPE_SQL = """
    SELECT json_extract(c.value, '$[0]'), json_extract(c.value, '$[1]'), t.value,
        (SELECT json_array(count(*), sum(e.latitude), sum(e.longitude))
         FROM events e INDEXED BY events_map
         WHERE e.map_tile IS NOT NULL AND e.event_type IS t.value
           AND e.map_tile >= json_extract(c.value, '$[2]') AND e.map_tile < json_extract(c.value, '$[3]')
           AND {cond})
    FROM json_each(?) c, json_each(?) t
"""
# The one event of each cell that holds one: [[x, y, type, first code, end code], ...].
_SINGLE_SQL = """
    SELECT json_extract(c.value, '$[0]'), json_extract(c.value, '$[1]'),
        (SELECT json_array(e.id, e.fatalities)
         FROM events e INDEXED BY events_map
         WHERE e.map_tile IS NOT NULL AND e.event_type IS json_extract(c.value, '$[2]')
           AND e.map_tile >= json_extract(c.value, '$[3]') AND e.map_tile < json_extract(c.value, '$[4]')
           AND {cond} LIMIT 1)
    FROM json_each(?) c
"""


def map_cells(conn: sqlite3.Connection, q: EventQuery, cells: list[tuple[int, int]], level: int) -> list[dict[str, Any]]:
    """The located events of `q` in each of `cells` (column, row at `level`, see tiles.py):
    how many of each type and their centre; for a cell that holds one event, its id and
    fatalities. Empty cells are left out.

    The work is one index walk per cell and event type, over the matching events in
    those cells alone: nothing is sorted and no row is read. (Only a count and two sums
    per walk: each more figure costs about a fifth more.)
    """
    if not cells:
        return []
    types = q.event_type or [r[0] for r in conn.execute("SELECT DISTINCT event_type FROM events")]
    cond, params = where(q, conn)
    codes = {(x, y): tiles.cell_codes(x, y, level) for x, y in cells}
    ranges = [[x, y, *codes[(x, y)]] for x, y in cells]
    rows = conn.execute(_CELL_TYPE_SQL.format(cond=cond), [*params, json.dumps(ranges), json.dumps(types)])
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for x, y, etype, agg in rows:
        n, lat_sum, lon_sum = json.loads(agg)
        if not n:
            continue
        c = found.get((x, y))
        if c is None:
            c = found[(x, y)] = {"cell": [x, y], "bounds": list(tiles.cell_bounds(x, y, level)), "count": 0,
                                 "lat": 0.0, "lon": 0.0, "types": {}, "event": None, "fatalities": None}
        c["count"] += n
        c["lat"] += lat_sum
        c["lon"] += lon_sum
        c["types"][etype or "Unknown"] = n
        c["raw_type"] = etype
    singles = [[x, y, c["raw_type"], *codes[(x, y)]] for (x, y), c in found.items() if c["count"] == 1]
    if singles:
        for x, y, single in conn.execute(_SINGLE_SQL.format(cond=cond), [*params, json.dumps(singles)]):
            found[(x, y)]["event"], found[(x, y)]["fatalities"] = json.loads(single)
    out = []
    for c in found.values():
        del c["raw_type"]
        c["lat"] = round(c["lat"] / c["count"], 5)
        c["lon"] = round(c["lon"] / c["count"], 5)
        c["type"] = max(sorted(c["types"]), key=c["types"].__getitem__)  # the most frequent; ties by name
        out.append(c)
    out.sort(key=lambda c: -c["count"])
    return out


def located_extent(conn: sqlite3.Connection, q: EventQuery) -> dict[str, Any]:
    """How many events of `q` have coordinates, and the box around them (None when none do)."""
    cond, params = where(q, conn)
    n, west, south, east, north = conn.execute(
        "SELECT count(*), min(e.longitude), min(e.latitude), max(e.longitude), max(e.latitude)"
        f" FROM events e WHERE e.map_tile IS NOT NULL AND {cond}",
        params,
    ).fetchone()
    return {"located": n, "bounds": [west, south, east, north] if n else None}


# -- corroboration --------------------------------------------------------------------

CORROBORATION_DAYS = 35  # a month either side: the widest date window `same event` accepts
MAX_CANDIDATES = 2_000


def event_by_id(conn: sqlite3.Connection, event_id: int) -> dict[str, Any] | None:
    row = conn.execute(f"{EVENT_SELECT} WHERE e.id = ?", (event_id,)).fetchone()
    return None if row is None else _with_story(conn, event_dict(row))


def _with_story(conn: sqlite3.Connection, ev: dict[str, Any]) -> dict[str, Any]:
    row = conn.execute("SELECT story, published_date FROM articles WHERE id = ?", (ev["article_id"],)).fetchone()
    ev["story"], ev["published"] = (row[0], row[1]) if row else (None, None)
    return ev


def corroboration_candidates(conn: sqlite3.Connection, ev: dict[str, Any]) -> list[dict[str, Any]]:
    """Events of other articles that could report the same event as `ev`: the same type and
    sub-type, dated within a month of it (or in its year when it has no day). Which of them
    do is for the caller's rule to say."""
    cond = ["e.article_id != ?", "e.event_type IS ?", "e.sub_event_type IS ?"]
    params: list[Any] = [ev["article_id"], ev["event_type"], ev["sub_event_type"]]
    if ev.get("event_date"):
        cond.append("e.event_date BETWEEN date(?, ?) AND date(?, ?)")
        params += [ev["event_date"], f"-{CORROBORATION_DAYS} days", ev["event_date"], f"+{CORROBORATION_DAYS} days"]
    elif ev.get("year"):
        cond.append("e.year = ?")
        params.append(ev["year"])
    rows = conn.execute(
        f"{EVENT_SELECT} WHERE {' AND '.join(cond)} ORDER BY e.event_date, e.id LIMIT ?", [*params, MAX_CANDIDATES]
    ).fetchall()
    return [_with_story(conn, event_dict(r)) for r in rows]


# -- actors ---------------------------------------------------------------------------


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def actors(conn: sqlite3.Connection, *, q: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Actors with their event counts, most active first, with the aliases articles used for them."""
    cond, params = "1", []
    if q:
        cond = "(ea.actor LIKE ? ESCAPE '\\' OR ea.base IN (SELECT canonical FROM actor_aliases WHERE alias LIKE ? ESCAPE '\\'))"
        params = [_like_pattern(q), _like_pattern(q)]
    rows = conn.execute(
        f"SELECT ea.actor, ea.base, count(DISTINCT ea.event_id) AS events,"
        f" sum(ea.role = 1) AS as_actor1, sum(ea.role = 2) AS as_actor2"
        f" FROM event_actors ea WHERE {cond} GROUP BY ea.actor ORDER BY events DESC, ea.actor LIMIT ?",
        [*params, limit],
    ).fetchall()
    out = []
    for r in rows:
        aliases = [
            a[0]
            for a in conn.execute(
                "SELECT alias FROM actor_aliases WHERE canonical IN (?, ?) AND alias != ? AND alias != ?"
                " GROUP BY alias ORDER BY sum(mentions) DESC, alias LIMIT 20",
                (r["actor"], r["base"], r["actor"], r["base"]),
            )
        ]
        out.append(
            {"actor": r["actor"], "events": r["events"], "as_actor1": r["as_actor1"], "as_actor2": r["as_actor2"], "aliases": aliases}
        )
    return out


# -- articles and search --------------------------------------------------------------


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    record = record_from_row(row)
    ids = dict(conn.execute("SELECT n, id FROM events WHERE article_id = ?", (article_id,)).fetchall())
    n = 0
    for ev in record.get("events", []):
        if isinstance(ev, dict):
            ev["event_id"] = ids.get(n)  # the id /api/events gives this event
            n += 1
    return record


def article_page(
    conn: sqlite3.Connection, *, q: str | None = None, story: str | None = None, cursor: str | None = None, limit: int = 50
) -> tuple[list[dict[str, Any]], str | None]:
    cond, params = ["1"], []
    if q:
        cond.append("a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(fts_query(q))
    if story:
        cond.append("a.story = ?")
        params.append(story)
    if cursor:
        try:
            after = int(cursor)
        except ValueError:
            after = None
        if after is None or not _storable(after):
            raise QueryError("cursor is not one this server gave out")
        cond.append("a.seq > ?")
        params.append(after)
    rows = conn.execute(
        "SELECT a.seq, a.id, a.title, a.published_date, a.published_precision, a.story, a.duplicate_of,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, length(a.body) AS characters"
        f" FROM articles a WHERE {' AND '.join(cond)} ORDER BY a.seq LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [{k: r[k] for k in r.keys() if k != "seq"} for r in rows]
    return items, (str(rows[-1]["seq"]) if more and rows else None)


SNIPPET_OPEN, SNIPPET_CLOSE = "\u00ab", "\u00bb"  # « » around matched words in snippets


def search(conn: sqlite3.Connection, text: str, *, limit: int = 20) -> dict[str, Any]:
    """Articles (titles and bodies) and events (evidence) matching the words of `text`, best first."""
    match = fts_query(text)
    arts = [
        {"id": r[0], "title": r[1], "published": r[2], "snippet": r[3]}
        for r in conn.execute(
            "SELECT a.id, a.title, a.published_date,"
            f" snippet(articles_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16)"
            " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
    ]
    events = [
        {"id": r[0], "article_id": r[1], "event_type": r[2], "event_date": r[3], "location": r[4], "snippet": r[5]}
        for r in conn.execute(
            "SELECT e.id, e.article_id, e.event_type, e.event_date, e.location,"
            f" snippet(events_fts, 0, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16)"
            " FROM events_fts JOIN events e ON e.id = events_fts.rowid"
            " WHERE events_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
    ]
    return {"q": text, "articles": arts, "events": events}
