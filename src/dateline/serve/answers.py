"""Answers kept while the store does not change.

Aggregates over the whole store (the map's cells, the counts by period, type and actor,
the filters' choices) cost the same for every analyst who opens the same view, and most
open the default one: each is computed once and served from memory until the store
changes. `PRAGMA data_version`, asked on a connection of the cache's own, changes whenever
any other connection (another process's ingest included) commits; then everything kept
is dropped, so an answer is never older than the data.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from ..store import connect

CACHED_ANSWERS = 512  # a few KB each


def request_key(request: Request) -> tuple:
    """What an answer depends on: the path and the query, its parameters in any order."""
    return (request.url.path, tuple(sorted(request.query_params.multi_items())))


class StoreCache:
    """JSON answers keyed by request, dropped when the store changes (least recently used
    first beyond `size`)."""

    def __init__(self, db: Path, size: int = CACHED_ANSWERS) -> None:
        self.db = db
        self.size = size
        self.lock = threading.Lock()
        self.conn = None
        self.version: int | None = None
        self.answers: OrderedDict[tuple, bytes] = OrderedDict()

    def answer(self, request: Request, make: Callable[[], Any]) -> Response:
        """The kept answer to `request`, or `make()`'s, kept for the next one."""
        key = request_key(request)
        with self.lock:
            if self.conn is None:
                self.conn = connect(self.db, readonly=True, check_same_thread=False)
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            if version != self.version:
                self.answers.clear()
                self.version = version
            body = self.answers.get(key)
            if body is not None:
                self.answers.move_to_end(key)
        if body is None:
            body = json.dumps(make(), ensure_ascii=False, separators=(",", ":")).encode()
            with self.lock:
                if self.version == version:
                    self.answers[key] = body
                    while len(self.answers) > self.size:
                        self.answers.popitem(last=False)
        return Response(body, media_type="application/json")

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None
