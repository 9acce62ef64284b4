"""One event, many reports: merge the events several articles report into one.

Two event mentions are the same event when they have the same type, their places
agree (within 25 km, or the same named place, or no place and the same country),
their dates agree at the coarser of their precisions, and their sides do not
conflict (equal, or one side unnamed). Comparisons run only inside blocks of one
event type and country, bucketed by month, so merging scales with the number of
events, not its square.

The merged event takes the most precise mention's fields (day over month, village
over province), ACLED's most conservative death toll (the lowest figure given), and
a `corroboration` list of every article that reports it.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from .. import settings


def _km(a: dict, b: dict) -> float | None:
    if a.get("latitude") is None or b.get("latitude") is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _day(ev: dict) -> date | None:
    try:
        return date.fromisoformat(ev["event_date"]) if ev.get("event_date") else None
    except ValueError:
        return None


def places_agree(a: dict, b: dict) -> bool:
    km = _km(a, b)
    if km is not None:
        return km <= settings.SAME_PLACE_KM
    if a.get("location") and b.get("location"):
        return a["location"].lower() == b["location"].lower()
    return a.get("country") == b.get("country")


def dates_agree(a: dict, b: dict) -> bool:
    da, db = _day(a), _day(b)
    if da is None or db is None:
        ya = a.get("year") or (da.year if da else None)
        yb = b.get("year") or (db.year if db else None)
        return ya is None or yb is None or ya == yb
    pa, pb = a.get("time_precision") or 1, b.get("time_precision") or 1
    coarse = max(pa, pb)
    if coarse == 1:
        return abs((da - db).days) <= settings.SAME_DAY_SLACK_DAYS
    if coarse == 2:
        return abs((da - db).days) <= settings.SAME_WEEK_SLACK_DAYS
    # A report dated only to the month is one event with another such report of that
    # month, but not with a report of a given day in it: "declared last month the defeat
    # of IS" and "slowed the offensive on Monday" are two events.
    return pa == pb and (da.year, da.month) == (db.year, db.month)


def sides_agree(a: dict, b: dict) -> bool:
    for key in ("actor1", "actor2"):
        if a.get(key) and b.get(key) and a[key].lower() != b[key].lower():
            return False
    return True


def same_event(a: dict, b: dict) -> bool:
    return (
        a.get("event_type") == b.get("event_type")
        and a.get("sub_event_type") == b.get("sub_event_type")
        and places_agree(a, b)
        and dates_agree(a, b)
        and sides_agree(a, b)
    )


def _bucket(ev: dict) -> tuple:
    d = _day(ev)
    return (d.year, d.month) if d else (ev.get("year"),)


def _neighbour_buckets(bucket: tuple) -> list[tuple]:
    if len(bucket) == 2:
        y, m = bucket
        prev = (y - 1, 12) if m == 1 else (y, m - 1)
        nxt = (y + 1, 1) if m == 12 else (y, m + 1)
        return [prev, bucket, nxt]
    return [bucket]


def merge_groups(mentions: list[tuple[str, dict]]) -> list[list[int]]:
    """Group indices of (article id, event) mentions that report one event."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple, dict[tuple, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (_, ev) in enumerate(mentions):
        blocks[(ev.get("event_type"), ev.get("country"))][_bucket(ev)].append(i)
    for buckets in blocks.values():
        for bucket, members in buckets.items():
            others = [j for nb in _neighbour_buckets(bucket) for j in buckets.get(nb, [])]
            for i in members:
                for j in others:  # each pair once: from the later mention's side
                    if j < i and find(i) != find(j) and same_event(mentions[i][1], mentions[j][1]):
                        ri, rj = find(i), find(j)
                        parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _precision_rank(ev: dict) -> tuple:
    return (
        ev.get("time_precision") or 3,
        ev.get("geo_precision") or 3,
        -(ev.get("confidence") or 0.0),
    )


def merged_event(mentions: list[tuple[str, dict]], group: list[int]) -> dict:
    best_i = min(group, key=lambda i: _precision_rank(mentions[i][1]))
    merged = dict(mentions[best_i][1])
    figures = [mentions[i][1].get("fatalities") for i in group if mentions[i][1].get("fatalities") is not None]
    merged["fatalities"] = min(figures) if figures else None
    articles = sorted({mentions[i][0] for i in group})
    merged["corroboration"] = articles
    attributions = {mentions[i][1].get("attribution") for i in group}
    if "reported" in attributions:
        merged["attribution"] = "reported"
    conf = 1.0
    for i in group:
        conf *= 1.0 - float(mentions[i][1].get("confidence") or 0.5)
    merged["confidence"] = round(min(0.99, 1.0 - conf), 2)
    merged["event_id"] = event_id(mentions, group)
    merged["article_id"] = mentions[best_i][0]
    return merged


def event_id(mentions: list[tuple[str, dict]], group: list[int]) -> str:
    keys = sorted(f"{mentions[i][0]}:{mentions[i][1]['evidence']['start']}:{mentions[i][1].get('sub_event_type')}" for i in group)
    return hashlib.sha256("|".join(keys).encode()).hexdigest()[:16]


def _mentions(records: Iterable[dict]) -> list[tuple[str, dict]]:
    out = []
    for rec in records:
        for ev in rec.get("events", []):
            slim = {k: ev.get(k) for k in (
                "event_date", "time_precision", "year", "event_type", "sub_event_type", "actor1", "actor2",
                "assoc_actor_1", "assoc_actor_2", "location", "country", "admin1", "latitude", "longitude", "geo_precision", "fatalities",
                "attribution", "source", "evidence", "confidence", "notes",
            )}
            out.append((rec["id"], slim))
    return out


def merge_events(records: Iterable[dict]) -> list[dict]:
    """The corpus-level view: one merged event per real event, in first-report order."""
    mentions = _mentions(records)
    return [merged_event(mentions, g) for g in merge_groups(mentions)]


def write_merged_jsonl(records: Callable[[], Iterator[dict]], path: Path) -> None:
    """Article records whose events carry `event_id` and `corroboration` (two passes)."""
    mentions = _mentions(records())
    groups = merge_groups(mentions)
    info: dict[int, tuple[str, list[str]]] = {}
    for g in groups:
        eid = event_id(mentions, g)
        arts = sorted({mentions[i][0] for i in g})
        for i in g:
            info[i] = (eid, arts)
    k = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records():
            for ev in rec.get("events", []):
                ev["event_id"], ev["corroboration"] = info[k]
                k += 1
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
