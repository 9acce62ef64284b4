"""Write jobs: article text the API accepted, waiting for the language layer.

`POST /api/articles` files a job and answers at once; a worker process claims jobs
one at a time, oldest first, ingests each, and records what it added (or the one-line
reason it failed), which `GET /api/jobs/{id}` shows. The jobs live beside the store,
in a small SQLite file of their own (`DB-jobs`): the API files a job without ever
waiting for the store's write lock, which the worker (at a low CPU priority) may hold
for a while. A killed worker or server loses no job: one left running is queued again
when the next worker starts, up to MAX_ATTEMPTS runs, then it fails.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from .database import connect, write_transaction

MAX_ATTEMPTS = 3  # runs of a job whose worker never finished it (killed, or out of memory)
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
SCHEMA = """
    CREATE TABLE IF NOT EXISTS jobs (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        state         TEXT NOT NULL DEFAULT 'queued',   -- queued, running, done, failed
        body          TEXT,                             -- the request's text, until it is done
        published     TEXT,                             -- ?published= of the request
        attempts      INTEGER NOT NULL DEFAULT 0,
        submitted_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        started_at    TEXT,
        finished_at   TEXT,
        result        TEXT,                             -- JSON: what was added
        error         TEXT                              -- the one-line reason it failed
    );
    CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, id);
"""


def jobs_path(db: str | os.PathLike) -> Path:
    """The jobs file of the store at `db`, beside it as SQLite's own -wal and -shm files are."""
    db = Path(db)
    return db.with_name(db.name + "-jobs")


class JobQueue:
    """The jobs of one store: filed by the API, claimed and closed by its worker (each call one transaction)."""

    def __init__(self, db: str | os.PathLike) -> None:
        self.conn = connect(jobs_path(db), check_same_thread=False)
        self.lock = threading.RLock()
        with self.lock, write_transaction(self.conn):
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)

    def _write(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self.lock, write_transaction(self.conn):
            return self.conn.execute(sql, params).fetchall()  # fetched before the commit

    # -- what the API does --------------------------------------------------------------

    def submit(self, text: str, published: str | None = None, *, limit: int | None = None) -> int | None:
        """File a job; None when `limit` jobs are queued or running already."""
        with self.lock, write_transaction(self.conn):
            if limit is not None and self.pending() >= limit:
                return None
            return self.conn.execute("INSERT INTO jobs (body, published) VALUES (?, ?) RETURNING id", (text, published)).fetchone()[0]

    def pending(self) -> int:
        """Jobs queued or running."""
        with self.lock:
            return self.conn.execute("SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')").fetchone()[0]

    def status(self, job_id: int) -> dict[str, Any] | None:
        """A job as the API shows it (no text), or None."""
        with self.lock:
            row = self.conn.execute(
                "SELECT id, state, submitted_at, started_at, finished_at, result, error FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
        if row is None:
            return None
        return {
            "job": row["id"],
            "state": row["state"],
            "submitted": row["submitted_at"],
            "started": row["started_at"],
            "finished": row["finished_at"],
            "result": json.loads(row["result"]) if row["result"] else None,
            "error": row["error"],
        }

    # -- what the worker does -------------------------------------------------------------

    def claim(self) -> tuple[int, str, str | None] | None:
        """The oldest queued job, marked running: (id, text, published), or None."""
        rows = self._write(
            f"UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = {_NOW}"
            " WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1)"
            " RETURNING id, body, published"
        )
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def finish(self, job_id: int, result: dict[str, Any]) -> None:
        self._write(
            f"UPDATE jobs SET state = 'done', body = NULL, result = ?, finished_at = {_NOW} WHERE id = ?",
            (json.dumps(result, ensure_ascii=False), job_id),
        )

    def fail(self, job_id: int, error: str) -> None:
        self._write(f"UPDATE jobs SET state = 'failed', body = NULL, error = ?, finished_at = {_NOW} WHERE id = ?", (error, job_id))

    def recover(self) -> None:
        """Jobs a killed worker left running: queued again, or failed after MAX_ATTEMPTS runs."""
        self._write("UPDATE jobs SET state = 'queued' WHERE state = 'running' AND attempts < ?", (MAX_ATTEMPTS,))
        self._write(
            f"UPDATE jobs SET state = 'failed', body = NULL, error = ?, finished_at = {_NOW} WHERE state = 'running'",
            (f"the worker stopped while running this job, {MAX_ATTEMPTS} times",),
        )

    def close(self) -> None:
        with self.lock:
            self.conn.close()
