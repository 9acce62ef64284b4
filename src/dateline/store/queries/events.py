"""Reading events: sort orders, keyset cursors, pages, one event, corroboration candidates.

Column names and sort expressions come only from the fixed tables below, looked up by
key; the filters are `filters.where`'s.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...errors import QueryError
from .filters import EventQuery, storable, where

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
    if not isinstance(last_id, int) or isinstance(value, (list, dict, bool)) or not (storable(last_id) and storable(value)):
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
