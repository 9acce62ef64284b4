"""Events as a spreadsheet: one row per event in ACLED's column order, plus ours."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from .merge import merge_events

ACLED_COLUMNS = [
    "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
]
OUR_COLUMNS = ["attribution", "evidence", "confidence", "article_id", "corroboration", "event_id"]
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS


def event_row(ev: dict, article_id: str | None = None) -> dict:
    row = {c: ev.get(c) for c in COLUMNS}
    row["year"] = ev.get("year") or (ev["event_date"][:4] if ev.get("event_date") else None)
    row["evidence"] = (ev.get("evidence") or {}).get("text")
    row["article_id"] = ev.get("article_id") or article_id
    corroboration = ev.get("corroboration")
    row["corroboration"] = ";".join(corroboration) if corroboration else article_id
    return {k: ("" if v is None else v) for k, v in row.items()}


def write_events_csv(records: Callable[[], Iterator[dict]], path: Path, *, merge: bool = False) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        if merge:
            for ev in merge_events(records()):
                writer.writerow(event_row(ev))
            return
        for rec in records():
            for ev in rec.get("events", []):
                writer.writerow(event_row(ev, rec["id"]))
