"""Figures over the events a query keeps: counts by period, type, actor and country, the
values the dashboard's filters offer, and the map's cells."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ...errors import QueryError
from .. import tiles
from .filters import EventQuery, where

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
