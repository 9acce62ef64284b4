"""Opening a store: one SQLite file in WAL mode, migrated to the latest schema on open.

WAL lets the server read while an ingest writes, and together with one transaction
per batch it keeps the file consistent whenever a process is killed: SQLite rolls an
unfinished transaction back the next time the file is opened.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError
from .schema import MIGRATIONS, latest_version, statements

DEFAULT_DB = "dateline.db"
# A writer waits this long for another writer's batch before giving up.
BUSY_TIMEOUT_MS = 30_000
MMAP_BYTES = 1 << 30  # address space, not memory: the OS pages it in as read
CACHE_KIB = 32_768


def connect(path: str | os.PathLike, *, readonly: bool = False, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection with the pragmas every part of dateline relies on (no migrations)."""
    target = Path(path)
    try:
        if readonly:
            conn = sqlite3.connect(
                f"{target.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=check_same_thread
            )
        else:
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=check_same_thread)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Map the file and keep a larger cache than SQLite's 2 MB: index pages are
        # touched at random by every write and read, and a big store would otherwise
        # pay a system call per page.
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a killed process loses nothing committed; only a power
            # cut may drop the last transactions, and never corrupts the file.
            conn.execute("PRAGMA synchronous = NORMAL")
        else:
            conn.execute("PRAGMA query_only = ON")
        conn.row_factory = sqlite3.Row
    except sqlite3.DatabaseError as e:
        raise InputError(str(path), f"not a dateline database ({e})") from None
    return conn


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One transaction that takes the write lock at once (other writers wait), committed or rolled back whole."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, label: str, *, upto: int | None = None) -> int:
    """Apply every migration the database lacks, each in its own transaction; return the version."""
    target = latest_version() if upto is None else upto
    while True:
        with write_transaction(conn):  # one migrator at a time; others wait, then see the new version
            current = schema_version(conn)
            if current > latest_version():
                raise InputError(label, f"database schema version {current} is newer than this dateline ({latest_version()}); upgrade dateline")
            if current >= target:
                return current
            if current == 0 and _has_foreign_tables(conn):
                raise InputError(label, "not a dateline database (it holds other tables)")
            step = current + 1
            for stmt in statements(MIGRATIONS[step]()):
                conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {step}")


def _has_foreign_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


def open_database(path: str | os.PathLike, *, create: bool = True, check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-write connection to a migrated store; InputError for a file that is not one."""
    target = Path(path)
    if target.is_dir():
        raise InputError(str(path), "is a directory; give a database file name")
    if not target.exists():
        if not create:
            raise InputError(str(path), "no such database (create it with `dateline ingest INPUT --db PATH`)")
        if not target.parent.exists():
            raise InputError(str(path), f"directory {target.parent} does not exist")
    conn = connect(target, check_same_thread=check_same_thread)
    try:
        migrate(conn, str(path))
    except sqlite3.DatabaseError as e:
        conn.close()
        raise InputError(str(path), f"not a dateline database ({e})") from None
    except BaseException:
        conn.close()
        raise
    return conn
