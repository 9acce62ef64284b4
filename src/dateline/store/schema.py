"""The store's schema, as numbered migrations that run when a database is opened.

`PRAGMA user_version` holds the version a database is at; opening it applies every
later migration, each in one transaction, so a database written by an older dateline
is brought up to date in place, and a half-applied migration never exists. A new
migration is one more registered function; released ones are never edited.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

from ..registry import Registry
from .tiles import tile_sql

# A migration is a function returning the SQL script that takes a database from the
# version before it to its own; the opener runs the script inside its transaction.
Migration = Callable[[], str]
MIGRATIONS: dict[int, Migration] = Registry("migration")
migration = MIGRATIONS.register


def span_table(name: str, columns: str) -> str:
    """An item table of the record (quotes, places, ...): its article, its position in the
    record's list, the item's `columns` and the span it covers in the body."""
    return f"""CREATE TABLE {name} (
            id          INTEGER PRIMARY KEY,
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            n           INTEGER NOT NULL,
            {columns},
            start       INTEGER,
            "end"       INTEGER,
            UNIQUE (article_id, n)
        );"""


def statements(script: str) -> Iterator[str]:
    """The statements of a script, one at a time (trigger bodies kept whole).

    `executescript` would commit any open transaction first, so a migration could not
    share one transaction with its version bump.
    """
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf.strip()
            buf = ""
    if buf.strip().strip(";").strip():
        raise ValueError(f"incomplete SQL statement in migration: {buf.strip()[:60]!r}")


@migration(1)
def core_tables() -> str:
    """Articles and what the language layer found in them, with foreign keys and filter indexes."""
    return f"""
        CREATE TABLE stories (
            id        TEXT PRIMARY KEY,
            articles  INTEGER NOT NULL DEFAULT 1
        );

        -- seq is the ingest order: story assignment depends on it, and FTS uses it as rowid.
        CREATE TABLE articles (
            seq              INTEGER PRIMARY KEY AUTOINCREMENT,
            id               TEXT NOT NULL UNIQUE,
            title            TEXT,
            body             TEXT NOT NULL,
            published_date   TEXT,
            published_precision TEXT,
            story            TEXT NOT NULL REFERENCES stories(id) DEFERRABLE INITIALLY DEFERRED,
            duplicate_of     TEXT REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
            record           TEXT NOT NULL,   -- the rest of the record, JSON
            signature        BLOB,            -- MinHash values, for story assignment
            signature_size   INTEGER NOT NULL DEFAULT 0,
            ingested_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX articles_story ON articles(story);
        CREATE INDEX articles_published ON articles(published_date);

        CREATE TABLE events (
            id              INTEGER PRIMARY KEY,
            article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            n               INTEGER NOT NULL,   -- position in the record's events
            event_date      TEXT,
            year            INTEGER,
            time_precision  INTEGER,
            event_type      TEXT,
            sub_event_type  TEXT,
            actor1          TEXT,
            actor2          TEXT,
            country         TEXT,
            admin1          TEXT,
            location        TEXT,
            latitude        REAL,
            longitude       REAL,
            geo_precision   INTEGER,
            source          TEXT,
            notes           TEXT,
            fatalities      INTEGER,
            attribution     TEXT,
            confidence      REAL,
            evidence_start  INTEGER,
            evidence_end    INTEGER,
            evidence_text   TEXT,
            UNIQUE (article_id, n)
        );
        CREATE INDEX events_date ON events(event_date, id);
        -- The API sorts on these expressions (NULLs made comparable for cursor paging).
        CREATE INDEX events_date_sort ON events(COALESCE(event_date, ''), id);
        CREATE INDEX events_fatalities_sort ON events(COALESCE(fatalities, -1), id);
        CREATE INDEX events_type ON events(event_type, event_date);
        CREATE INDEX events_sub_type ON events(sub_event_type);
        CREATE INDEX events_country ON events(country COLLATE NOCASE, event_date);
        CREATE INDEX events_admin1 ON events(admin1 COLLATE NOCASE);
        CREATE INDEX events_attribution ON events(attribution);
        CREATE INDEX events_confidence ON events(confidence);
        CREATE INDEX events_position ON events(latitude, longitude);

        -- Both sides of every event, with the name stripped of ACLED's "(Syria)" or
        -- "(2000-)" qualifier, so "Islamic State" finds "Islamic State (Syria)".
        CREATE TABLE event_actors (
            event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role      INTEGER NOT NULL,   -- 1 or 2
            actor     TEXT NOT NULL,
            base      TEXT NOT NULL,
            PRIMARY KEY (event_id, role)
        ) WITHOUT ROWID;
        CREATE INDEX event_actors_actor ON event_actors(actor COLLATE NOCASE);
        CREATE INDEX event_actors_base ON event_actors(base COLLATE NOCASE);

        -- How articles wrote each canonical actor ("SDF" -> "QSD: Syrian Democratic Forces").
        CREATE TABLE actor_aliases (
            alias      TEXT NOT NULL COLLATE NOCASE,
            canonical  TEXT NOT NULL,
            mentions   INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (alias, canonical)
        ) WITHOUT ROWID;
        CREATE INDEX actor_aliases_canonical ON actor_aliases(canonical);

        {span_table("quotes", "text TEXT, kind TEXT, speaker TEXT, speaker_title TEXT")}
        CREATE INDEX quotes_speaker ON quotes(speaker);

        {span_table("quantities", "low REAL, high REAL, approximate INTEGER, counts TEXT, claimant TEXT")}

        {span_table("places", "name TEXT, resolved TEXT, geonameid INTEGER, latitude REAL, longitude REAL, country_code TEXT, feature TEXT")}
        CREATE INDEX places_resolved ON places(resolved);

        {span_table("entities", "text TEXT, label TEXT, canonical TEXT")}
        CREATE INDEX entities_canonical ON entities(canonical);
        """


@migration(2)
def full_text() -> str:
    """FTS5 over article titles and bodies and over event evidence, kept in step by triggers.

    External-content tables: the text lives once, in `articles` and `events`. The
    article trigger fires only when title or body change, so story reassignment
    (an UPDATE of other columns) does not re-index bodies.
    """
    return """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='articles', content_rowid='seq',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
        END;

        CREATE VIRTUAL TABLE events_fts USING fts5(
            evidence_text, content='events', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
            INSERT INTO events_fts(rowid, evidence_text) VALUES (new.id, new.evidence_text);
        END;
        CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, evidence_text) VALUES ('delete', old.id, old.evidence_text);
        END;
        CREATE TRIGGER events_fts_update AFTER UPDATE OF evidence_text ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, evidence_text) VALUES ('delete', old.id, old.evidence_text);
            INSERT INTO events_fts(rowid, evidence_text) VALUES (new.id, new.evidence_text);
        END;

        -- Index what a version-1 database already holds.
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
        INSERT INTO events_fts(events_fts) VALUES ('rebuild');
        """


@migration(3)
def map_tiles() -> str:
    """Each located event's map tile (`tiles.py`), kept by triggers, and one index that
    holds, for each event type, the events in tile order with every column a filter
    reads: the map counts a grid cell of a view by walking it, never touching a row."""
    tile = tile_sql("new.latitude", "new.longitude")
    return f"""
        ALTER TABLE events ADD COLUMN map_tile INTEGER;
        CREATE TRIGGER events_map_tile_insert AFTER INSERT ON events
        WHEN new.latitude IS NOT NULL AND new.longitude IS NOT NULL BEGIN
            UPDATE events SET map_tile = {tile} WHERE id = new.id;
        END;
        CREATE TRIGGER events_map_tile_update AFTER UPDATE OF latitude, longitude ON events BEGIN
            UPDATE events SET map_tile = CASE WHEN new.latitude IS NULL OR new.longitude IS NULL THEN NULL ELSE {tile} END
            WHERE id = new.id;
        END;
        UPDATE events SET map_tile = {tile_sql("latitude", "longitude")} WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
        CREATE INDEX events_map ON events(
            event_type, map_tile, latitude, longitude, fatalities,
            event_date, confidence, country, admin1, sub_event_type, attribution
        ) WHERE map_tile IS NOT NULL;
        """


@migration(4)
def stats_index() -> str:
    """The counts by period and type, and the totals, read from one index holding every
    column they need (date, type, fatalities), not from the wide event rows."""
    return "CREATE INDEX events_period ON events(event_date, event_type, fatalities);"


def latest_version() -> int:
    return max(MIGRATIONS)
