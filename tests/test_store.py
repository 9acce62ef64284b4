"""The store: schema and migrations, idempotent batched writes, full text, stories,
and `dateline ingest` taking articles from the same reader and engine as extract."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

import dateline.engine
from dateline.cli import main
from dateline.read import read_inputs
from dateline.errors import InputError
from dateline.read.stories import assign_stories, signature
from dateline.record import ITEMS, fields
from dateline.store import Store, connect, ingest, latest_version, schema_version
from dateline.store import queries as Q
from dateline.store.database import migrate
from eventdata import build_records, dump_article, write_dump


@pytest.fixture
def db(tmp_path):
    return tmp_path / "store.db"


@pytest.fixture(scope="module")
def records():
    return build_records(12, seed=3)


def test_new_database_is_migrated_wal_with_foreign_keys(db):
    with Store(db) as store:
        assert schema_version(store.conn) == latest_version() >= 2
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "events", "quotes", "quantities", "places", "entities", "stories", "articles_fts", "events_fts"} <= tables


SQL_AFFINITY = {str: "TEXT", int: "INTEGER", bool: "INTEGER", float: "REAL"}
# Columns a table has beside the record type's COLUMN fields: keys, order, and the
# event's year and flattened evidence.
BOOKKEEPING = {"id", "article_id", "n"}
EVENT_EXTRAS = {"year": "INTEGER", "evidence_start": "INTEGER", "evidence_end": "INTEGER", "evidence_text": "TEXT", "map_tile": "INTEGER"}  # map_tile: store/tiles.py


@pytest.mark.parametrize("table", list(ITEMS))
def test_each_item_table_has_one_column_per_column_field_of_its_record_type(db, table):
    """Adding a COLUMN field to a record type fails here until a migration adds its column."""
    with Store(db) as store:
        info = {r["name"]: r["type"] for r in store.conn.execute(f"PRAGMA table_info({table})")}
    wanted = {f.name: SQL_AFFINITY[f.kind] for f in fields(ITEMS[table]) if f.column}
    if table == "events":
        wanted.update(EVENT_EXTRAS)
    assert {k: v for k, v in info.items() if k not in BOOKKEEPING} == wanted


def test_version_1_database_is_migrated_on_open_and_indexed(db, records):
    # A database written by the first schema, before full-text search existed.
    conn = connect(db)
    migrate(conn, str(db), upto=1)
    assert schema_version(conn) == 1
    conn.execute(
        "INSERT INTO stories (id) VALUES ('old1')"
    )
    conn.execute(
        "INSERT INTO articles (id, title, body, story, record) VALUES ('old1', 'Old title', 'Sandstorm grounded the convoy near Palmyra.', 'old1', '{}')"
    )
    conn.close()
    with Store(db) as store:
        assert schema_version(store.conn) == latest_version()
        hits = Q.search(store.conn, "sandstorm")["articles"]
        assert [h["id"] for h in hits] == ["old1"]
        # and new writes are indexed by the triggers
        store.add_records(records[:1])
        speaker = records[0]["quotes"][0]["speaker"]
        assert records[0]["id"] in {h["id"] for h in Q.search(store.conn, speaker)["articles"]}


def test_newer_schema_and_foreign_files_are_refused(tmp_path):
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(InputError, match="newer than this dateline"):
        Store(newer)

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (n INTEGER)")
    conn.close()
    with pytest.raises(InputError, match="not a dateline database"):
        Store(other)

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not SQLite at all\n" * 100)
    with pytest.raises(InputError, match="not a dateline database"):
        Store(garbage)

    with pytest.raises(InputError, match="directory"):
        Store(tmp_path)


def test_records_round_trip_and_spans_stay_true(db, records):
    with Store(db) as store:
        assert store.add_records(records) == len(records)
        for rec in records:
            got = Q.article(store.conn, rec["id"])
            events = got.pop("events")
            assert [{k: v for k, v in ev.items() if k != "event_id"} for ev in events] == rec["events"]
            assert all(isinstance(ev["event_id"], int) for ev in events)
            assert {k: got[k] for k in rec if k != "events"} == {k: rec[k] for k in rec if k != "events"}
            for ev in events:
                ev_row = store.conn.execute("SELECT * FROM events WHERE id = ?", (ev["event_id"],)).fetchone()
                assert got["body"][ev_row["evidence_start"] : ev_row["evidence_end"]] == ev_row["evidence_text"]
                assert ev_row["year"] == int(ev["event_date"][:4])
        n_events = sum(len(r["events"]) for r in records)
        counts = store.counts()
        assert counts["events"] == n_events
        assert counts["quotes"] == sum(len(r["quotes"]) for r in records)
        assert counts["places"] == sum(len(r["places"]) for r in records)
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_adding_the_same_articles_again_is_a_no_op(db, records):
    with Store(db) as store:
        store.add_records(records)
        before = store.counts()
        assert store.add_records(records) == 0
        assert store.add_records(list(reversed(records[:3]))) == 0
        assert store.counts() == before


def test_a_batch_is_one_transaction(db, records):
    with Store(db) as store:
        store.add_records(records[:2])
        broken = {"id": "broken", "title": "no body"}
        with pytest.raises(ValueError):
            store.add_records([records[2], records[3], broken])
        ids = {r[0] for r in store.conn.execute("SELECT id FROM articles")}
        assert ids == {records[0]["id"], records[1]["id"]}
        assert store.counts()["events"] == len(records[0]["events"]) + len(records[1]["events"])


def test_deleting_an_article_cascades_to_its_spans_and_index(db, records):
    with Store(db) as store:
        store.add_records(records[:3])
        gone = records[0]["id"]
        word = "Test"
        store.conn.execute("DELETE FROM articles WHERE id = ?", (gone,))
        for table in ("events", "quotes", "quantities", "places", "entities"):
            assert store.conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (gone,)).fetchone()[0] == 0
        assert gone not in {h["id"] for h in Q.search(store.conn, word, limit=50)["articles"]}
        assert store.conn.execute("SELECT count(*) FROM events_fts").fetchone()[0] == store.counts()["events"]


def test_actor_filter_takes_canonical_names_qualifier_free_names_and_aliases(db, records):
    with Store(db) as store:
        store.add_records(records)
        conn = store.conn

        def matching(**kw):
            return {(e["article_id"], e["evidence"]["start"]) for e in Q.iter_events(conn, Q.EventQuery(**kw), limit=10_000)}

        def expected(pred):
            return {(r["id"], ev["evidence"]["start"]) for r in records for ev in r["events"] if pred(ev)}

        both = expected(lambda ev: "Islamic State" in (ev["actor1"] or "") or "Islamic State" in (ev["actor2"] or ""))
        assert both and matching(actor=["Islamic State"]) == both
        syria_only = expected(lambda ev: "Islamic State (Syria)" in (ev["actor1"], ev["actor2"]))
        assert matching(actor=["islamic state (syria)"]) == syria_only
        # The records wrote the coalition as "U.S.-led coalition" (an entity with its canonical name).
        coalition = expected(lambda ev: "Global Coalition Against Daesh" in (ev["actor1"], ev["actor2"]))
        assert coalition and matching(actor=["U.S.-led coalition"]) == coalition
        assert matching(actor=["No Such Group"]) == set()


def test_event_text_search_treats_operators_as_words(db, records):
    with Store(db) as store:
        store.add_records(records)
        hits = list(Q.iter_events(store.conn, Q.EventQuery(q='"suicide bomber" checkpoint'), limit=1000))
        want = [ev for r in records for ev in r["events"] if "suicide bomber" in ev["evidence"]["text"]]
        assert len(hits) == len(want) > 0
        # FTS5 syntax in user text is quoted, not interpreted (and not an error).
        assert list(Q.iter_events(store.conn, Q.EventQuery(q="NEAR(suicide* OR) ^market"), limit=10)) == []
        with pytest.raises(Q.QueryError):
            Q.fts_query('"" ... ---')


def test_stories_match_the_extract_logic_in_ingest_order(db):
    base = dump_article(5).split("\n\n")
    lead = base[1]
    longer = lead + "\n\n" + "Officials said the depot had been hit twice before, and that repairs would take weeks to finish."
    arts = [
        {"id": "s1", "title": "A", "body": lead},
        {"id": "s2", "title": "B", "body": dump_article(9).split("\n\n")[1]},
        {"id": "s3", "title": "A, updated", "body": longer},
    ]
    with Store(db) as store:
        store.add_records(arts)
        store.assign_stories()
        stored = {r["id"]: (r["story"], r["duplicate_of"]) for r in store.conn.execute("SELECT id, story, duplicate_of FROM articles")}
        n_stories = store.counts()["stories"]
    want = assign_stories([signature(a["id"], a["body"]) for a in arts])
    assert stored == want
    assert n_stories == len({s for s, _ in want.values()})


def test_ingest_skips_stored_articles_before_the_language_layer(db, tmp_path, monkeypatch):
    first = tmp_path / "first.txt"
    write_dump(first, 6)
    both = tmp_path / "both.txt"
    write_dump(both, 10)  # the same 6, then 4 more

    seen: list[str] = []
    real = dateline.engine.annotate_stream

    def spy(articles, *args, **kw):
        def passing():
            for art in articles:
                seen.append(art.id)
                yield art

        return real(passing(), *args, **kw)

    monkeypatch.setattr(dateline.engine, "annotate_stream", spy)
    s1 = ingest([str(first)], db, workers=1, language=False, batch_size=4)
    assert (s1.added, s1.skipped, s1.articles_in_store) == (6, 0, 6)
    assert len(seen) == 6
    seen.clear()
    s2 = ingest([str(both)], db, workers=1, language=False, batch_size=4)
    assert (s2.added, s2.skipped, s2.articles_in_store) == (4, 6, 10)
    new_ids = [a.id for a in read_inputs([str(both)])][6:]
    assert seen == new_ids  # only the new articles reached the language layer
    seen.clear()
    s3 = ingest([str(both)], db, workers=1, language=False)
    assert (s3.added, s3.skipped) == (0, 10) and seen == []


def test_ingest_command_stores_and_reports(tmp_path, capsys):
    corpus = tmp_path / "corpus.txt"
    write_dump(corpus, 5)
    db = tmp_path / "cli.db"
    assert main(["ingest", str(corpus), "--db", str(db), "--workers", "1", "--no-language", "-q"]) == 0
    with Store(db) as store:
        assert store.counts()["articles"] == 5
        rec = Q.article(store.conn, next(iter(read_inputs([str(corpus)]))).id)
        assert rec["title"] == "Report 0 from Aleppo"
        assert rec["body"].startswith("ALEPPO (Test Wire) – An air strike")
    capsys.readouterr()


@pytest.mark.parametrize(
    "args, needle",
    [
        (["ingest", "{tmp}/missing.txt"], "no such file"),
        (["ingest", "{corpus}", "--db", "{tmp}"], "directory"),
        (["ingest", "{corpus}", "--db", "{tmp}/nodir/x.db"], "does not exist"),
        (["ingest", "{corpus}", "--db", "{corpus}"], "not a dateline database"),
        (["ingest", "{corpus}", "--workers", "0"], "--workers"),
        (["ingest", "{corpus}", "--batch-size", "0"], "--batch-size"),
        (["serve", "--db", "{tmp}/missing.db"], "no such database"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, args, needle):
    corpus = tmp_path / "corpus.txt"
    write_dump(corpus, 2)
    argv = [a.format(tmp=tmp_path, corpus=corpus) for a in args]
    if "--db" not in argv and argv[0] == "ingest":
        argv += ["--db", str(tmp_path / "ok.db")]
    code = main(argv + (["--no-language"] if argv[0] == "ingest" else []))
    err = capsys.readouterr().err
    assert code == 2
    lines = [l for l in err.splitlines() if "error:" in l]
    assert len(lines) == 1 and needle in lines[0], err
    assert "Traceback" not in err


def test_signature_is_stored_exactly(db, records):
    with Store(db) as store:
        store.add_records(records[:1])
        row = store.conn.execute("SELECT signature, signature_size FROM articles").fetchone()
    sig = signature(records[0]["id"], records[0]["body"])
    assert np.array_equal(np.frombuffer(row["signature"], dtype=np.uint64), sig.hashvalues)
    assert row["signature_size"] == sig.size


@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities", "fatalities", "location"])
@pytest.mark.parametrize(
    "query",
    [Q.EventQuery(), Q.EventQuery(country=["Iraq"]), Q.EventQuery(bbox=(38, 33, 45, 37), min_confidence=0.6), Q.EventQuery(actor=["Islamic State"], q="killing")],
    ids=["all", "country", "bbox+confidence", "actor+text"],
)
def test_both_query_plans_give_the_same_pages(db, sort, query):
    """event_page walks the sort index for broad filters and filters by index for narrow
    ones; which it picks must never change the answer."""
    with Store(db) as store:
        store.add_records(build_records(40, seed=21))
        conn = store.conn

        def pages(matches):
            out, cursor = [], None
            while True:
                page = Q.event_page(conn, query, sort=sort, cursor=cursor, limit=6, matches=matches)
                out.append([e["id"] for e in page.events])
                cursor = page.next_cursor
                if not cursor:
                    return out

        narrow, broad = pages(0), pages(10**9)
        assert narrow == broad
        flat = [i for p in narrow for i in p]
        assert len(flat) == len(set(flat)) == Q.count_events(conn, query) > 0


def test_ingest_dates_undated_articles_as_extract_does(tmp_path, seed_corpus):
    # Undated articles are dated with the other articles' help; the store must hold the
    # same publication dates as `dateline extract` writes, not a second opinion.
    from dateline.run import run_extract

    corpus = seed_corpus
    out = tmp_path / "out.jsonl"
    run_extract([str(corpus)], out, language=False)
    extracted = {r["id"]: r["published"] for r in map(json.loads, out.read_text().splitlines())}
    alone = {a.id: a.published for a in read_inputs([str(corpus)])}
    assert extracted != alone  # the corpus has an article the others help to date
    db = tmp_path / "seed.db"
    ingest([str(corpus)], db, workers=1, language=False)
    with Store(db) as store:
        stored = {i: Q.article(store.conn, i)["published"] for i in extracted}
    assert stored == extracted
