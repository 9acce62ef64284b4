"""Reading articles and actors: one article's record, pages of articles, full-text search
over articles and events, and the actors with the aliases articles used for them."""

from __future__ import annotations

import sqlite3
from typing import Any

from ...errors import QueryError
from ..rows import record_from_row
from .filters import fts_query, storable

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
        if after is None or not storable(after):
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
