"""The store: one SQLite file (WAL) holding articles, events and their spans, with
full-text search; schema migrations run on open; ingest is batched and idempotent."""

from .database import DEFAULT_DB, connect, open_database, schema_version
from .ingest import IngestSummary, ingest, ingest_text, store_articles
from .schema import latest_version
from .writer import Store

__all__ = [
    "DEFAULT_DB",
    "IngestSummary",
    "Store",
    "connect",
    "ingest",
    "ingest_text",
    "latest_version",
    "open_database",
    "schema_version",
    "store_articles",
]
