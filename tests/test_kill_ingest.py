"""`dateline ingest` killed with SIGKILL mid-run, then rerun: the database passes
SQLite's integrity checks and ends equal to a clean run's.

Real CLI, real reader, real language layer, on a generated corpus of short articles
in our own words (tests/eventdata.py).
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventdata import write_dump

N_ARTICLES = 200
KILL_AFTER = 15  # articles committed before the kill
DATELINE = str(Path(sys.executable).with_name("dateline"))
TABLES = ("articles", "events", "quotes", "quantities", "places", "entities", "stories", "event_actors", "actor_aliases")


def command(corpus: Path, db: Path) -> list[str]:
    return [DATELINE, "ingest", str(corpus), "--db", str(db), "--workers", "1", "--batch-size", "5", "--no-progress"]


def stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        snap = {
            "integrity": conn.execute("PRAGMA integrity_check").fetchall(),
            "foreign_keys": conn.execute("PRAGMA foreign_key_check").fetchall(),
            "counts": {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES},
            "articles": dict(conn.execute("SELECT id, seq FROM articles").fetchall()),
            "stories": dict(conn.execute("SELECT id, story || '|' || COALESCE(duplicate_of, '') FROM articles").fetchall()),
            "spans": {
                t: dict(conn.execute(f"SELECT article_id, count(*) FROM {t} GROUP BY article_id").fetchall())
                for t in ("events", "quotes", "quantities", "places", "entities")
            },
        }
        # FTS5's own check: the index agrees with the text it was built from.
        for fts in ("articles_fts", "events_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        snap["fts_rows"] = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'wire'").fetchone()[0]
        return snap
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_equals_a_clean_run(tmp_path):
    corpus = tmp_path / "corpus.txt"
    write_dump(corpus, N_ARTICLES)

    clean_db = tmp_path / "clean.db"
    subprocess.run(command(corpus, clean_db) + ["-q"], check=True, timeout=300)
    clean = snapshot(clean_db)
    assert clean["integrity"] == [("ok",)] and clean["foreign_keys"] == []
    assert clean["counts"]["articles"] == N_ARTICLES

    db = tmp_path / "killed.db"
    proc = subprocess.Popen(command(corpus, db) + ["-q"], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while stored(db) < KILL_AFTER:
        assert proc.poll() is None, "ingest ended before it could be killed: " + proc.stderr.read().decode()
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    after_kill = snapshot(db)
    partial = after_kill["counts"]["articles"]
    assert after_kill["integrity"] == [("ok",)] and after_kill["foreign_keys"] == []
    assert KILL_AFTER <= partial < N_ARTICLES, "the kill should land mid-run"
    # Whole batches only: every stored article has all of its spans, as in the clean run.
    for table, per_article in after_kill["spans"].items():
        for art_id, n in per_article.items():
            assert clean["spans"][table].get(art_id) == n, (table, art_id)
    assert set(after_kill["articles"]) <= set(clean["articles"])

    rerun = subprocess.run(command(corpus, db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    m = re.search(r"already stored\D+(\d+)", rerun.stderr)
    assert m and int(m.group(1)) == partial, rerun.stderr  # skipped, not extracted again

    final = snapshot(db)
    assert final["integrity"] == [("ok",)] and final["foreign_keys"] == []
    assert final["counts"] == clean["counts"]
    assert final["articles"].keys() == clean["articles"].keys()
    assert final["stories"] == clean["stories"]
    assert final["spans"] == clean["spans"]
    assert final["fts_rows"] == clean["fts_rows"] == N_ARTICLES
    # Ingest order is input order, killed or not (stories depend on it).
    assert sorted(final["articles"], key=final["articles"].get) == sorted(clean["articles"], key=clean["articles"].get)
