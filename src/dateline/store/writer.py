"""Writing article records into the store: one transaction per batch, idempotent by id.

An article whose id is already stored is left as it is (re-ingesting is a no-op), so a
rerun after a kill adds only what the killed run had not committed. Stories are
reassigned over every stored article afterwards, in ingest order, with the same
MinHash logic `dateline extract` uses, so the store agrees with the JSON Lines output.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..read.ids import check_id
from ..read.stories import Signature, assign_stories, signature
from ..record import Article
from .database import open_database, write_transaction
from .rows import (
    EVENT_FIELDS,
    ITEM_COLUMNS,
    actor_base,
    event_row,
    published_columns,
    record_json,
    span_row,
)

# (table, record key, fields) for the span tables filled the same way (events have their own).
SPAN_TABLES: list[tuple[str, str, dict[str, type]]] = [
    (name, name, fields) for name, fields in ITEM_COLUMNS.items() if name != "events"
]
EVENT_COLUMNS = ["article_id", "n", "year", "evidence_start", "evidence_end", "evidence_text", *EVENT_FIELDS]
COUNTED_TABLES = ("articles", "events", "quotes", "quantities", "places", "entities", "stories", "event_actors", "actor_aliases")


def _insert_sql(table: str, columns: list[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({cols}) VALUES ({marks})"


_SPAN_SQL = {table: _insert_sql(table, ["article_id", "n", *fields]) for table, _, fields in SPAN_TABLES}
_EVENT_SQL = _insert_sql("events", ["id", *EVENT_COLUMNS])


class Store:
    """A dateline database opened for writing (migrated on open)."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True, shared: bool = False) -> None:
        """`shared`: the object may be used from several threads (the server's writer), one call at a time."""
        self.path = Path(path)
        self.conn = open_database(self.path, create=create, check_same_thread=not shared)
        self._lock = threading.RLock()

    # -- reading what is there -------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def unseen(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles not stored yet (nor earlier in this stream), in order; skipped ones are counted."""
        seen: set[str] = set()
        self.skipped = 0
        for art in articles:
            if art.id in seen or self.has(art.id):
                self.skipped += 1
                continue
            seen.add(art.id)
            yield art

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES}

    # -- writing -------------------------------------------------------------------

    def add_records(self, records: Iterable[dict[str, Any] | Article]) -> int:
        """Store a batch of article records in one transaction; return how many were new."""
        with self._lock, write_transaction(self.conn):
            added = 0
            for rec in records:
                added += self._add_one(rec.to_dict() if isinstance(rec, Article) else rec)
        return added

    def _add_one(self, rec: dict[str, Any]) -> int:
        body = rec.get("body")
        if not isinstance(body, str):
            raise ValueError("an article record needs a 'body' string")
        art_id = check_id(rec.get("id")) or Article(body=body).id  # one the API can open
        story = str(rec.get("story") or art_id)
        date, precision = published_columns(rec.get("published"))
        sig = signature(art_id, body)
        cur = self.conn.execute(
            "INSERT INTO articles (id, title, body, published_date, published_precision, story, duplicate_of,"
            " record, signature, signature_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            (
                art_id,
                rec.get("title") if isinstance(rec.get("title"), str) else None,
                body,
                date,
                precision,
                story,
                rec.get("duplicate_of") or None,
                record_json({**rec, "id": art_id}),
                sig.hashvalues.astype(np.uint64).tobytes(),
                sig.size,
            ),
        )
        if cur.rowcount == 0:
            return 0  # already stored: re-ingesting is a no-op
        self.conn.execute("INSERT INTO stories (id, articles) VALUES (?, 1) ON CONFLICT(id) DO UPDATE SET articles = articles + 1", (story,))
        self._add_events(art_id, rec.get("events") or [])
        for table, key, fields in SPAN_TABLES:
            items = [it for it in (rec.get(key) or []) if isinstance(it, dict)]
            self.conn.executemany(
                _SPAN_SQL[table], [(art_id, n, *span_row(it, fields).values()) for n, it in enumerate(items)]
            )
        self._add_aliases(rec.get("entities") or [])
        return 1

    def _add_events(self, art_id: str, events: list) -> None:
        # Ids are given here, not by SQLite, so that events and their actors go in with
        # two executemany calls; BEGIN IMMEDIATE makes this the only writer.
        first = self.conn.execute("SELECT COALESCE(max(id), 0) + 1 FROM events").fetchone()[0]
        rows, sides = [], []
        for n, ev in enumerate(e for e in events if isinstance(e, dict)):
            row = event_row(ev)
            rows.append([first + n, art_id, n, *(row[c] for c in EVENT_COLUMNS[2:])])
            for role, actor in ((1, row["actor1"]), (2, row["actor2"])):
                if actor and actor.strip():
                    sides.append((first + n, role, actor.strip(), actor_base(actor)))
        self.conn.executemany(_EVENT_SQL, rows)
        self.conn.executemany("INSERT INTO event_actors (event_id, role, actor, base) VALUES (?, ?, ?, ?)", sides)

    def _add_aliases(self, entities: list) -> None:
        """Remember how the article wrote each canonical name, for the actor filter."""
        pairs: dict[tuple[str, str], int] = {}
        for ent in entities:
            if not isinstance(ent, dict):
                continue
            text, canonical = ent.get("text"), ent.get("canonical")
            if isinstance(text, str) and isinstance(canonical, str) and text.strip() and canonical.strip():
                key = (" ".join(text.split()), canonical.strip())
                pairs[key] = pairs.get(key, 0) + 1
        self.conn.executemany(
            "INSERT INTO actor_aliases (alias, canonical, mentions) VALUES (?, ?, ?)"
            " ON CONFLICT(alias, canonical) DO UPDATE SET mentions = mentions + excluded.mentions",
            [(a, c, m) for (a, c), m in pairs.items()],
        )

    # -- stories -------------------------------------------------------------------

    def assign_stories(self) -> int:
        """Group every stored article into stories (one transaction); return the number of stories."""
        with self._lock, write_transaction(self.conn):
            rows = self.conn.execute(
                "SELECT id, signature, signature_size, story, duplicate_of FROM articles ORDER BY seq"
            ).fetchall()
            sigs = [
                Signature(r["id"], np.frombuffer(r["signature"], dtype=np.uint64).copy(), r["signature_size"])
                for r in rows
                if r["signature"] is not None
            ]
            stories = assign_stories(sigs)
            changed = [
                (story, dup, r["id"])
                for r in rows
                if r["id"] in stories
                for story, dup in [stories[r["id"]]]
                if (story, dup) != (r["story"], r["duplicate_of"])
            ]
            self.conn.executemany("UPDATE articles SET story = ?, duplicate_of = ? WHERE id = ?", changed)
            self.conn.execute("DELETE FROM stories")
            self.conn.execute("INSERT INTO stories (id, articles) SELECT story, count(*) FROM articles GROUP BY story")
            return self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]

    # -- upkeep --------------------------------------------------------------------

    def integrity(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
