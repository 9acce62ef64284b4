"""Article records <-> table rows.

The record (docs/record-format.md) is kept whole as JSON, so `GET /api/articles/{id}`
returns exactly what was stored; its spans are also flattened into typed tables so
that they can be filtered and indexed. Values are coerced defensively: a record from
an older extractor or a hand-written file must not break an ingest.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..record import ITEMS, Event, columns

# The columns each item's table keeps (the table is named as the record's list), with
# the type each value is coerced to: the fields the record types mark COLUMN
# (tests/test_store.py checks that the migrated tables agree).
ITEM_COLUMNS: dict[str, dict[str, type]] = {name: columns(item) for name, item in ITEMS.items()}
EVENT_FIELDS: dict[str, type] = columns(Event)

# Columns of `articles` itself; everything else of the record goes into `record` JSON.
ARTICLE_COLUMNS = ("id", "title", "body", "story", "duplicate_of")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# ACLED's qualifiers: "(Syria)", "(2000-)", "(1979-2003)".
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


def coerce(value: Any, kind: type) -> Any:
    if value is None:
        return None
    try:
        if kind is str:
            return value if isinstance(value, str) else str(value)
        if kind is bool:
            return int(bool(value))
        if kind is int:
            if isinstance(value, bool):
                return int(value)
            return int(float(value))
        if kind is float:
            f = float(value)
            return f if f == f else None  # NaN has no place in SQL
    except (TypeError, ValueError):
        return None
    return value


def actor_base(name: str) -> str:
    """'Islamic State (Syria)' -> 'Islamic State'; 'Military Forces of Syria (2000-)' -> 'Military Forces of Syria'."""
    base = name
    while True:
        stripped = _QUALIFIER.sub("", base)
        if stripped == base or not stripped:
            return base.strip()
        base = stripped


def event_row(ev: dict) -> dict[str, Any]:
    row = {k: coerce(ev.get(k), t) for k, t in EVENT_FIELDS.items()}
    date = row["event_date"]
    if date is not None and not _DATE.match(date):
        row["event_date"] = None
    row["year"] = int(row["event_date"][:4]) if row["event_date"] else None
    evidence = ev.get("evidence") if isinstance(ev.get("evidence"), dict) else {}
    row["evidence_start"] = coerce(evidence.get("start"), int)
    row["evidence_end"] = coerce(evidence.get("end"), int)
    row["evidence_text"] = coerce(evidence.get("text"), str)
    return row


def span_row(item: dict, fields: dict[str, type]) -> dict[str, Any]:
    return {k: coerce(item.get(k), t) for k, t in fields.items()}


def published_columns(published: Any) -> tuple[str | None, str | None]:
    if isinstance(published, dict):
        date = published.get("date")
        return (date if isinstance(date, str) else None), coerce(published.get("precision"), str)
    return None, None


def record_json(record: dict) -> str:
    rest = {k: v for k, v in record.items() if k not in ARTICLE_COLUMNS}
    return json.dumps(rest, ensure_ascii=False, separators=(",", ":"))


def record_from_row(row: Any) -> dict:
    """The stored article as a record: the columns and the JSON, in the contract's field order."""
    rest = json.loads(row["record"])
    record = {
        "id": row["id"],
        "title": row["title"],
        "byline": rest.pop("byline", []),
        "dateline": rest.pop("dateline", None),
        "published": rest.pop("published", None),
        "captions": rest.pop("captions", []),
        "credits": rest.pop("credits", {}),
        "body": row["body"],
        "story": row["story"],
        "duplicate_of": row["duplicate_of"],
    }
    for key in ITEMS:
        record[key] = rest.pop(key, [])
    record.update(rest)
    return record
