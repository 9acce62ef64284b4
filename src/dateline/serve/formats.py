"""Event output formats for `/api/events?format=...`, registered by name.

CSV follows ACLED's column order, so a download sits beside ACLED data in the same
spreadsheet; dateline's own columns (the evidence, the confidence, where it came
from) come after ACLED's.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

ACLED_COLUMNS = [
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]
CSV_COLUMNS = [*ACLED_COLUMNS, "evidence", "confidence", "attribution", "article_id", "event_id"]


@dataclass(frozen=True)
class Format:
    media_type: str
    extension: str
    render: Callable[[Iterable[dict[str, Any]]], Iterator[str]]


FORMATS: dict[str, Format] = {}


def output_format(name: str, media_type: str, extension: str):
    def register(fn: Callable[[Iterable[dict[str, Any]]], Iterator[str]]):
        FORMATS[name] = Format(media_type, extension, fn)
        return fn

    return register


def csv_row(ev: dict[str, Any]) -> list[Any]:
    evidence = (ev.get("evidence") or {}).get("text")
    row = {
        **ev,
        # ACLED's notes describe the event; the evidence sentence does so in the article's words.
        "notes": ev.get("notes") or evidence,
        "evidence": evidence,
        "event_id": ev.get("id"),
    }
    return ["" if row.get(c) is None else row.get(c) for c in CSV_COLUMNS]


@output_format("csv", "text/csv; charset=utf-8", "csv")
def render_csv(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n, ev in enumerate(events, 1):
        writer.writerow(csv_row(ev))
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def geojson_feature(ev: dict[str, Any]) -> dict[str, Any] | None:
    if ev.get("latitude") is None or ev.get("longitude") is None:
        return None  # a GeoJSON point needs coordinates
    props = {k: v for k, v in ev.items() if k not in ("latitude", "longitude")}
    return {
        "type": "Feature",
        "id": ev.get("id"),
        "geometry": {"type": "Point", "coordinates": [ev["longitude"], ev["latitude"]]},
        "properties": props,
    }


@output_format("geojson", "application/geo+json", "geojson")
def render_geojson(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield '{"type":"FeatureCollection","features":['
    first = True
    for ev in events:
        feature = geojson_feature(ev)
        if feature is None:
            continue
        yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        first = False
    yield "]}"


@output_format("jsonl", "application/x-ndjson; charset=utf-8", "jsonl")
def render_jsonl(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    for ev in events:
        yield json.dumps(ev, ensure_ascii=False) + "\n"
