"""Event output formats for `/api/events?format=...`, registered by name.

CSV follows ACLED's column order, so a download sits beside ACLED data in the same
spreadsheet; dateline's own columns (the evidence, the confidence, where it came
from) come after ACLED's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..events.export import csv_lines


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


@output_format("csv", "text/csv; charset=utf-8", "csv")
def render_csv(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    # The one CSV writer dateline has (events/export.py): the same columns and cells as
    # `dateline extract -f events-csv`.
    return csv_lines((ev, ev.get("article_id")) for ev in events)


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
