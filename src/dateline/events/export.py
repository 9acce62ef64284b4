"""Events as a spreadsheet: one row per event in ACLED's export columns and order, then ours.

The one column list and the one row builder for every CSV dateline writes:
`dateline extract -f events-csv` here, and `/api/events?format=csv` (serve/formats.py).
ACLED's columns hold what the event says or what ACLED's tables settle from it
(dateline.acled), and the associated actors the coder found (events/allies.py); the
rest (ACLED's own ids, admin2/3, source scale, tags) stay empty rather than guessed. Text cells are neutralised against
formula injection, so a spreadsheet never runs a sentence from the news.
"""

from __future__ import annotations

import csv
import hashlib
import io
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..acled import acled_columns
from .merge import merge_events

# ACLED's export columns, in ACLED's order (the ACLED codebook, "data columns at a glance").
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# dateline's own: how sure, in whose words, from which articles, under which stable id.
OUR_COLUMNS = ["attribution", "evidence", "confidence", "article_id", "corroboration", "event_id"]
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS

# OWASP's rule for CSV injection: a cell starting with one of these is a formula to a
# spreadsheet, so it is written with a leading apostrophe (shown, never evaluated).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value as written: None empty, text that a spreadsheet would evaluate defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def mention_id(article_id: str | None, ev: dict[str, Any]) -> str:
    """A stable id for one article's report of an event: the same in every output and database.

    The key is events.merge's, so an event only one article reports keeps this id when merged.
    """
    start = (ev.get("evidence") or {}).get("start")
    key = f"{article_id}:{start}:{ev.get('sub_event_type')}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def event_row(ev: dict[str, Any], article_id: str | None = None, timestamp: int | None = None) -> list[Any]:
    """One event (from a record, a merge or the store) as a CSV row in COLUMNS order."""
    article = ev.get("article_id") or article_id
    evidence = (ev.get("evidence") or {}).get("text")
    corroboration = ev.get("corroboration")
    row = {
        **{c: ev.get(c) for c in COLUMNS},
        **acled_columns(ev),
        "year": ev.get("year") or (int(ev["event_date"][:4]) if ev.get("event_date") else None),
        # ACLED's notes describe the event; the evidence sentence does so in the article's words.
        "notes": ev.get("notes") or evidence,
        "timestamp": timestamp,
        "evidence": evidence,
        "article_id": article,
        "corroboration": ";".join(corroboration) if corroboration else article,
        "event_id": ev.get("event_id") or mention_id(article, ev),
        # ACLED's own identifiers and fields the text does not give.
        "event_id_cnty": None,
    }
    return [safe_cell(row[c]) for c in COLUMNS]


def csv_lines(events: Iterable[tuple[dict[str, Any], str | None]], *, timestamp: int | None = None) -> Iterator[str]:
    """The CSV text, header first, in chunks: (event, article id) pairs in, lines out."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for n, (ev, article_id) in enumerate(events, 1):
        writer.writerow(event_row(ev, article_id, timestamp))
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def record_events(records: Iterable[dict], *, merge: bool = False) -> Iterator[tuple[dict[str, Any], str | None]]:
    if merge:
        yield from ((ev, None) for ev in merge_events(records))
        return
    for rec in records:
        for ev in rec.get("events", []):
            yield ev, rec["id"]


def write_events_csv(records: Callable[[], Iterator[dict]], path: Path, *, merge: bool = False) -> None:
    # ACLED's timestamp is when a row entered its dataset; here, when this file was written.
    stamp = int(time.time())
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for chunk in csv_lines(record_events(records(), merge=merge), timestamp=stamp):
            fh.write(chunk)
